/**
 * Readability of patient text. LIX (Björnsson's läsbarhetsindex), the measure
 * Danish plain-language guidance uses: words per sentence plus the percentage of
 * long words (more than six letters). Under 30 is easy, 40 is ordinary
 * patient information, above 50 is hard.
 */

export interface Readability {
  lix: number;
  words: number;
  sentences: number;
  longWords: number;
  /** The longest sentences, longest first. */
  longest: { text: string; words: number }[];
}

const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;

/** Sentences end at . ! ? : or a line break (list items and headings are sentences of their own). */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?:])\s+|\n+/u)
    .map((s) => s.trim())
    .filter((s) => s.search(WORD) >= 0);
}

export function readability(texts: readonly string[], keep = 3): Readability {
  const all = texts.flatMap(sentences);
  let words = 0;
  let longWords = 0;
  const counted = all.map((text) => {
    const found = text.match(WORD) ?? [];
    words += found.length;
    longWords += found.filter((w) => [...w.replace(/[-'’]/g, '')].length > 6).length;
    return { text, words: found.length };
  });
  const lix = words === 0 ? 0 : words / Math.max(1, all.length) + (100 * longWords) / words;
  return {
    lix: Math.round(lix * 10) / 10,
    words,
    sentences: all.length,
    longWords,
    longest: counted.sort((a, b) => b.words - a.words).slice(0, keep),
  };
}

/** Runs of more than three words in capitals: hard to read, and read out letter by letter. */
export function capitalRuns(text: string): string[] {
  return [...text.matchAll(/(?<![\p{L}])(?:\p{Lu}+[\s,.-]+){3,}\p{Lu}{2,}(?![\p{L}])/gu)].map((m) => m[0]);
}
