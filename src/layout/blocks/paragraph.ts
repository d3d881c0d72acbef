/** A paragraph of running text. */
import { body, tagged } from '../context.js';
import { paragraphSlices } from '../text.js';
import type { SliceMaker } from './maker.js';

export const paragraph: SliceMaker<'paragraph'> = (block, ctx) => {
  const slices = paragraphSlices(block.inlines, body(ctx), ctx, tagged(ctx, 'P'));
  if (slices[0]) slices[0] = { ...slices[0], keepWithPrevious: false, spaceBefore: ctx.theme.space.block };
  return slices;
};
