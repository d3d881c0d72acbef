/**
 * The unit pagination moves: a slice, measured and drawn at its own origin. Between
 * two slices a page may break unless the second keeps with the first. A slice may sit
 * inside frames (a card, a callout, a table row): pagination draws each frame around
 * the part of it that lands on a page, so a block split across pages is framed on both.
 */
import type { BlockKind } from '../markup/tree.js';
import { type Bond, moveItem, type PlacedItem } from './types.js';

export interface Frame {
  /** Identity: the slices of one block share their frame. */
  id: number;
  /** Offset from the text area's left edge. */
  x: number;
  /** Space between the frame's edge and its content, above and below. */
  pad: number;
  /** The frame's own items for a part `height` tall, at the part's top-left. */
  draw(height: number, part: { first: boolean; last: boolean }): PlacedItem[];
}

export interface Slice {
  height: number;
  /** Space above the slice, dropped at the top of a page. */
  spaceBefore: number;
  /** No page break between the slice before and this one. */
  keepWithPrevious: boolean;
  /** The rule that set keepWithPrevious, for the layout report (keep together when not said). */
  bond?: Bond;
  /** Start a new page before this slice. */
  breakBefore: boolean;
  /** Items at the slice's origin; x from the text area's left edge. */
  items: PlacedItem[];
  /** Drawn again above the slice when it starts a page: a table's header rows, a card's continued title. */
  header?: Slice[];
  /** The frames the slice sits in, outermost first. */
  frames?: Frame[];
  /** The block the slice belongs to, for an error when it cannot be placed. */
  block?: BlockKind;
}

export function slice(height: number, items: PlacedItem[], spaceBefore = 0, keepWithPrevious = false): Slice {
  return { height, spaceBefore, keepWithPrevious, breakBefore: false, items };
}

let nextFrame = 0;

/** A new frame; ids only need to differ within one document, so a process-wide counter will do. */
export function frame(pad: number, draw: Frame['draw']): Frame {
  return { id: nextFrame++, x: 0, pad, draw };
}

export function shift(items: PlacedItem[], dx: number, dy: number): PlacedItem[] {
  return items.map((i) => moveItem(i, dx, dy));
}

/** A slice moved right by dx, its frames with it. */
export function indent(s: Slice, dx: number): Slice {
  return {
    ...s,
    items: shift(s.items, dx, 0),
    frames: s.frames?.map((f) => ({ ...f, x: f.x + dx })),
    header: s.header?.map((h) => indent(h, dx)),
  };
}

/** Put slices inside a frame (outside any they already sit in). */
export function enclose(slices: Slice[], f: Frame): Slice[] {
  return slices.map((s) => ({ ...s, frames: [f, ...(s.frames ?? [])] }));
}

/** Stack slices into one unbreakable group at the origin (frames inside are not kept). */
export function stack(slices: Slice[]): { height: number; items: PlacedItem[] } {
  let y = 0;
  const items: PlacedItem[] = [];
  slices.forEach((s, i) => {
    if (i > 0) y += s.spaceBefore;
    items.push(...shift(s.items, 0, y));
    y += s.height;
  });
  return { height: y, items };
}

/** Total height of slices laid one under the other, as stack() would. */
export function heightOf(slices: readonly Slice[]): number {
  return slices.reduce((h, s, i) => h + (i > 0 ? s.spaceBefore : 0) + s.height, 0);
}

/** How many frames two neighbouring slices share (from the outside in). */
export function sharedFrames(a: Slice | undefined, b: Slice | undefined): number {
  const fa = a?.frames ?? [];
  const fb = b?.frames ?? [];
  let n = 0;
  while (n < fa.length && n < fb.length && fa[n]?.id === fb[n]?.id) n++;
  return n;
}

/**
 * The padding between two neighbouring slices (either may be absent: a page's
 * top or foot): the bottom pads of the frames `a` leaves, the top pads of those `b` enters.
 */
export function framePads(a: Slice | undefined, b: Slice | undefined): { closing: number; opening: number } {
  const shared = sharedFrames(a, b);
  const sum = (frames: Frame[] | undefined) => (frames ?? []).slice(shared).reduce((t, f) => t + f.pad, 0);
  return { closing: sum(a?.frames), opening: sum(b?.frames) };
}

/** Height of slices laid one under the other on an endless page, frames' padding included. */
export function runHeight(slices: readonly Slice[]): number {
  let h = 0;
  slices.forEach((s, i) => {
    const { closing, opening } = framePads(slices[i - 1], s);
    h += closing + (i > 0 ? s.spaceBefore : 0) + opening + s.height;
  });
  return h + framePads(slices.at(-1), undefined).closing;
}
