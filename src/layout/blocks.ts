/**
 * Phase one of layout: every block becomes slices, the units pagination moves.
 * A slice is measured and drawn at its own origin; between two slices a page may
 * break unless the second says it keeps with the first (a heading with its text,
 * the first and last two lines of a paragraph, an exercise as a whole).
 */
import type { Theme } from '../brand/theme.js';
import type { BlockNode, FigureNode, Inline } from '../markup/tree.js';
import { plainText } from '../markup/tree.js';
import { breakLines, type Hyphenator, type Line } from './lines.js';
import type { StructureBuilder } from './structure.js';
import { type Measurer, moveItem, type PlacedItem, type StructNode } from './types.js';

export interface Slice {
  height: number;
  /** Space above the slice, dropped at the top of a page. */
  spaceBefore: number;
  /** No page break between the slice before and this one. */
  keepWithPrevious: boolean;
  /** Start a new page before this slice. */
  breakBefore: boolean;
  /** Items at the slice's origin; x from the frame's left edge. */
  items: PlacedItem[];
  /** A table row's header rows: drawn again above it when it starts a page. */
  header?: Slice[];
}

export interface LayoutContext {
  theme: Theme;
  measure: Measurer;
  width: number;
  /** Width over height of a picture. */
  aspect(picture: string): number;
  /** Height a kept-together group may have before it must flow instead. */
  maxKeepHeight: number;
  structure: StructureBuilder;
  /** The structure node the blocks being laid out belong to. */
  parent: StructNode;
  /** Break points of long words, for the document's language. */
  hyphenate?: Hyphenator;
}

interface TextStyle {
  size: number;
  bold: boolean;
  colour: string;
}

function slice(height: number, items: PlacedItem[], spaceBefore = 0, keepWithPrevious = false): Slice {
  return { height, spaceBefore, keepWithPrevious, breakBefore: false, items };
}

/** What a link says to a screen reader: where it goes. */
function describeLink(href: string): string {
  if (href.startsWith('tel:')) return `Ring ${href.slice(4)}`;
  if (href.startsWith('mailto:')) return `Skriv til ${href.slice(7)}`;
  return href;
}

/**
 * Text lines at the origin, one slice each; `indent` shifts them right. Every
 * fragment belongs to `tag`, a link's fragments to a Link node inside it.
 */
function lineSlices(lines: Line[], style: TextStyle, ctx: LayoutContext, tag: StructNode, indent = 0): Slice[] {
  const { theme } = ctx;
  const lineHeight = style.size * theme.leading;
  // Centre the font's ascent-to-descent box in the line box.
  const top = (lineHeight - ctx.measure.height(style.bold ? 'bold' : 'regular', style.size)) / 2;
  const links = new Map<string, StructNode>();
  const linkNode = (href: string) => {
    let node = links.get(href);
    if (!node) {
      node = ctx.structure.add(tag, 'Link', { alt: describeLink(href) });
      links.set(href, node);
    }
    return node;
  };
  return lines.map((line) =>
    slice(
      lineHeight,
      line.fragments.map((f) => ({
        kind: 'text' as const,
        x: indent + f.x,
        y: top,
        text: f.text,
        style: f.style === 'bold' || style.bold ? ('bold' as const) : ('regular' as const),
        size: style.size,
        colour: f.href ? theme.colour.primary : style.colour,
        width: f.width,
        href: f.href,
        hyphenated: f.hyphenated,
        lang: f.lang,
        tag: (f.href ? linkNode(f.href) : tag).id,
      })),
    ),
  );
}

/** Text never runs wider than the theme's measure, however wide its column. */
function textSlices(
  inlines: Inline[],
  style: TextStyle,
  ctx: LayoutContext,
  tag: StructNode,
  width = ctx.width,
  indent = 0,
): Slice[] {
  width = Math.min(width, ctx.theme.measure - indent);
  const lines = breakLines(inlines, width, style.size, ctx.measure, style.bold ? 'bold' : 'regular', ctx.hyphenate);
  return lineSlices(lines, style, ctx, tag, indent);
}

/** A structure node under the current parent. */
function tagged(ctx: LayoutContext, role: StructNode['role'], extra?: { alt?: string; title?: string }): StructNode {
  return ctx.structure.add(ctx.parent, role, extra);
}

function within(ctx: LayoutContext, parent: StructNode, width = ctx.width): LayoutContext {
  return { ...ctx, parent, width };
}

/** Let a page break only where at least two lines stay on each side. */
function guardOrphans(slices: Slice[]): Slice[] {
  return slices.map((s, i) => ({ ...s, keepWithPrevious: s.keepWithPrevious || i < 2 || slices.length - i < 2 }));
}

/** Stack slices into one unbreakable group at the origin. */
export function stack(slices: Slice[]): { height: number; items: PlacedItem[] } {
  let y = 0;
  const items: PlacedItem[] = [];
  slices.forEach((s, i) => {
    if (i > 0) y += s.spaceBefore;
    items.push(...s.items.map((item) => moveItem(item, 0, y)));
    y += s.height;
  });
  return { height: y, items };
}

function shift(items: PlacedItem[], dx: number, dy: number): PlacedItem[] {
  return items.map((i) => moveItem(i, dx, dy));
}

function body(ctx: LayoutContext): TextStyle {
  return { size: ctx.theme.size.body, bold: false, colour: ctx.theme.colour.text };
}

type SliceMaker<K extends BlockNode['kind']> = (block: Extract<BlockNode, { kind: K }>, ctx: LayoutContext) => Slice[];

const heading: SliceMaker<'heading'> = (block, ctx) => {
  const { theme } = ctx;
  const size = [theme.size.h1, theme.size.h2, theme.size.h3][block.level - 1] as number;
  const colour = block.level === 3 ? theme.colour.text : theme.colour.primary;
  const node = tagged(ctx, `H${block.level}`, { title: plainText(block.inlines) });
  const slices = textSlices(block.inlines, { size, bold: true, colour }, ctx, node).map((s) => ({
    ...s,
    keepWithPrevious: true,
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
    slices[0].keepWithPrevious = false;
    slices[0].spaceBefore = block.level === 1 ? 0 : block.level === 2 ? theme.space.heading : theme.space.block + 4;
  }
  return slices;
};

const paragraph: SliceMaker<'paragraph'> = (block, ctx) => {
  const slices = guardOrphans(textSlices(block.inlines, body(ctx), ctx, tagged(ctx, 'P')));
  if (slices[0]) {
    slices[0].keepWithPrevious = false;
    slices[0].spaceBefore = ctx.theme.space.block;
  }
  return slices;
};

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
    const lines = guardOrphans(
      textSlices(item, style, ctx, ctx.structure.add(itemNode, 'LBody'), width - indent, indent),
    );
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
    head.keepWithPrevious = false;
    head.spaceBefore = i === 0 ? ctx.theme.space.block : ctx.theme.space.inner / 2;
    out.push(...lines);
  });
  return out;
}

const list: SliceMaker<'list'> = (block, ctx) => {
  const listNode = tagged(ctx, 'L');
  if (block.columns === 1 || block.items.length < 2)
    return listItems(block.items, block.ordered, 1, ctx.width, listNode, ctx);
  // Two columns read down the first, then the second: the structure keeps that order.
  const gap = 18;
  const half = Math.ceil(block.items.length / 2);
  const width = (ctx.width - gap) / 2;
  const left = stack(listItems(block.items.slice(0, half), block.ordered, 1, width, listNode, ctx));
  const right = stack(listItems(block.items.slice(half), block.ordered, half + 1, width, listNode, ctx));
  return [
    slice(
      Math.max(left.height, right.height),
      [...left.items, ...shift(right.items, width + gap, 0)],
      ctx.theme.space.block,
    ),
  ];
};

const LIGHTS = {
  green: { fill: '#2e7d32', icon: 'go' },
  yellow: { fill: '#f2b705', icon: 'caution' },
  red: { fill: '#c62828', icon: 'stop' },
} as const;

/** A traffic light drawn as one: a housing with three lamps, each beside its label and meaning. */
const trafficLight: SliceMaker<'traffic-light'> = (block, ctx) => {
  const { theme } = ctx;
  const lamp = theme.size.body * 3.2;
  const housing = lamp + 16;
  const gap = 14;
  const textWidth = ctx.width - housing - gap;
  const listNode = tagged(ctx, 'L');
  let y = 8;
  const rows: PlacedItem[] = [];
  for (const light of block.lights) {
    const item = ctx.structure.add(listNode, 'LI');
    const label = stack(
      textSlices(
        [{ kind: 'text', text: light.label, bold: true }],
        { ...body(ctx), bold: true },
        ctx,
        ctx.structure.add(item, 'Lbl'),
        textWidth,
      ),
    );
    const text = stack(textSlices(light.text, body(ctx), ctx, ctx.structure.add(item, 'LBody'), textWidth));
    const height = Math.max(lamp, label.height + text.height) + 8;
    const { fill, icon } = LIGHTS[light.colour];
    rows.push(
      { kind: 'rect', x: 8, y: y + (height - lamp) / 2 - 4, width: lamp, height: lamp, radius: lamp / 2, fill },
      {
        kind: 'icon',
        x: 8 + lamp * 0.2,
        y: y + (height - lamp) / 2 - 4 + lamp * 0.2,
        size: lamp * 0.6,
        icon,
        colour: light.colour === 'yellow' ? '#1a1a1a' : '#ffffff',
      },
      ...shift(label.items, housing + gap, y + (height - 8 - label.height - text.height) / 2),
      ...shift(text.items, housing + gap, y + (height - 8 - label.height - text.height) / 2 + label.height),
    );
    y += height;
  }
  const total = y + 8;
  return [
    slice(
      total,
      [{ kind: 'rect', x: 0, y: 0, width: housing, height: total, radius: 12, fill: '#2b2b2b' }, ...rows],
      theme.space.block + 4,
    ),
  ];
};

function figureColumn(
  figure: FigureNode,
  index: number,
  numbered: boolean,
  width: number,
  maxPicture: number,
  ctx: LayoutContext,
) {
  const { theme } = ctx;
  const pictureWidth = Math.min(width, maxPicture);
  const pictureHeight = pictureWidth / ctx.aspect(figure.picture);
  const group = tagged(ctx, 'Div');
  const picture = ctx.structure.add(group, 'Figure', { alt: figure.alt });
  const items: PlacedItem[] = [
    {
      kind: 'rect',
      x: 0,
      y: 0,
      width: pictureWidth,
      height: pictureHeight,
      stroke: theme.colour.rule,
      lineWidth: 0.75,
      radius: 4,
    },
    {
      kind: 'picture',
      x: 0,
      y: 0,
      width: pictureWidth,
      height: pictureHeight,
      picture: figure.picture,
      alt: figure.alt,
      tag: picture.id,
    },
  ];
  const caption = ctx.structure.add(group, 'Caption');
  if (numbered) items.push(...numberBadge(index + 1, 6, 6, ctx, caption));
  const captionLines = stack(
    textSlices(
      figure.caption,
      { size: theme.size.caption, bold: false, colour: theme.colour.text },
      ctx,
      caption,
      width,
    ),
  );
  items.push(...shift(captionLines.items, 0, pictureHeight + theme.space.inner));
  return { items, height: pictureHeight + (captionLines.height > 0 ? theme.space.inner + captionLines.height : 0) };
}

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

const figures: SliceMaker<'figures'> = (block, ctx) => {
  const gap = 14;
  const n = block.items.length;
  const width = (ctx.width - gap * (n - 1)) / n;
  // A lone picture at full width would dwarf the text around it.
  const maxPicture = n === 1 ? ctx.width * Math.min(0.6, 0.45 * ctx.theme.picture.scale) : width;
  const columns = block.items.map((f, i) => figureColumn(f, i, block.numbered, width, maxPicture, ctx));
  const items = columns.flatMap((c, i) => shift(c.items, i * (width + gap), 0));
  return [slice(Math.max(...columns.map((c) => c.height)), items, ctx.theme.space.block + 4)];
};

/** A kept-together group, or, if taller than a page could hold, its content flowing freely. */
function keepTogether(
  inner: Slice[],
  ctx: LayoutContext,
  wrap: (height: number, items: PlacedItem[]) => Slice,
): Slice[] {
  const group = stack(inner);
  const whole = wrap(group.height, group.items);
  if (whole.height <= ctx.maxKeepHeight) return [whole];
  return inner;
}

const media: SliceMaker<'media'> = (block, ctx) => {
  const { theme } = ctx;
  const gap = 14;
  // Large print makes pictures bigger, whatever share the template asked for.
  const pictureWidth = ctx.width * Math.min(0.6, (block.share ?? theme.picture.mediaShare) * theme.picture.scale);
  const textWidth = ctx.width - pictureWidth - gap;
  const pictureHeight = pictureWidth / ctx.aspect(block.picture);
  const figure = tagged(ctx, 'Figure', { alt: block.alt });
  const text = stack(flowSlices(block.children, within(ctx, ctx.parent, textWidth)));
  const [pictureX, textX] = block.side === 'left' ? [0, pictureWidth + gap] : [textWidth + gap, 0];
  const items: PlacedItem[] = [
    {
      kind: 'rect',
      x: pictureX,
      y: 0,
      width: pictureWidth,
      height: pictureHeight,
      fill: '#ffffff',
      stroke: theme.colour.rule,
      lineWidth: 0.75,
      radius: 4,
    },
    {
      kind: 'picture',
      x: pictureX,
      y: 0,
      width: pictureWidth,
      height: pictureHeight,
      picture: block.picture,
      alt: block.alt,
      tag: figure.id,
    },
    ...shift(text.items, textX, 0),
  ];
  return [slice(Math.max(pictureHeight, text.height), items, theme.space.block + 2)];
};

const card: SliceMaker<'card'> = (block, ctx) => {
  const { theme } = ctx;
  const pad = theme.space.padding;
  const inner = flowSlices(block.children, within(ctx, tagged(ctx, 'Div'), ctx.width - 2 * pad));
  const slices = keepTogether(inner, ctx, (height, items) =>
    slice(
      height + 2 * pad,
      [
        {
          kind: 'rect',
          x: 0,
          y: 0,
          width: ctx.width,
          height: height + 2 * pad,
          fill: theme.colour.cardFill,
          stroke: theme.colour.rule,
          lineWidth: 1,
          radius: 6,
        },
        ...shift(items, pad, pad),
      ],
      theme.space.block + 6,
    ),
  );
  if (theme.cardPerPage && slices[0]) slices[0].breakBefore = true;
  return slices;
};

const keep: SliceMaker<'keep'> = (block, ctx) =>
  keepTogether(flowSlices(block.children, ctx), ctx, (height, items) => slice(height, items, ctx.theme.space.block));

const callout: SliceMaker<'callout'> = (block, ctx) => {
  const { theme } = ctx;
  const colours = theme.colour.callout[block.tone];
  const pad = theme.space.padding;
  const bar = 5;
  const iconSize = theme.size.body * 1.6;
  const textX = bar + pad + iconSize + pad;
  const textWidth = ctx.width - textX - pad;
  const inner = within(ctx, tagged(ctx, 'Div'), textWidth);
  const titleSlices = block.title
    ? textSlices(
        [{ kind: 'text', text: block.title, bold: true }],
        { size: theme.size.body + 1, bold: true, colour: theme.colour.text },
        inner,
        // A heading one level below the section it sits in, so a screen reader can jump to it.
        ctx.structure.add(inner.parent, 'H3'),
      )
    : [];
  const children = flowSlices(block.children, inner);
  if (children[0] && titleSlices.length > 0) children[0] = { ...children[0], spaceBefore: theme.space.inner };
  return keepTogether([...titleSlices, ...children], ctx, (height, items) => {
    const total = Math.max(height, iconSize) + 2 * pad;
    return slice(
      total,
      [
        { kind: 'rect', x: 0, y: 0, width: ctx.width, height: total, fill: colours.fill },
        { kind: 'rect', x: 0, y: 0, width: bar, height: total, fill: colours.bar },
        { kind: 'icon', x: bar + pad, y: pad, size: iconSize, icon: block.tone, colour: colours.bar },
        ...shift(items, textX, pad),
      ],
      theme.space.block + 6,
    );
  });
};

const definitions: SliceMaker<'definitions'> = (block, ctx) => {
  const style = body(ctx);
  const termWidth = ctx.width * 0.34;
  const gap = 10;
  const list = tagged(ctx, 'L');
  return block.items.map((item, i) => {
    const node = ctx.structure.add(list, 'LI');
    const term = stack(textSlices(item.term, { ...style, bold: true }, ctx, ctx.structure.add(node, 'Lbl'), termWidth));
    const detail = stack(
      textSlices(item.detail, style, ctx, ctx.structure.add(node, 'LBody'), ctx.width - termWidth - gap),
    );
    return slice(
      Math.max(term.height, detail.height),
      [...term.items, ...shift(detail.items, termWidth + gap, 0)],
      i === 0 ? ctx.theme.space.block : 2,
    );
  });
};

const table: SliceMaker<'table'> = (block, ctx) => {
  const { theme } = ctx;
  const pad = 5;
  const columns = Math.max(1, ...block.rows.map((r) => r.cells.length));
  const weights = block.widths ?? Array.from({ length: columns }, () => 1);
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => (w / total) * ctx.width);
  const node = tagged(ctx, 'Table');
  const header: Slice[] = [];
  const out: Slice[] = [];
  for (const row of block.rows) {
    const rowNode = ctx.structure.add(node, 'TR');
    let x = 0;
    const cells = row.cells.map((cell, c) => {
      const width = widths[c] ?? 0;
      const cellNode = ctx.structure.add(rowNode, row.header || (row.rowHeader && c === 0) ? 'TH' : 'TD');
      const style = { size: theme.size.body, bold: row.header, colour: theme.colour.text };
      const content = stack(textSlices(cell, style, ctx, cellNode, width - 2 * pad));
      const at = x;
      x += width;
      return { at, width, content };
    });
    const height = Math.max(theme.size.body * theme.leading, ...cells.map((c) => c.content.height)) + 2 * pad;
    const items: PlacedItem[] = cells.flatMap((c) => [
      {
        kind: 'rect' as const,
        x: c.at,
        y: 0,
        width: c.width,
        height,
        fill: row.header ? theme.colour.cardFill : undefined,
        stroke: theme.colour.rule,
        lineWidth: 0.75,
      },
      ...shift(c.content.items, c.at + pad, pad),
    ]);
    const s = slice(height, items);
    if (row.header) header.push(s);
    else if (header.length > 0) s.header = header;
    out.push(s);
  }
  out.forEach((s, i) => {
    // A row may start a page unless a header row stands above it.
    s.keepWithPrevious = i > 0 && header.includes(out[i - 1] as Slice);
  });
  if (out[0]) out[0].spaceBefore = theme.space.block + 2;
  return out;
};

const lines: SliceMaker<'lines'> = (block, ctx) => {
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

const qr: SliceMaker<'qr'> = (block, ctx) => {
  const { theme } = ctx;
  const size = theme.size.body * 4.6;
  const gap = 10;
  const group = tagged(ctx, 'Div');
  const figure = ctx.structure.add(group, 'Figure', { alt: `QR-kode: ${block.href}` });
  const caption = stack(
    textSlices(
      block.caption.map((i) => (i.kind === 'text' ? { ...i, href: i.href ?? block.href } : i)),
      { size: theme.size.caption, bold: false, colour: theme.colour.text },
      ctx,
      ctx.structure.add(group, 'Caption'),
      ctx.width - size - gap,
    ),
  );
  const items: PlacedItem[] = [
    {
      kind: 'picture',
      x: 0,
      y: 0,
      width: size,
      height: size,
      picture: `qr:${block.href}`,
      alt: `QR-kode: ${block.href}`,
      tag: figure.id,
    },
    ...shift(caption.items, size + gap, (size - caption.height) / 2),
  ];
  return [slice(size, items, theme.space.block)];
};

const pageBreak: SliceMaker<'page-break'> = () => [{ ...slice(0, []), breakBefore: true }];

const MAKERS: { [K in BlockNode['kind']]: SliceMaker<K> } = {
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
  lines,
  qr,
  'traffic-light': trafficLight,
  'page-break': pageBreak,
};

function slicesOf(block: BlockNode, ctx: LayoutContext): Slice[] {
  return (MAKERS[block.kind] as SliceMaker<typeof block.kind>)(block as never, ctx);
}

/** A lead-in that ends with a colon belongs with what it introduces. */
function introduces(block: BlockNode): boolean {
  return block.kind === 'heading' || (block.kind === 'paragraph' && plainText(block.inlines).trimEnd().endsWith(':'));
}

/** The slices of a run of blocks, with headings and lead-ins kept with what follows. */
export function flowSlices(blocks: readonly BlockNode[], ctx: LayoutContext): Slice[] {
  const out: Slice[] = [];
  let keepNext = false;
  let breakNext = false;
  for (const block of blocks) {
    const slices = slicesOf(block, ctx);
    if (block.kind === 'page-break') {
      breakNext = true;
      continue;
    }
    const first = slices[0];
    if (first) {
      if (keepNext) first.keepWithPrevious = true;
      if (breakNext) first.breakBefore = true;
      breakNext = false;
    }
    keepNext = introduces(block);
    out.push(...slices);
  }
  return out;
}
