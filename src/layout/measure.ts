/**
 * Text measurement with the same fontkit fonts pdfkit draws with, so what
 * layout measures is what the page shows. Shaping (fontkit's layout) was the
 * largest cost of a render, and the same words come back in every document:
 * both what layout measures and what pdfkit draws are shaped once per process
 * and font, and kept for every later document.
 */
import type { Font, Glyph, LoadedFonts } from '../brand/fonts.js';
import type { Measurer } from './types.js';

/** A word as pdfkit's embedded font shapes it: positions in its 1000-unit em. */
export interface ShapedRun {
  glyphs: Glyph[];
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number; advanceWidth: number }[];
  advanceWidth: number;
}

/**
 * What one font has shaped in this process: the advance width per em of each text
 * layout measured (no OpenType features asked for), and pdfkit's shaped words.
 * pdfkit keeps its words per document (EmbeddedFont.layoutCache) and fills them
 * with runs scaled to its 1000-unit em, which depend only on the font, and never
 * changes a run once made; the subset and its glyph ids stay per document.
 */
export interface Shaping {
  widths: Map<string, number>;
  runs: Record<string, ShapedRun>;
  /** Widths from a cache, taken into `widths` when first used and found plausible. */
  storedWidths: Map<string, number>;
  /** How many widths this process measured itself. */
  measured: number;
}

const shapings = new WeakMap<Font, Shaping>();

export function shapingOf(font: Font): Shaping {
  let shaping = shapings.get(font);
  if (!shaping) {
    shaping = {
      widths: new Map(),
      runs: Object.create(null) as Record<string, ShapedRun>,
      storedWidths: new Map(),
      measured: 0,
    };
    shapings.set(font, shaping);
  }
  return shaping;
}

/** Kerning moves a glyph by a fraction of an em: a width further from its glyphs' own was not measured. */
export const MAX_KERNING_EM = 0.25;

/** Whether a width per em is what the text's glyphs give, give or take kerning (a stored width may be anything). */
function plausibleWidth(font: Font, text: string, units: number): boolean {
  let own = 0;
  let count = 0;
  for (const character of text) {
    own += font.glyphForCodePoint(character.codePointAt(0) as number).advanceWidth;
    count++;
  }
  return Math.abs(units - own / font.unitsPerEm) <= MAX_KERNING_EM * count;
}

function widthPerEm(font: Font, text: string): number {
  const shaping = shapingOf(font);
  let units = shaping.widths.get(text);
  if (units === undefined) {
    const stored = shaping.storedWidths.get(text);
    shaping.storedWidths.delete(text);
    if (stored !== undefined && plausibleWidth(font, text, stored)) units = stored;
    else {
      units = font.layout(text).advanceWidth / font.unitsPerEm;
      shaping.measured++;
    }
    shaping.widths.set(text, units);
  }
  return units;
}

/** pdfkit's cache of shaped words for one font, shared by every document of the process. */
export function sharedShapingCache(font: Font): Record<string, unknown> {
  return shapingOf(font).runs;
}

/** One measurer per font family and process: what layout keeps per measurer (broken lines) outlives a document. */
const measurers = new WeakMap<LoadedFonts, Measurer>();

export function fontMeasurer(fonts: LoadedFonts): Measurer {
  let measurer = measurers.get(fonts);
  if (!measurer) {
    measurer = measurerOf(fonts);
    measurers.set(fonts, measurer);
  }
  return measurer;
}

function measurerOf(fonts: LoadedFonts): Measurer {
  return {
    width(text, style, size) {
      return widthPerEm(fonts[style], text) * size;
    },
    ascent(style, size) {
      const font = fonts[style];
      return (font.ascent / font.unitsPerEm) * size;
    },
    height(style, size) {
      const font = fonts[style];
      return ((font.ascent - font.descent) / font.unitsPerEm) * size;
    },
  };
}
