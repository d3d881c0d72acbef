/** Layout: document tree + theme -> pages of positioned items and the logical structure. Pure: no I/O, no pdfkit. */
import type { Theme } from '../brand/theme.js';
import type { BlockNode } from '../markup/tree.js';
import { flowSlices } from './blocks.js';
import { type Furniture, furnitureItems } from './furniture.js';
import type { Hyphenator } from './lines.js';
import { paginate } from './paginate.js';
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
}

export function layoutDocument({ blocks, theme, measure, aspect, furniture, hyphenate }: LayoutInput): Layout {
  const { frame } = theme;
  const height = frame.bottom - frame.top;
  const structure = new StructureBuilder();
  const slices = flowSlices(blocks, {
    theme,
    measure,
    aspect,
    width: frame.right - frame.left,
    maxKeepHeight: height,
    structure,
    parent: structure.root,
    hyphenate,
  });
  const pages = paginate(slices, { left: frame.left, top: frame.top, height });
  return {
    structure: structure.root,
    pages: pages.map((items, i) => ({
      number: i + 1,
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
