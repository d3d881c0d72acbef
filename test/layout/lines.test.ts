import { describe, expect, it } from 'vitest';
import { loadFonts } from '../../src/brand/fonts.js';
import { hyphenatorFor } from '../../src/layout/hyphenation.js';
import { breakLines } from '../../src/layout/lines.js';
import { fontMeasurer } from '../../src/layout/measure.js';

const measure = fontMeasurer(loadFonts('atkinson-hyperlegible'));
const hyphenate = await hyphenatorFor('da');
const text = (s: string) => [{ kind: 'text' as const, text: s, bold: false }];
const lineTexts = (lines: ReturnType<typeof breakLines>) => lines.map((l) => l.fragments.map((f) => f.text).join(''));

describe('breakLines with Danish hyphenation', () => {
  it('splits a long compound in a narrow column at a valid point, only where the line needs it', () => {
    const width = measure.width('Efter et langt genoptræn', 'regular', 12);
    const lines = lineTexts(
      breakLines(text('Efter et langt genoptræningsforløb kan du gå hjem.'), width, 12, measure, 'regular', hyphenate),
    );
    expect(lines[0]).toMatch(/^Efter et langt (genop|genoptræ)-$/);
    // Joined again, the lines give back the text: the hyphen is the only thing added.
    expect(lines.join(' ').replace('- ', '')).toBe('Efter et langt genoptræningsforløb kan du gå hjem.');
    // A short word that fits is never split.
    const wide = lineTexts(
      breakLines(text('Efter et langt genoptræningsforløb.'), 1000, 12, measure, 'regular', hyphenate),
    );
    expect(wide).toEqual(['Efter et langt genoptræningsforløb.']);
  });

  it('never splits names, numbers or addresses', () => {
    const width = measure.width('Se Rygambulat', 'regular', 12);
    for (const word of ['Rygambulatoriet', 'https://doi.org/10.1016/S0140-6736(18)30480-X', '1234567890123456']) {
      const lines = lineTexts(breakLines(text(`Se ${word}`), width, 12, measure, 'regular', hyphenate));
      expect(lines[0], word).toBe('Se');
      // Cut only where it cannot fit, and no hyphen added.
      expect(lines.slice(1).join(''), word).toBe(word);
    }
    expect(lineTexts(breakLines(text('Se rygambulatoriet'), width, 12, measure, 'regular', hyphenate))[0]).toMatch(
      /^Se ryg.*-$/,
    );
  });
});
