/**
 * Text measurement with the same fontkit fonts pdfkit draws with, so what
 * layout measures is what the page shows. Shaping (fontkit's layout) was the
 * largest cost of a render, and the same words come back in every document:
 * both what layout measures and what pdfkit draws are shaped once per process
 * and font, and kept for every later document; a process may also start from the
 * words an earlier one shaped (shaping-cache.ts), each checked when first used.
 */
import type { Font, LoadedFonts } from '../brand/fonts.js';
import { drawsWord, isStoredRun, plausibleWidth, runOf, type ShapedRun } from './stored-shaping.js';
import type { Measurer } from './types.js';

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
  /** Widths and words from a cache, taken when first used and found to be the text's (stored-shaping.ts). */
  storedWidths: Map<string, number>;
  storedRuns: Map<string, unknown>;
  /** How many widths this process measured itself, and how many words it took from a cache. */
  measured: number;
  taken: number;
}

const shapings = new WeakMap<Font, Shaping>();

export function shapingOf(font: Font): Shaping {
  let shaping = shapings.get(font);
  if (!shaping) {
    shaping = {
      widths: new Map(),
      runs: Object.create(null) as Record<string, ShapedRun>,
      storedWidths: new Map(),
      storedRuns: new Map(),
      measured: 0,
      taken: 0,
    };
    shapings.set(font, shaping);
  }
  return shaping;
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

/**
 * A word as pdfkit shapes it, from this process or a cache, or undefined when
 * neither has it (or the cache's is not the word as it is): pdfkit then shapes it.
 */
export function shapedRun(font: Font, word: string): ShapedRun | undefined {
  const shaping = shapingOf(font);
  const known = shaping.runs[word];
  if (known) return known;
  const stored = shaping.storedRuns.get(word);
  if (stored === undefined) return undefined;
  shaping.storedRuns.delete(word);
  if (!isStoredRun(stored, font) || !drawsWord(stored, word, font)) return undefined;
  const run = runOf(stored, font);
  shaping.runs[word] = run;
  shaping.taken++;
  return run;
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
