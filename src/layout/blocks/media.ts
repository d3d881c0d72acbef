/**
 * A picture beside text (an exercise's start position and steps). The text flows
 * in its column as lines and items, so a long one can break across pages; no break
 * may fall while the picture still stands beside it.
 */
import { tagged, within } from '../context.js';
import { indent, runHeight, shift } from '../slice.js';
import { pictureItems, pictureSize } from './figures.js';
import type { SliceMaker } from './maker.js';

export const media: SliceMaker<'media'> = (block, ctx, flow) => {
  const { theme } = ctx;
  const gap = 14;
  // Large print makes pictures bigger, whatever share the template asked for.
  const share = Math.min(0.6, (block.share ?? theme.picture.mediaShare) * theme.picture.scale);
  const picture = pictureSize(block.picture, ctx.width * share, ctx.pageHeight * 0.8, ctx);
  const textWidth = ctx.width - ctx.width * share - gap;
  const figure = tagged(ctx, 'Figure', { alt: block.alt });
  const [pictureX, textX] = block.side === 'left' ? [0, ctx.width * share + gap] : [textWidth + gap, 0];
  const text = flow(block.children, within(ctx, ctx.parent, textWidth)).map((s) => indent(s, textX));
  const first = text[0];
  if (!first) return [];
  text[0] = {
    ...first,
    spaceBefore: theme.space.block + 2,
    items: [
      ...shift(pictureItems(block.picture, block.alt, picture.width, picture.height, figure.id, ctx), pictureX, 0),
      ...first.items,
    ],
  };
  // No page break beside the picture: every line that starts above its foot keeps with the one before.
  for (let k = 1; k < text.length; k++) {
    const top = runHeight(text.slice(0, k)) + (text[k] as (typeof text)[number]).spaceBefore;
    if (top < picture.height)
      text[k] = { ...(text[k] as (typeof text)[number]), keepWithPrevious: true, bond: 'picture' };
  }
  const short = picture.height - runHeight(text);
  const last = text.at(-1);
  if (short > 0 && last) text[text.length - 1] = { ...last, height: last.height + short };
  return text;
};
