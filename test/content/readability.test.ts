import { describe, expect, it } from 'vitest';
import { capitalRuns, readability, sentences } from '../../src/content/readability.js';

describe('readability', () => {
  it('computes LIX as worked out by hand', () => {
    // 2 sentences, 10 words; long words (more than 6 letters): "muskelkorsettet", "beskytter", "rygsøjlen" = 3
    // ("løfter" has 6). LIX = 10 / 2 + 100 * 3 / 10 = 5 + 30 = 35.
    const r = readability(['Spænd muskelkorsettet før du løfter. Det beskytter rygsøjlen hver dag.']);
    expect(r).toMatchObject({ sentences: 2, words: 10, longWords: 3, lix: 35 });
  });

  it('treats list items and headings as sentences and lists the longest', () => {
    expect(sentences('Hvilestillinger\nLig på ryggen. Læg en pude under knæene!')).toEqual([
      'Hvilestillinger',
      'Lig på ryggen.',
      'Læg en pude under knæene!',
    ]);
    expect(readability(['Kort. En noget længere sætning her.']).longest[0]?.text).toBe('En noget længere sætning her.');
  });

  it('finds runs of capitals', () => {
    expect(capitalRuns('Husk: STOP OG RING TIL LÆGEN hvis det gør ondt. OBS: vigtigt.')).toEqual([
      'STOP OG RING TIL LÆGEN',
    ]);
  });
});
