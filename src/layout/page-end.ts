/**
 * Why a page ends where it does: the rule that sent the rest to the next page. Pagination
 * records it on every page but the last, for the layout report; nothing else depends on it.
 */
import type { Slice } from './slice.js';

/** The rule that binds a slice to the one before it. */
export type Bond = 'keep-together' | 'keep-with-next' | 'orphans' | 'picture';

export type PageEndRule = 'page-break' | 'full' | Bond;

export interface PageEnd {
  rule: PageEndRule;
  /** The first words that start the next page. */
  next: string;
  /** The empty space left at the page's foot, in points. */
  room: number;
}

/**
 * The end of a page, given what moved to the next one: the slices a rule took along with
 * the one that did not fit (that one last), or the slice a page break starts.
 */
export function pageEnd(moved: readonly Slice[], forced: boolean, room: number): PageEnd {
  const bound = moved.at(-1);
  const rule: PageEndRule = forced
    ? 'page-break'
    : moved.length > 1 && bound
      ? (bound.bond ?? 'keep-together')
      : 'full';
  return { rule, next: firstWords(moved), room: Math.max(0, room) };
}

function firstWords(slices: readonly Slice[]): string {
  for (const s of slices) {
    const text = s.items
      .filter((i) => i.kind === 'text')
      .map((i) => i.text)
      .join(' ')
      .trim();
    if (text) return text.length > 40 ? `${text.slice(0, 39)}…` : text;
  }
  return '';
}
