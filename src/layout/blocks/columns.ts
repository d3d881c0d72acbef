/**
 * Text set side by side (table cells, a term beside its definition) as bands: band
 * k holds line k of every column, so a row taller than a page can break between
 * lines like a paragraph, and nothing beside it is cut. Which bands keep together
 * is the caller's rule.
 */
import { type Slice, shift, slice } from '../slice.js';

export interface Column {
  x: number;
  lines: Slice[];
}

export function bands(columns: readonly Column[]): Slice[] {
  const count = Math.max(1, ...columns.map((c) => c.lines.length));
  return Array.from({ length: count }, (_, k) => {
    const lines = columns.map((c) => ({ x: c.x, line: c.lines[k] }));
    const height = Math.max(0, ...lines.map(({ line }) => line?.height ?? 0));
    return slice(
      height,
      lines.flatMap(({ x, line }) => (line ? shift(line.items, x, 0) : [])),
    );
  });
}
