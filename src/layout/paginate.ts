/**
 * Phase two of layout: fill pages with slices. When a slice does not fit, the
 * page breaks at the last place it may (before a heading and what must stay with
 * it); a slice already at the top of a page is never moved, so nothing loops.
 * A table row that starts a page gets its table's header rows above it again.
 */
import type { Slice } from './blocks.js';
import { moveItem, type PlacedItem } from './types.js';

export interface Frame {
  left: number;
  top: number;
  height: number;
}

interface Placed {
  slice: Slice;
  /** Index into the slices; undefined for a repeated table header. */
  index: number | undefined;
  y: number;
}

/** A table header drawn again is decoration for a screen reader, which has read it once. */
function repeated(header: Slice): Slice {
  return { ...header, items: header.items.map(({ tag: _tag, ...item }) => item as PlacedItem) };
}

/** Pages of items in page coordinates; returns at least one page. */
export function paginate(slices: readonly Slice[], frame: Frame): PlacedItem[][] {
  const pages: PlacedItem[][] = [];
  let page: Placed[] = [];
  let y = 0;
  const close = (upTo: number) => {
    pages.push(
      page.slice(0, upTo).flatMap((p) => p.slice.items.map((item) => moveItem(item, frame.left, frame.top + p.y))),
    );
    page = [];
    y = 0;
  };
  const place = (slice: Slice, index: number | undefined) => {
    const gap = page.length > 0 ? slice.spaceBefore : 0;
    page.push({ slice, index, y: y + gap });
    y += gap + slice.height;
  };

  let i = 0;
  while (i < slices.length) {
    const s = slices[i] as Slice;
    if (s.breakBefore && page.length > 0) {
      // What must stay with the slice (a heading above it) goes to the new page too;
      // when the page holds nothing else, the break has been made.
      const at = s.keepWithPrevious ? breakPoint(slices, page, i) : page.length;
      if (!(s.keepWithPrevious && at === page.length)) {
        if (at < page.length) i = page[at]?.index as number;
        close(at);
        continue;
      }
    }
    if (page.length === 0) {
      for (const header of s.header ?? []) place(repeated(header), undefined);
      place(s, i++);
      continue;
    }
    if (y + s.spaceBefore + s.height <= frame.height) {
      place(s, i++);
      continue;
    }
    const at = breakPoint(slices, page, i);
    if (at < page.length) i = page[at]?.index as number;
    close(at);
  }
  if (page.length > 0 || pages.length === 0) close(page.length);
  return pages;
}

/**
 * How many of the page's slices stay when slice `next` does not fit: the last
 * break allowed, or (when the whole page is one kept group) all of them.
 */
function breakPoint(slices: readonly Slice[], page: readonly Placed[], next: number): number {
  if (!(slices[next] as Slice).keepWithPrevious) return page.length;
  for (let k = page.length - 1; k >= 1; k--) {
    const placed = page[k] as Placed;
    // A repeated header is not a place to break at: it belongs to the row under it.
    if (placed.index !== undefined && !placed.slice.keepWithPrevious && page[k - 1]?.index !== undefined) return k;
  }
  return page.length;
}
