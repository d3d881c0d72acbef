/** Layout: document tree + theme -> pages of positioned items and the logical structure. Pure: no I/O, no pdfkit. */
import type { Theme } from '../brand/theme.js';
import type { BlockKind, BlockNode } from '../markup/tree.js';
import type { LayoutLabels, LayoutProblem } from './context.js';
import { flowSlices } from './flow.js';
import { type Furniture, furnitureItems } from './furniture.js';
import type { Hyphenator } from './lines.js';
import { paginate } from './paginate.js';
import { runHeight } from './slice.js';
import { StructureBuilder } from './structure.js';
import type { Layout, Measurer } from './types.js';

export interface LayoutInput {
  blocks: readonly BlockNode[];
  theme: Theme;
  measure: Measurer;
  /** Width over height of each picture the blocks name. */
  aspect(picture: string): number;
  furniture: Furniture;
  hyphenate?: Hyphenator;
  labels: LayoutLabels;
}

/** The pages, the structure, and what could not be placed whole (an error for the caller to report). */
export function layoutDocument({
  blocks,
  theme,
  measure,
  aspect,
  furniture,
  hyphenate,
  labels,
}: LayoutInput): Layout & { problems: LayoutProblem[] } {
  const { frame } = theme;
  const height = frame.bottom - frame.top;
  const structure = new StructureBuilder();
  const problems: LayoutProblem[] = [];
  const slices = flowSlices(blocks, {
    theme,
    measure,
    aspect,
    width: frame.right - frame.left,
    pageHeight: height,
    structure,
    parent: structure.root,
    hyphenate,
    labels,
    problems,
  });
  // Every rule above splits what it may; what is still taller than a page would run off it.
  for (const s of slices) {
    const tall = runHeight([s]);
    if (tall > height + 0.5)
      problems.push({
        message: `${describe(s.block)} is ${tall.toFixed(0)} pt tall and cannot be split, more than a page holds (${height.toFixed(0)} pt); shorten its text`,
      });
  }
  const pages = paginate(slices, { left: frame.left, top: frame.top, height });
  return {
    structure: structure.root,
    problems,
    pages: pages.map(({ items, end }, i) => ({
      number: i + 1,
      ...(end ? { end } : {}),
      items: [
        ...furnitureItems(i + 1, pages.length, furniture, theme, measure).map((item) => ({
          ...item,
          artifact: 'Pagination' as const,
        })),
        ...items,
      ],
    })),
  };
}

const BLOCK_NAMES: Partial<Record<BlockKind, string>> = {
  figures: 'a row of pictures with their captions',
  'traffic-light': 'a traffic light',
  qr: 'a QR code with its caption',
  list: 'a list item',
  table: 'a table row',
  definitions: 'a definition',
};

function describe(kind: BlockKind | undefined): string {
  return (kind && BLOCK_NAMES[kind]) ?? 'a part of the document';
}
