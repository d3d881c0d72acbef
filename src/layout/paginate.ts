/**
 * Phase two of layout: fill pages with slices. When a slice does not fit, the
 * page breaks at the last place it may (before a heading and what must stay with
 * it); a slice already at the top of a page is never moved, so nothing loops.
 * A slice that starts a page gets its header above it again (table header rows,
 * a card's continued title), and every frame is drawn around its part on each page.
 */
import { pageEnd } from './page-end.js';
import { shrinkGaps, slack } from './rules/flexible-space.js';
import { repeated } from './rules/header-repeat.js';
import { type Frame, framePads, type Slice, sharedFrames } from './slice.js';
import { moveItem, type PageEnd, type PlacedItem } from './types.js';

/** Where the slices go on every page: the text area. */
export interface Area {
  left: number;
  top: number;
  height: number;
}

interface Placed {
  slice: Slice;
  /** Index into the slices; undefined for a repeated header. */
  index: number | undefined;
  /** Top of the slice, from the area's top. */
  y: number;
  /** The space above it on this page, which may shrink. */
  gap: number;
}

/** A page's items in page coordinates, and why it ends (on every page but the last). */
export interface PagePart {
  items: PlacedItem[];
  end?: PageEnd;
}

/** Pages of items in page coordinates; returns at least one page. */
export function paginate(slices: readonly Slice[], area: Area): PagePart[] {
  const pages: PagePart[] = [];
  let page: Placed[] = [];
  /** Bottom of the last slice placed, frames still open. */
  let y = 0;
  /** Close the page after its first `upTo` slices; `next` is the slice that starts the next one. */
  const close = (upTo: number, next?: number) => {
    const kept = page.slice(0, upTo);
    const last = kept.at(-1);
    const bottom = last ? last.y + last.slice.height + framePads(last.slice, undefined).closing : 0;
    const tops = shrinkGaps(kept, bottom - area.height);
    const items = pageItems(
      kept.map((p, k) => ({ ...p, y: tops[k] as number })),
      slices,
      area,
    );
    if (next === undefined) pages.push({ items });
    else {
      const moved = [...page.slice(upTo).map((p) => p.slice), slices[next] as Slice];
      pages.push({ items, end: pageEnd(moved, (slices[next] as Slice).breakBefore, area.height - bottom) });
    }
    page = [];
    y = 0;
  };
  const gaps = () => page.reduce((sum, p) => sum + p.gap, 0);
  /** Where a slice would go: its top, and the bottom of the page's content with every frame closed. */
  const spot = (s: Slice) => {
    const last = page.at(-1)?.slice;
    const { closing, opening } = framePads(last, s);
    const gap = page.length > 0 ? s.spaceBefore : 0;
    const top = y + closing + gap + opening;
    return { top, gap, bottom: top + s.height + framePads(s, undefined).closing };
  };
  const place = (s: Slice, index: number | undefined) => {
    const { top, gap } = spot(s);
    page.push({ slice: s, index, y: top, gap });
    y = top + s.height;
  };

  let i = 0;
  while (i < slices.length) {
    const s = slices[i] as Slice;
    if (s.breakBefore && page.length > 0) {
      // What must stay with the slice (a heading above it) goes to the new page too;
      // when the page holds nothing else, the break has been made.
      const at = s.keepWithPrevious ? breakPoint(slices, page, i) : page.length;
      if (!(s.keepWithPrevious && at === page.length)) {
        const next = i;
        if (at < page.length) i = page[at]?.index as number;
        close(at, next);
        continue;
      }
    }
    if (page.length === 0) {
      for (const header of s.header ?? []) place(repeated(header), undefined);
      place(s, i++);
      continue;
    }
    const { bottom, gap } = spot(s);
    if (bottom <= area.height + slack(gaps() + gap)) {
      place(s, i++);
      continue;
    }
    const at = breakPoint(slices, page, i);
    const next = i;
    if (at < page.length) i = page[at]?.index as number;
    close(at, next);
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

/** A page's items: each frame's part first (outer under inner, all under the content), then the slices' own. */
function pageItems(placed: readonly Placed[], slices: readonly Slice[], area: Area): PlacedItem[] {
  const parts: { depth: number; items: PlacedItem[] }[] = [];
  const open = new Map<number, { top: number; first: boolean }>();
  /** Close a slice's frames from depth `from` inwards out: each one's pad below the one inside it. */
  const shut = (frames: readonly Frame[], from: number, bottom: number, last: (f: Frame) => boolean) => {
    for (let d = frames.length - 1; d >= from; d--) {
      const f = frames[d] as Frame;
      const part = open.get(f.id);
      if (!part) continue;
      bottom += f.pad;
      const items = f.draw(bottom - part.top, { first: part.first, last: last(f) });
      parts.push({ depth: d, items: items.map((item) => moveItem(item, area.left + f.x, area.top + part.top)) });
      open.delete(f.id);
    }
  };
  placed.forEach((p, k) => {
    const prev = placed[k - 1];
    const frames = p.slice.frames ?? [];
    const shared = sharedFrames(prev?.slice, p.slice);
    // Mid-page, a frame closes because its block has ended.
    if (prev) shut(prev.slice.frames ?? [], shared, prev.y + prev.slice.height, () => true);
    // Frames opened here start above the slice by their own pad and those of the frames inside them.
    let top = p.y;
    for (let d = frames.length - 1; d >= shared; d--) {
      const f = frames[d] as Frame;
      top -= f.pad;
      const before = p.index === undefined ? undefined : slices[p.index - 1];
      open.set(f.id, { top, first: p.index !== undefined && !inFrame(before, f) });
    }
  });
  const end = placed.at(-1);
  if (end) {
    const after = end.index === undefined ? undefined : slices[end.index + 1];
    shut(end.slice.frames ?? [], 0, end.y + end.slice.height, (f) => !inFrame(after, f));
  }
  parts.sort((a, b) => a.depth - b.depth);
  return [
    ...parts.flatMap((part) => part.items),
    ...placed.flatMap((p) => p.slice.items.map((item) => moveItem(item, area.left, area.top + p.y))),
  ];
}

function inFrame(s: Slice | undefined, f: Frame): boolean {
  return s?.frames?.some((g) => g.id === f.id) ?? false;
}
