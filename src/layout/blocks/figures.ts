/** Pictures in a row, each with its caption below; numbered when they show steps in order. */
import type { FigureNode } from '../../markup/tree.js';
import { type LayoutContext, tagged } from '../context.js';
import { shift, slice, stack } from '../slice.js';
import { textSlices } from '../text.js';
import type { PlacedItem, StructNode } from '../types.js';
import type { SliceMaker } from './maker.js';

/** The step number on a picture; read as the start of its caption ("1 Bøj benene …"). */
function numberBadge(n: number, x: number, y: number, ctx: LayoutContext, caption: StructNode): PlacedItem[] {
  const { theme, measure } = ctx;
  const size = theme.size.body;
  const d = size * 1.9;
  const text = String(n);
  const textWidth = measure.width(text, 'bold', size);
  return [
    { kind: 'rect', x, y, width: d, height: d, radius: d / 2, fill: theme.colour.primary },
    {
      kind: 'text',
      x: x + (d - textWidth) / 2,
      y: y + (d - measure.height('bold', size)) / 2,
      text,
      style: 'bold',
      size,
      colour: theme.colour.onPrimary,
      width: textWidth,
      tag: caption.id,
    },
  ];
}

/** A picture's frame and the picture itself, at the origin. */
export function pictureItems(
  picture: string,
  alt: string,
  width: number,
  height: number,
  tag: number,
  ctx: LayoutContext,
): PlacedItem[] {
  return [
    {
      kind: 'rect',
      x: 0,
      y: 0,
      width,
      height,
      fill: '#ffffff',
      stroke: ctx.theme.colour.rule,
      lineWidth: 0.75,
      radius: 4,
    },
    { kind: 'picture', x: 0, y: 0, width, height, picture, alt, tag },
  ];
}

/** A picture's size in a column: as wide as allowed, and no taller than `maxHeight` (scaled down to fit a page). */
export function pictureSize(picture: string, maxWidth: number, maxHeight: number, ctx: LayoutContext) {
  const aspect = ctx.aspect(picture);
  const width = Math.min(maxWidth, maxHeight * aspect);
  return { width, height: width / aspect };
}

/** A figure's structure (a Div holding the Figure and its Caption) and its caption's lines at a width. */
function figureParts(figure: FigureNode, captionWidth: number, ctx: LayoutContext) {
  const { theme } = ctx;
  const group = tagged(ctx, 'Div');
  const picture = ctx.structure.add(group, 'Figure', { alt: figure.alt });
  const caption = ctx.structure.add(group, 'Caption');
  const style = { size: theme.size.caption, bold: false, colour: theme.colour.text };
  return { picture, caption, lines: stack(textSlices(figure.caption, style, ctx, caption, captionWidth)) };
}

function figureColumn(
  figure: FigureNode,
  index: number,
  numbered: boolean,
  width: number,
  maxPicture: number,
  ctx: LayoutContext,
) {
  const { theme } = ctx;
  const { picture, caption, lines: captionLines } = figureParts(figure, width, ctx);
  const captionHeight = captionLines.height > 0 ? theme.space.inner + captionLines.height : 0;
  const size = pictureSize(figure.picture, maxPicture, ctx.pageHeight - captionHeight, ctx);
  const items = pictureItems(figure.picture, figure.alt, size.width, size.height, picture.id, ctx);
  if (numbered) items.push(...numberBadge(index + 1, 6, 6, ctx, caption));
  items.push(...shift(captionLines.items, 0, size.height + theme.space.inner));
  return { items, height: size.height + captionHeight };
}

export const figures: SliceMaker<'figures'> = (block, ctx) => {
  const gap = 14;
  const n = block.items.length;
  const [lone] = block.items;
  if (n === 1 && lone) return [loneFigure(lone, block.numbered, ctx)];
  const width = (ctx.width - gap * (n - 1)) / n;
  const columns = block.items.map((f, i) => figureColumn(f, i, block.numbered, width, width, ctx));
  const items = columns.flatMap((c, i) => shift(c.items, i * (width + gap), 0));
  return [slice(Math.max(...columns.map((c) => c.height)), items, ctx.theme.space.block + 4)];
};

/** A lone picture with its caption beside it, not under it: full width would dwarf the text around it. */
function loneFigure(figure: FigureNode, numbered: boolean, ctx: LayoutContext) {
  const { theme } = ctx;
  const gap = 14;
  const pictureWidth = ctx.width * Math.min(0.55, 0.4 * theme.picture.scale);
  const captionWidth = ctx.width - pictureWidth - gap;
  const { picture, caption, lines: captionLines } = figureParts(figure, captionWidth, ctx);
  const size = pictureSize(figure.picture, pictureWidth, ctx.pageHeight, ctx);
  const items = pictureItems(figure.picture, figure.alt, size.width, size.height, picture.id, ctx);
  if (numbered) items.push(...numberBadge(1, 6, 6, ctx, caption));
  // The caption sits at the picture's foot, as a caption under it would end there.
  const captionTop = Math.max(0, size.height - captionLines.height);
  items.push(...shift(captionLines.items, size.width + gap, captionTop));
  return slice(Math.max(size.height, captionLines.height), items, theme.space.block + 4);
}
