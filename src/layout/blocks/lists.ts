/** Lists: bulleted or numbered, in one column or two; and definition lists (a term beside its meaning). */
import type { Inline } from '../../markup/tree.js';
import { body, type LayoutContext, tagged } from '../context.js';
import { guardOrphans } from '../rules/orphans.js';
import { runHeight, type Slice, shift, slice, stack } from '../slice.js';
import { StructureBuilder } from '../structure.js';
import { paragraphSlices, textSlices } from '../text.js';
import type { StructNode } from '../types.js';
import { bands } from './columns.js';
import type { SliceMaker } from './maker.js';

/** Slices of list items at a width, numbered from `first`, all under one L node. */
function listItems(
  items: Inline[][],
  ordered: boolean,
  first: number,
  width: number,
  listNode: StructNode,
  ctx: LayoutContext,
): Slice[] {
  const style = body(ctx);
  const indent = style.size * 1.6;
  const out: Slice[] = [];
  items.forEach((item, i) => {
    const itemNode = ctx.structure.add(listNode, 'LI');
    const label = ctx.structure.add(itemNode, 'Lbl');
    const lines = paragraphSlices(item, style, ctx, ctx.structure.add(itemNode, 'LBody'), width - indent, indent);
    const marker = ordered ? `${first + i}.` : '•';
    const head = lines[0];
    if (!head) return;
    const ref = head.items.find((it) => it.kind === 'text');
    head.items.push({
      kind: 'text',
      x: ordered ? 0 : style.size * 0.3,
      y: ref?.y ?? 0,
      text: marker,
      style: 'regular',
      size: style.size,
      colour: ctx.theme.colour.primary,
      width: ctx.measure.width(marker, 'regular', style.size),
      tag: label.id,
    });
    lines[0] = {
      ...head,
      keepWithPrevious: false,
      spaceBefore: i === 0 ? ctx.theme.space.block : ctx.theme.space.inner / 2,
    };
    out.push(...lines);
  });
  return out;
}

export const list: SliceMaker<'list'> = (block, ctx) => {
  const gap = 18;
  const half = Math.ceil(block.items.length / 2);
  const width = (ctx.width - gap) / 2;
  const columns = (c: LayoutContext, node: StructNode) => [
    listItems(block.items.slice(0, half), block.ordered, 1, width, node, c),
    listItems(block.items.slice(half), block.ordered, half + 1, width, node, c),
  ];
  // Two columns side by side cannot break: a list taller than a page flows in one.
  const scratch = new StructureBuilder();
  const twoColumns =
    block.columns === 2 &&
    block.items.length >= 2 &&
    Math.max(...columns({ ...ctx, structure: scratch, problems: [] }, scratch.root).map(runHeight)) <= ctx.pageHeight;
  const listNode = tagged(ctx, 'L');
  if (!twoColumns) return listItems(block.items, block.ordered, 1, ctx.width, listNode, ctx);
  // Read down the first column, then the second: the structure keeps that order.
  const [left, right] = columns(ctx, listNode).map(stack) as [ReturnType<typeof stack>, ReturnType<typeof stack>];
  return [
    slice(
      Math.max(left.height, right.height),
      [...left.items, ...shift(right.items, width + gap, 0)],
      ctx.theme.space.block,
    ),
  ];
};

export const definitions: SliceMaker<'definitions'> = (block, ctx) => {
  const style = body(ctx);
  const termWidth = ctx.width * 0.34;
  const gap = 10;
  const listNode = tagged(ctx, 'L');
  return block.items.flatMap((item, i) => {
    const node = ctx.structure.add(listNode, 'LI');
    const term = textSlices(item.term, { ...style, bold: true }, ctx, ctx.structure.add(node, 'Lbl'), termWidth);
    const detail = textSlices(item.detail, style, ctx, ctx.structure.add(node, 'LBody'), ctx.width - termWidth - gap);
    const rows = guardOrphans(
      bands([
        { x: 0, lines: term },
        { x: termWidth + gap, lines: detail },
      ]),
    );
    if (rows[0]) rows[0] = { ...rows[0], keepWithPrevious: false, spaceBefore: i === 0 ? ctx.theme.space.block : 2 };
    return rows;
  });
};
