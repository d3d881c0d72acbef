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
}

const shapings = new WeakMap<Font, Shaping>();

export function shapingOf(font: Font): Shaping {
  let shaping = shapings.get(font);
  if (!shaping) {
    shaping = { widths: new Map(), runs: Object.create(null) as Record<string, ShapedRun> };
    shapings.set(font, shaping);
  }
  return shaping;
}

function widthPerEm(font: Font, text: string): number {
  const { widths } = shapingOf(font);
  let units = widths.get(text);
  if (units === undefined) {
    units = font.layout(text).advanceWidth / font.unitsPerEm;
    widths.set(text, units);
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
