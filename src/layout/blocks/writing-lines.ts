/** Ruled lines to write on (notes); a page may break between any two. */

import { slice } from '../slice.js';
import type { SliceMaker } from './maker.js';

export const writingLines: SliceMaker<'lines'> = (block, ctx) => {
  const height = ctx.theme.size.body * 2.2;
  return Array.from({ length: block.count }, (_, i) =>
    slice(
      height,
      [
        {
          kind: 'line',
          x1: 0,
          y1: height - 1,
          x2: ctx.width,
          y2: height - 1,
          colour: ctx.theme.colour.rule,
          width: 0.75,
        },
      ],
      i === 0 ? ctx.theme.space.block : 0,
      i > 0,
    ),
  );
};
