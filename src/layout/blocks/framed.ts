/**
 * Blocks kept together in a frame: an exercise card, a callout, and the frameless
 * keep (a question with its answer). Each stays whole when it fits on a page; one
 * taller than a page splits between its paragraphs and steps, framed on every page,
 * a card with its title repeated ("Øvelse 1: … (fortsat)").
 */
import { type BlockNode, plainText } from '../../markup/tree.js';
import { type LayoutContext, tagged, within } from '../context.js';
import { withHeader } from '../rules/header-repeat.js';
import { keepTogether } from '../rules/keep-together.js';
import { enclose, type Frame, frame, heightOf, indent, type Slice } from '../slice.js';
import { StructureBuilder } from '../structure.js';
import { textSlices } from '../text.js';
import type { SliceMaker } from './maker.js';

/** The card's title again, for the top of a page it continues on; untagged, as the reader has heard it. */
function continuedTitle(block: BlockNode | undefined, width: number, ctx: LayoutContext): Slice[] {
  if (block?.kind !== 'heading') return [];
  const { theme } = ctx;
  const size = [theme.size.h1, theme.size.h2, theme.size.h3][block.level - 1] as number;
  const scratch = new StructureBuilder();
  const text = `${plainText(block.inlines)} (${ctx.labels.continued})`;
  return textSlices(
    [{ kind: 'text', text, bold: true }],
    { size, bold: true, colour: theme.colour.text },
    { ...ctx, structure: scratch, problems: [] },
    scratch.root,
    width,
  ).map((s, i) => ({ ...s, keepWithPrevious: i > 0 }));
}

export const card: SliceMaker<'card'> = (block, ctx, flow) => {
  const { theme } = ctx;
  const pad = theme.space.padding;
  const width = ctx.width - 2 * pad;
  // Inside a card, paragraphs sit closer than on the page: the frame already sets the exercise apart.
  const inner = {
    ...within(ctx, tagged(ctx, 'Div'), width),
    theme: { ...theme, space: { ...theme.space, block: theme.space.inner } },
    wholeParagraphs: true,
  };
  const slices = flow(block.children, inner).map((s) => indent(s, pad));
  const cardFrame = frame(pad, (height) => [
    {
      kind: 'rect',
      x: 0,
      y: 0,
      width: ctx.width,
      height,
      fill: theme.colour.cardFill,
      stroke: theme.colour.rule,
      lineWidth: 1,
      radius: 6,
    },
  ]);
  const title = continuedTitle(block.children[0], width, ctx).map((s) => indent(s, pad));
  return framedRun(slices, cardFrame, theme.space.block + 6, ctx, title);
};

export const callout: SliceMaker<'callout'> = (block, ctx, flow) => {
  const { theme } = ctx;
  const colours = theme.colour.callout[block.tone];
  const pad = theme.space.padding;
  const bar = 5;
  const iconSize = theme.size.body * 1.6;
  const textX = bar + pad + iconSize + pad;
  const inner = within(ctx, tagged(ctx, 'Div'), ctx.width - textX - pad);
  const title = block.title
    ? textSlices(
        [{ kind: 'text', text: block.title, bold: true }],
        { size: theme.size.body + 1, bold: true, colour: theme.colour.text },
        inner,
        // A heading one level below the section it sits in, so a screen reader can jump to it.
        ctx.structure.add(inner.parent, 'H3'),
      ).map((s, i) => ({ ...s, keepWithPrevious: i > 0 }))
    : [];
  const children = flow(block.children, inner);
  if (children[0] && title.length > 0)
    children[0] = { ...children[0], spaceBefore: theme.space.inner, keepWithPrevious: true, bond: 'keep-with-next' };
  const slices = [...title, ...children].map((s) => indent(s, textX));
  // The icon stands beside the first lines; a callout is never shorter than it.
  const short = iconSize - heightOf(slices);
  const last = slices.at(-1);
  if (short > 0 && last) slices[slices.length - 1] = { ...last, height: last.height + short };
  const calloutFrame = frame(pad, (height, part) => [
    { kind: 'rect', x: 0, y: 0, width: ctx.width, height, fill: colours.fill },
    { kind: 'rect', x: 0, y: 0, width: bar, height, fill: colours.bar },
    ...(part.first
      ? [{ kind: 'icon' as const, x: bar + pad, y: pad, size: iconSize, icon: block.tone, colour: colours.bar }]
      : []),
  ]);
  return framedRun(slices, calloutFrame, theme.space.block + 6, ctx);
};

export const keep: SliceMaker<'keep'> = (block, ctx, flow) => {
  const slices = keepTogether(flow(block.children, ctx), ctx.pageHeight);
  if (slices[0]) slices[0] = { ...slices[0], spaceBefore: ctx.theme.space.block };
  return slices;
};

/** Slices in a frame, kept together if they fit on a page, the first with the space above the block. */
function framedRun(slices: Slice[], f: Frame, spaceBefore: number, ctx: LayoutContext, title: Slice[] = []): Slice[] {
  const framed = keepTogether(enclose(slices, f), ctx.pageHeight);
  if (framed[0]) framed[0] = { ...framed[0], spaceBefore, keepWithPrevious: false };
  return withHeader(framed, enclose(title, f));
}
