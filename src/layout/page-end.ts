/**
 * Why a page ends where it does: the rule that sent the rest to the next page. Pagination
 * records it on every page but the last, for the layout report; nothing else depends on it.
 */
import type { Slice } from './slice.js';
import type { PageEnd, PageEndRule } from './types.js';

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
