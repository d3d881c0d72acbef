/**
 * Header repeat: a slice that starts a page gets its header drawn above it again:
 * a table's header rows above a continued table, a card's title ("Øvelse 1 … (fortsat)")
 * above a continued card. The repeat is decoration for a screen reader, which read it once.
 */
import type { Slice } from '../slice.js';
import type { PlacedItem } from '../types.js';

/** The header as drawn again: the same items, with no structure of their own. */
export function repeated(header: Slice): Slice {
  return { ...header, items: header.items.map(({ tag: _tag, ...item }) => item as PlacedItem) };
}

/** Give every slice after the first `header` to repeat when it starts a page (outer headers first). */
export function withHeader(slices: Slice[], header: Slice[]): Slice[] {
  if (header.length === 0) return slices;
  return slices.map((s, i) => (i === 0 ? s : { ...s, header: [...header, ...(s.header ?? [])] }));
}
