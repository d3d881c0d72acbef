/**
 * Phase one of layout: every block becomes slices, the units pagination moves.
 * One module per kind of block under blocks/; the rules that bind slices across
 * blocks (keep with next, page breaks) are applied here.
 */
import type { BlockNode } from '../markup/tree.js';
import { figures } from './blocks/figures.js';
import { callout, card, keep } from './blocks/framed.js';
import { heading } from './blocks/heading.js';
import { definitions, list } from './blocks/lists.js';
import type { SliceMaker } from './blocks/maker.js';
import { media } from './blocks/media.js';
import { paragraph } from './blocks/paragraph.js';
import { qr } from './blocks/qr.js';
import { table } from './blocks/table.js';
import { trafficLight } from './blocks/traffic-light.js';
import { writingLines } from './blocks/writing-lines.js';
import type { LayoutContext } from './context.js';
import { introduces, keepWithIntroduction } from './rules/keep-with-next.js';
import type { Slice } from './slice.js';

const MAKERS: { [K in Exclude<BlockNode['kind'], 'page-break'>]: SliceMaker<K> } = {
  heading,
  paragraph,
  list,
  figures,
  media,
  card,
  keep,
  callout,
  definitions,
  table,
  lines: writingLines,
  qr,
  'traffic-light': trafficLight,
};

function slicesOf(block: Exclude<BlockNode, { kind: 'page-break' }>, ctx: LayoutContext): Slice[] {
  return (MAKERS[block.kind] as SliceMaker<typeof block.kind>)(block as never, ctx, flowSlices).map((s) => ({
    ...s,
    block: s.block ?? block.kind,
  }));
}

/** The slices of a run of blocks, with headings and lead-ins kept with what follows. */
export function flowSlices(blocks: readonly BlockNode[], ctx: LayoutContext): Slice[] {
  const out: Slice[] = [];
  let introduced = false;
  let breakNext = false;
  for (const block of blocks) {
    if (block.kind === 'page-break') {
      breakNext = true;
      continue;
    }
    const slices = keepWithIntroduction(slicesOf(block, ctx), introduced);
    if (breakNext && slices[0]) {
      slices[0] = { ...slices[0], breakBefore: true };
      breakNext = false;
    }
    introduced = introduces(block);
    out.push(...slices);
  }
  return out;
}
