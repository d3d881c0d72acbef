/** Layout: document tree + theme -> pages of positioned items. Pure: no I/O, no pdfkit. */
import type { Theme } from '../brand/theme.js';
import type { BlockNode } from '../markup/tree.js';
import { flowSlices } from './blocks.js';
import { type Furniture, furnitureItems } from './furniture.js';
import { paginate } from './paginate.js';
import type { Measurer, Page } from './types.js';

export interface LayoutInput {
  blocks: readonly BlockNode[];
  theme: Theme;
  measure: Measurer;
  /** Width over height of each picture the blocks name. */
  aspect(picture: string): number;
  furniture: Furniture;
}

export function layoutDocument({ blocks, theme, measure, aspect, furniture }: LayoutInput): Page[] {
  const { frame } = theme;
  const height = frame.bottom - frame.top;
  const slices = flowSlices(blocks, { theme, measure, aspect, width: frame.right - frame.left, maxKeepHeight: height });
  const pages = paginate(slices, { left: frame.left, top: frame.top, height });
  return pages.map((items, i) => ({
    number: i + 1,
    items: [...furnitureItems(i + 1, pages.length, furniture, theme, measure), ...items],
  }));
}
