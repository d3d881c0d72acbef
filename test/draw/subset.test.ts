/** The font subset written from cached glyph data is fontkit's own subset, byte for byte. */
import { describe, expect, it } from 'vitest';
import { FONT_FAMILIES, type FontFamilyId, loadFonts } from '../../src/brand/fonts.js';
import { fastSubset, type Subset } from '../../src/draw/subset.js';

/** A fixed pseudo-random sequence, so that a failure can be run again. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('font subsets', () => {
  for (const family of Object.keys(FONT_FAMILIES) as FontFamilyId[]) {
    for (const style of ['regular', 'bold'] as const) {
      it(`are fontkit's bytes for ${family} ${style}: composite glyphs (å, Ø), empty ones (space), any order`, () => {
        const font = loadFonts(family)[style];
        const next = random(family.length * 7 + style.length);
        const letters = [...'Hvis ryggen gør ondt: gå en tur, 0–10. Æblet på øen, ÅÆØ åæø fi fl'];
        const sets = [
          letters.map((c) => font.glyphForCodePoint(c.codePointAt(0) as number).id),
          ...Array.from({ length: 20 }, () =>
            Array.from({ length: 1 + Math.floor(next() * 80) }, () => Math.floor(next() * font.numGlyphs)),
          ),
        ];
        for (const ids of sets) {
          const theirs = font.createSubset() as unknown as Subset;
          const ours = font.createSubset() as unknown as Subset;
          for (const id of ids) {
            theirs.includeGlyph(id);
            ours.includeGlyph(id);
          }
          fastSubset(font, ours);
          expect(Buffer.from(ours.encode()).equals(Buffer.from(theirs.encode()))).toBe(true);
          expect(ours.glyphs).toEqual(theirs.glyphs);
        }
      });
    }
  }
});
