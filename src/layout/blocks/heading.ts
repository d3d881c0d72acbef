/** Headings: H1 to H3; a section heading (H2) is underlined with a rule. */
import { plainText } from '../../markup/tree.js';
import { tagged } from '../context.js';
import { textSlices } from '../text.js';
import type { SliceMaker } from './maker.js';

export const heading: SliceMaker<'heading'> = (block, ctx) => {
  const { theme } = ctx;
  const size = [theme.size.h1, theme.size.h2, theme.size.h3][block.level - 1] as number;
  const colour = block.level === 3 ? theme.colour.text : theme.colour.primary;
  const node = tagged(ctx, `H${block.level}`, { title: plainText(block.inlines) });
  const slices = textSlices(block.inlines, { size, bold: true, colour }, ctx, node).map((s, i) => ({
    ...s,
    keepWithPrevious: i > 0,
  }));
  const last = slices.at(-1);
  if (block.level === 2 && last) {
    last.items.push({
      kind: 'line',
      x1: 0,
      y1: last.height + 1,
      x2: ctx.width,
      y2: last.height + 1,
      colour: theme.colour.rule,
      width: 1,
    });
    last.height += 5;
  }
  if (slices[0]) {
    slices[0].spaceBefore = block.level === 1 ? 0 : block.level === 2 ? theme.space.heading : theme.space.block + 4;
  }
  return slices;
};
