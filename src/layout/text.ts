/** Text as line slices: breaking, styling, links and their structure nodes. */

import { fillLabel } from '../content/labels.js';
import type { Inline } from '../markup/tree.js';
import type { LayoutContext, LayoutLabels, TextStyle } from './context.js';
import { breakLines, type Line } from './lines.js';
import { wholeOrOrphanGuarded } from './rules/orphans.js';
import { type Slice, slice } from './slice.js';
import type { StructNode } from './types.js';

/** What a link says to a screen reader, in the document's language: where it goes. */
function describeLink(href: string, labels: LayoutLabels): string {
  if (href.startsWith('tel:')) return fillLabel(labels.callLink, { number: href.slice(4) });
  if (href.startsWith('mailto:')) return fillLabel(labels.mailLink, { address: href.slice(7) });
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
      node = ctx.structure.add(tag, 'Link', { alt: describeLink(href, ctx.labels) });
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

/**
 * Text broken into lines, one slice each. Text never runs wider than the theme's
 * measure, however wide its column. A word too wide for the line even after
 * hyphenation is a problem to report: cut into pieces it would be misread.
 */
export function textSlices(
  inlines: Inline[],
  style: TextStyle,
  ctx: LayoutContext,
  tag: StructNode,
  width = ctx.width,
  indent = 0,
): Slice[] {
  width = Math.min(width, ctx.theme.measure - indent);
  const lines = breakLines(inlines, width, style.size, ctx.measure, style.bold ? 'bold' : 'regular', ctx.hyphenate);
  for (const word of lines.flatMap((l) => l.cut ?? [])) {
    const letters = [...word];
    const shown = letters.length > 30 ? `${letters.slice(0, 30).join('')}…` : word;
    ctx.problems.push({
      message: `the word "${shown}" (${letters.length} letters) is wider than its ${width.toFixed(0)} pt column and cannot be hyphenated; shorten it or add a break point (a space or a hyphen)`,
    });
  }
  return lineSlices(lines, style, ctx, tag, indent);
}

/** Lines of running text: a page may break between them where the widow and orphan rule allows. */
export function paragraphSlices(...args: Parameters<typeof textSlices>): Slice[] {
  const [, , ctx] = args;
  return wholeOrOrphanGuarded(textSlices(...args), ctx.wholeParagraphs ?? false);
}
