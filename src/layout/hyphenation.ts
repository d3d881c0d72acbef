/**
 * Where a word may be split at a line's end, from the language's TeX patterns
 * ("genoptræningsforløb" -> genop-træ-nings-for-løb). Layout asks only for the
 * words that do not fit.
 */
import type da from 'hyphen/da/index.js';
import type { Hyphenator } from './lines.js';

// Loaded on first use, one language at a time: the patterns are a large part of a cold start.
const PATTERNS: Record<string, () => Promise<{ default: typeof da }>> = {
  da: () => import('hyphen/da/index.js'),
  en: () => import('hyphen/en-gb/index.js'),
};

export async function hyphenatorFor(language: string): Promise<Hyphenator | undefined> {
  const load = PATTERNS[language.slice(0, 2)];
  if (!load) return undefined;
  const { default: patterns } = await load();
  const cache = new Map<string, string[]>();
  return (word) => {
    let pieces = cache.get(word);
    if (!pieces) {
      // Keep at least three letters on each side of a break: "ud-" alone on a line helps no one.
      pieces = patterns.hyphenateSync(word, { hyphenChar: '\u00ad' }).split('\u00ad');
      while (pieces.length > 1 && (pieces[0] as string).length < 3) pieces.splice(0, 2, `${pieces[0]}${pieces[1]}`);
      while (pieces.length > 1 && (pieces.at(-1) as string).replace(/[.,;:!?)]+$/, '').length < 3)
        pieces.splice(-2, 2, `${pieces.at(-2)}${pieces.at(-1)}`);
      cache.set(word, pieces);
    }
    return pieces;
  };
}
