/** A paragraph of running text. */
import { body, tagged } from '../context.js';
import type { SliceMaker } from '../flow.js';
import { paragraphSlices } from '../text.js';

export const paragraph: SliceMaker<'paragraph'> = (block, ctx) => {
  const slices = paragraphSlices(block.inlines, body(ctx), ctx, tagged(ctx, 'P'));
  if (slices[0]) slices[0] = { ...slices[0], keepWithPrevious: false, spaceBefore: ctx.theme.space.block };
  return slices;
};
