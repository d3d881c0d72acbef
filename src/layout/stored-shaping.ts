/**
 * Shaped words and widths as a cache stores them, and the checks a stored one must
 * pass before it is used: a cache may come from anywhere, so a word is taken only if
 * it draws the word as it is, and a width only if the word's glyphs give it. Pure:
 * the store is measure.ts, the files shaping-cache.ts.
 */
import type { Font, Glyph } from '../brand/fonts.js';

/** A word as pdfkit's embedded font shapes it: positions in its 1000-unit em. */
export interface ShapedRun {
  glyphs: Glyph[];
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number; advanceWidth: number }[];
  advanceWidth: number;
}

/** A stored word: per glyph its id, x and y advance and offset (1000-unit em), then its code points. */
export type StoredRun = number[][];

/** No advance, offset or width in a cache is larger than this (1000-unit em, or em for widths). */
const MAX_MAGNITUDE = 1e5;
/** Kerning moves a glyph by a fraction of an em: anything further from the glyphs' own was not shaping. */
const MAX_KERNING_EM = 0.25;
const MAX_KERNING = MAX_KERNING_EM * 1000;

export function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) < MAX_MAGNITUDE;
}

/** A glyph of a stored run: its id in the font, four finite numbers, then code points. */
function isStoredGlyph(entry: unknown, numGlyphs: number): entry is number[] {
  if (!Array.isArray(entry) || entry.length < 5) return false;
  const [id, ...rest] = entry as unknown[];
  if (!Number.isInteger(id) || (id as number) < 0 || (id as number) >= numGlyphs) return false;
  for (let i = 0; i < rest.length; i++) {
    const value = rest[i];
    if (i < 4 ? !isNumber(value) : !Number.isInteger(value) || (value as number) < 0 || (value as number) > 0x10ffff)
      return false;
  }
  return true;
}

/** A stored word's glyphs, when each has the expected form and is one the font has. */
export function isStoredRun(run: unknown, font: Font): run is StoredRun {
  return Array.isArray(run) && run.every((glyph) => isStoredGlyph(glyph, font.numGlyphs));
}

/**
 * Whether a stored word draws the word and nothing else: its glyphs' code points spell
 * it, each glyph is the one the font maps its one character to, and each advance is
 * the glyph's own give or take kerning. A cache that names other glyphs (a 3 for an 8
 * in a phone number) or moves them over one another is not taken; such a word, and a
 * ligature, which this cannot check, is shaped again.
 */
export function drawsWord(run: StoredRun, word: string, font: Font): boolean {
  const scale = 1000 / font.unitsPerEm;
  const spelled: number[] = [];
  for (const [id, xAdvance, yAdvance, xOffset, yOffset, ...codePoints] of run) {
    if (codePoints.length !== 1 || yAdvance !== 0) return false;
    if (Math.abs(xOffset as number) > MAX_KERNING || Math.abs(yOffset as number) > MAX_KERNING) return false;
    const glyph = font.glyphForCodePoint(codePoints[0] as number);
    if (glyph.id !== id || Math.abs((xAdvance as number) - glyph.advanceWidth * scale) > MAX_KERNING) return false;
    spelled.push(codePoints[0] as number);
  }
  return String.fromCodePoint(...spelled) === word;
}

/** Whether a width per em is what the text's glyphs give, give or take kerning. */
export function plausibleWidth(font: Font, text: string, units: number): boolean {
  let own = 0;
  let count = 0;
  for (const character of text) {
    own += font.glyphForCodePoint(character.codePointAt(0) as number).advanceWidth;
    count++;
  }
  return Math.abs(units - own / font.unitsPerEm) <= MAX_KERNING_EM * count;
}

/** A stored word as pdfkit's embedded font keeps it: glyphs, positions scaled to its 1000-unit em, total advance. */
export function runOf(stored: StoredRun, font: Font): ShapedRun {
  const scale = 1000 / font.unitsPerEm;
  const glyphs: Glyph[] = [];
  const positions: ShapedRun['positions'] = [];
  let advanceWidth = 0;
  for (const [id, xAdvance, yAdvance, xOffset, yOffset, ...codePoints] of stored) {
    const glyph = (font.getGlyph as (id: number, codePoints: number[]) => Glyph)(id as number, codePoints);
    glyphs.push(glyph);
    positions.push({
      xAdvance: xAdvance as number,
      yAdvance: yAdvance as number,
      xOffset: xOffset as number,
      yOffset: yOffset as number,
      advanceWidth: glyph.advanceWidth * scale,
    });
    advanceWidth += xAdvance as number;
  }
  return { glyphs, positions, advanceWidth };
}

/** A shaped word as a cache stores it. */
export function storedRun(run: ShapedRun): StoredRun {
  return run.glyphs.map((glyph, i) => {
    const p = run.positions[i] as ShapedRun['positions'][number];
    return [glyph.id, p.xAdvance, p.yAdvance, p.xOffset, p.yOffset, ...glyph.codePoints];
  });
}
