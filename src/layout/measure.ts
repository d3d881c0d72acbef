/**
 * Text measurement with the same fontkit fonts pdfkit draws with, so what
 * layout measures is what the page shows. Shaping (fontkit's layout) was the
 * largest cost of a render, and the same words come back in every document:
 * both what layout measures and what pdfkit draws are shaped once per process
 * and font, and kept for every later document.
 */
import type { Font, LoadedFonts } from '../brand/fonts.js';
import type { Measurer } from './types.js';

/** Advance width in font units per em, by text; one map per font. No OpenType features are asked for. */
const widths = new WeakMap<Font, Map<string, number>>();

function widthPerEm(font: Font, text: string): number {
  let cache = widths.get(font);
  if (!cache) {
    cache = new Map();
    widths.set(font, cache);
  }
  let units = cache.get(text);
  if (units === undefined) {
    units = font.layout(text).advanceWidth / font.unitsPerEm;
    cache.set(text, units);
  }
  return units;
}

/**
 * pdfkit's cache of shaped words for one font, shared by every document of the
 * process. pdfkit keeps one per document (EmbeddedFont.layoutCache) and fills it
 * with runs scaled to its 1000-unit em, which depend only on the font, and never
 * changes a run once made; the subset and its glyph ids stay per document.
 */
const shapedRuns = new WeakMap<Font, Record<string, unknown>>();

export function sharedShapingCache(font: Font): Record<string, unknown> {
  let cache = shapedRuns.get(font);
  if (!cache) {
    cache = Object.create(null) as Record<string, unknown>;
    shapedRuns.set(font, cache);
  }
  return cache;
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
