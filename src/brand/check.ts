/**
 * Rules a brand must meet before anything is printed with it: text a reader with
 * low vision can still read (WCAG contrast 4.5:1 or more) on every background
 * the templates put it on, tints included.
 */
import { diagnosticAt, type JsonDocument } from '../content/json.js';
import type { Brand } from '../content/schema.js';
import type { DiagnosticInit } from '../diagnostics.js';
import { contrast, darken } from './colour.js';
import { themeFor } from './theme.js';

const MIN_CONTRAST = 4.5;

type ColourField = 'text' | 'primary' | 'onPrimary';

interface Pair {
  /** The brand colour a failure is reported against. */
  field: ColourField;
  colour: string;
  background: string;
  what: string;
}

/** Every pair of text colour and background the templates draw (the theme derives the tints from primary). */
function pairs(brand: Brand): Pair[] {
  const { colour } = themeFor(brand);
  const backgrounds = [
    { background: '#ffffff', where: 'on white paper' },
    { background: colour.cardFill, where: 'on the card and table-header tint' },
    ...(['info', 'warning', 'danger'] as const).map((tone) => ({
      background: colour.callout[tone].fill,
      where: `on the ${tone} callout's tint`,
    })),
  ];
  return [
    ...backgrounds.map(({ background, where }) => ({
      field: 'text' as const,
      colour: colour.text,
      background,
      what: `body text ${where}`,
    })),
    ...backgrounds.map(({ background, where }) => ({
      field: 'primary' as const,
      colour: colour.primary,
      background,
      what: `${background === '#ffffff' ? 'headings and links' : 'links and list bullets'} ${where}`,
    })),
    { field: 'onPrimary', colour: colour.onPrimary, background: colour.primary, what: 'text on the primary colour' },
  ];
}

function failing(brand: Brand): (Pair & { ratio: number })[] {
  return pairs(brand)
    .map((pair) => ({ ...pair, ratio: contrast(pair.colour, pair.background) }))
    .filter((pair) => pair.ratio < MIN_CONTRAST);
}

/**
 * The brand colour darkened just enough that every pair it is in passes. Darkening
 * primary also darkens its tints, so each candidate is checked with its own theme.
 */
function suggestion(brand: Brand, field: 'text' | 'primary', mustPass: readonly ColourField[] = [field]): string {
  for (let k = 1; k <= 100; k++) {
    const candidate = darken(brand.colours[field], k / 100);
    const trial = { ...brand, colours: { ...brand.colours, [field]: candidate } };
    if (!failing(trial).some((p) => mustPass.includes(p.field))) return candidate;
  }
  return '#000000';
}

export function brandProblems(brand: Brand, doc: JsonDocument): DiagnosticInit[] {
  return failing(brand).map(({ field, ratio, what }) => {
    const hint =
      field === 'onPrimary'
        ? `darken "primary" to ${suggestion(brand, 'primary', ['primary', 'onPrimary'])} or choose another "onPrimary"`
        : `darken it, e.g. to ${suggestion(brand, field)}`;
    return diagnosticAt(
      doc,
      ['colours', field],
      `contrast of ${what} is ${ratio.toFixed(2)}:1, below ${MIN_CONTRAST}:1`,
      hint,
    );
  });
}
