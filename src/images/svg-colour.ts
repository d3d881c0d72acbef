/**
 * Colours as SVG writes them: #rgb, #rgba, #rrggbb, #rrggbbaa, rgb()/rgba() and
 * hsl()/hsla() (numbers or percentages, comma or space syntax), the named colours,
 * transparent, currentColor and none. culori parses the CSS colour syntax (only
 * its rgb and hsl modes are loaded): pdfkit knows only hex and names, and drew
 * anything else black without a word.
 */
import { modeHsl, modeRgb, parse, useMode } from 'culori/fn';

const toRgb = useMode(modeRgb);
useMode(modeHsl);

/** What a fill, stroke or colour attribute asks for. */
export type SvgColour =
  | { kind: 'none' }
  /** The `color` property's value where it is used. */
  | { kind: 'current' }
  /** The parent's value, as when the attribute is not there. */
  | { kind: 'inherit' }
  /** `hex` is #rrggbb; `alpha` 0 to 1. */
  | { kind: 'rgb'; hex: string; alpha: number };

const channel = (c: number) =>
  Math.round(Math.min(1, Math.max(0, c)) * 255)
    .toString(16)
    .padStart(2, '0');

/** A colour as SVG writes it, or undefined when it is none of the syntaxes above. */
export function parseSvgColour(value: string): SvgColour | undefined {
  const text = value.trim();
  const keyword = text.toLowerCase();
  if (keyword === 'none') return { kind: 'none' };
  if (keyword === 'currentcolor') return { kind: 'current' };
  if (keyword === 'inherit') return { kind: 'inherit' };
  const parsed = parse(text);
  if (!parsed) return undefined;
  const { r, g, b, alpha } = toRgb(parsed);
  return { kind: 'rgb', hex: `#${channel(r)}${channel(g)}${channel(b)}`, alpha: Math.min(1, Math.max(0, alpha ?? 1)) };
}

/** Attributes (and style properties) whose value is a colour. */
export const COLOUR_ATTRIBUTES = new Set(['fill', 'stroke', 'color', 'stop-color', 'flood-color', 'lighting-color']);
/**
 * Of those, the paints, which may also name a gradient or pattern: url(#id), with a
 * colour in case it is missing. Where a url() may point is svg-safety's rule, not this one.
 */
const PAINTS = new Set(['fill', 'stroke']);
const PAINT_SERVER = /^url\([^)]*\)\s*(.*)$/i;

/** Why a colour attribute's value cannot be drawn, or undefined when it can. */
export function colourProblem(attribute: string, value: string): string | undefined {
  let colour = value.trim();
  if (PAINTS.has(attribute)) {
    if (/^context-(fill|stroke)$/i.test(colour)) return undefined;
    const server = PAINT_SERVER.exec(colour);
    if (server) {
      colour = server[1] ?? '';
      if (colour === '') return undefined;
    }
  }
  if (parseSvgColour(colour)) return undefined;
  return `${attribute}="${value.trim().slice(0, 60)}" is not a colour`;
}

/** The hint every refused colour gets. */
export const COLOUR_HINT =
  'write a colour as #rrggbb, #rgb, rgb(r, g, b), rgba(r, g, b, a), hsl(h, s%, l%), a colour name such as "navy", currentColor or none';

/**
 * svg-to-pdfkit's colour hook: its own parser knows only #rgb, #rrggbb, rgb() and
 * names, and leaves hsl(), #rgba and percentages in rgba() undrawn.
 */
export function svgToPdfColour(
  theirs: [number[], number] | undefined,
  raw: string | undefined,
): [number[], number] | undefined {
  // It asks about the fallback colour after url(#id) too, which may be absent.
  const colour = raw === undefined ? undefined : parseSvgColour(raw);
  if (colour?.kind !== 'rgb') return theirs;
  const n = Number.parseInt(colour.hex.slice(1), 16);
  return [[(n >> 16) & 255, (n >> 8) & 255, n & 255], colour.alpha];
}
