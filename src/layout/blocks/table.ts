/**
 * Tables: rows kept whole when they fit on a page, split between lines when one
 * does not; header rows stay with the first row and are repeated on every page the
 * table continues on.
 */
import { tagged } from '../context.js';
import { widestWord } from '../lines.js';
import { keepTogether } from '../rules/keep-together.js';
import { guardOrphans } from '../rules/orphans.js';
import { enclose, frame, type Slice } from '../slice.js';
import { textSlices } from '../text.js';
import type { PlacedItem } from '../types.js';
import { bands } from './columns.js';
import type { SliceMaker } from './maker.js';

export const table: SliceMaker<'table'> = (block, ctx) => {
  const { theme } = ctx;
  const pad = 5;
  const columns = Math.max(1, ...block.rows.map((r) => r.cells.length));
  const weights = block.widths ?? Array.from({ length: columns }, () => 1);
  const least = weights.map((_, c) =>
    Math.max(
      0,
      ...block.rows.map((row) => {
        const cell = row.cells[c];
        // Half a point to spare, so rounding never leaves the word a hair too wide.
        return cell
          ? widestWord(cell, theme.size.body, ctx.measure, row.header ? 'bold' : 'regular') + 2 * pad + 0.5
          : 0;
      }),
    ),
  );
  const widths = columnWidths(weights, least, ctx.width);
  const starts = widths.map((_, c) => widths.slice(0, c).reduce((a, b) => a + b, 0));
  const node = tagged(ctx, 'Table');
  const rows = block.rows.map((row) => {
    const rowNode = ctx.structure.add(node, 'TR');
    const style = { size: theme.size.body, bold: row.header, colour: theme.colour.text };
    const cells = row.cells.map((cell, c) => ({
      x: (starts[c] ?? 0) + pad,
      lines: textSlices(
        cell,
        style,
        ctx,
        ctx.structure.add(rowNode, row.header || (row.rowHeader && c === 0) ? 'TH' : 'TD'),
        (widths[c] ?? 0) - 2 * pad,
      ),
    }));
    // The cells' borders are the row's frame: drawn around each page's part of a split row.
    const rowFrame = frame(pad, (height) =>
      row.cells.map(
        (_, c): PlacedItem => ({
          kind: 'rect',
          x: starts[c] ?? 0,
          y: 0,
          width: widths[c] ?? 0,
          height,
          fill: row.header ? theme.colour.cardFill : undefined,
          stroke: theme.colour.rule,
          lineWidth: 0.75,
        }),
      ),
    );
    return { header: row.header, slices: keepTogether(enclose(guardOrphans(bands(cells)), rowFrame), ctx.pageHeight) };
  });
  const header = rows.filter((r) => r.header).flatMap((r) => r.slices);
  const out: Slice[] = rows.flatMap((row, r) =>
    row.slices.map((s, i) => ({
      ...s,
      // A header row stays with the row under it.
      ...(i === 0 ? { keepWithPrevious: rows[r - 1]?.header === true, bond: 'keep-with-next' as const } : {}),
      header: row.header || header.length === 0 ? undefined : header,
    })),
  );
  if (out[0]) out[0] = { ...out[0], spaceBefore: theme.space.block + 2, keepWithPrevious: false };
  return out;
};

/**
 * Column widths in proportion to their weights, except that no column is narrower
 * than its widest word (`least`): such a column gets what it needs and the others
 * share the rest by weight, as a browser's table layout does. When the words cannot
 * all fit, the weights alone decide (and the line breaker reports the word).
 */
export function columnWidths(weights: readonly number[], least: readonly number[], width: number): number[] {
  const fixed = new Set<number>();
  for (;;) {
    const free = width - [...fixed].reduce((sum, c) => sum + (least[c] ?? 0), 0);
    const weight = weights.reduce((sum, w, c) => (fixed.has(c) ? sum : sum + w), 0);
    if (free < 0 || (weight === 0 && fixed.size < weights.length)) break;
    const widths = weights.map((w, c) => (fixed.has(c) ? (least[c] ?? 0) : (w / weight) * free));
    const short = widths.findIndex((w, c) => !fixed.has(c) && w < (least[c] ?? 0));
    if (short < 0) return widths;
    fixed.add(short);
  }
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => (w / total) * width);
}
