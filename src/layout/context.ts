/** What every block's layout needs: theme, measuring, width, the structure being built. */
import type { Theme } from '../brand/theme.js';
import type { Labels } from '../content/labels.js';
import type { Hyphenator } from './lines.js';
import type { StructureBuilder } from './structure.js';
import type { Measurer, StructNode } from './types.js';

/** Content layout could not place: reported as an error with the block's place. */
export interface LayoutProblem {
  message: string;
}

/**
 * The words layout prints or gives a screen reader itself: a card's title continued
 * on the next page, what a phone or mail link and a QR code say.
 */
export type LayoutLabels = Pick<Labels, 'continued' | 'callLink' | 'mailLink' | 'qrCode'>;

export interface LayoutContext {
  theme: Theme;
  measure: Measurer;
  width: number;
  /** Width over height of a picture. */
  aspect(picture: string): number;
  /** Height of the text area: the most a kept-together group or a picture may take. */
  pageHeight: number;
  structure: StructureBuilder;
  /** The structure node the blocks being laid out belong to. */
  parent: StructNode;
  /** Break points of long words, for the document's language. */
  hyphenate?: Hyphenator;
  labels: LayoutLabels;
  /** Inside a card: every paragraph and list item stays whole, so a card splits only between them. */
  wholeParagraphs?: boolean;
  problems: LayoutProblem[];
}

export interface TextStyle {
  size: number;
  bold: boolean;
  colour: string;
}

export function body(ctx: LayoutContext): TextStyle {
  return { size: ctx.theme.size.body, bold: false, colour: ctx.theme.colour.text };
}

/** A structure node under the current parent. */
export function tagged(
  ctx: LayoutContext,
  role: StructNode['role'],
  extra?: { alt?: string; title?: string },
): StructNode {
  return ctx.structure.add(ctx.parent, role, extra);
}

export function within(ctx: LayoutContext, parent: StructNode, width = ctx.width): LayoutContext {
  return { ...ctx, parent, width };
}
