/**
 * Phase two of layout: fill pages with slices. When a slice does not fit, the
 * page breaks at the last place it may (before a heading and what must stay with
 * it); a slice already at the top of a page is never moved, so nothing loops.
 */
import type { Slice } from './blocks.js';
import { moveItem, type PlacedItem } from './types.js';

export interface Frame {
  left: number;
  top: number;
  height: number;
}

/** Pages of items in page coordinates; returns at least one page. */
export function paginate(slices: readonly Slice[], frame: Frame): PlacedItem[][] {
  const pages: PlacedItem[][] = [];
  let page: { slice: number; y: number }[] = [];
  let y = 0;
  const close = (upTo: number) => {
    const placed = page.slice(0, upTo);
    pages.push(placed.flatMap((p) => (slices[p.slice] as Slice).items.map((item) => moveItem(item, frame.left, frame.top + p.y))));
    page = [];
    y = 0;
  };

  let i = 0;
  while (i < slices.length) {
    const s = slices[i] as Slice;
    if (s.breakBefore && page.length > 0) {
      close(page.length);
      continue;
    }
    const gap = page.length > 0 ? s.spaceBefore : 0;
    if (page.length === 0 || y + gap + s.height <= frame.height) {
      page.push({ slice: i, y: y + gap });
      y += gap + s.height;
      i++;
      continue;
    }
    const at = breakPoint(slices, page, i);
    i = at === page.length ? i : (page[at] as { slice: number }).slice;
    close(at);
  }
  if (page.length > 0 || pages.length === 0) close(page.length);
  return pages;
}

/**
 * How many of the page's slices stay when slice `next` does not fit: the last
 * break allowed, or (when the whole page is one kept group) all of them.
 */
function breakPoint(slices: readonly Slice[], page: readonly { slice: number }[], next: number): number {
  if (!(slices[next] as Slice).keepWithPrevious) return page.length;
  for (let k = page.length - 1; k >= 1; k--) {
    if (!(slices[(page[k] as { slice: number }).slice] as Slice).keepWithPrevious) return k;
  }
  return page.length;
}
