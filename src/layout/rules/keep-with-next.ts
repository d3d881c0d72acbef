/**
 * Keep with next: a heading, or a lead-in that ends with a colon ("Sådan gør du:"),
 * never ends a page; it moves to the next page with the start of what it introduces.
 */
import { type BlockNode, plainText } from '../../markup/tree.js';
import type { Slice } from '../slice.js';

export function introduces(block: BlockNode): boolean {
  return block.kind === 'heading' || (block.kind === 'paragraph' && plainText(block.inlines).trimEnd().endsWith(':'));
}

/** Bind the first slice of a block to the block before it when that one introduces it. */
export function keepWithIntroduction(slices: Slice[], introduced: boolean): Slice[] {
  const [first, ...rest] = slices;
  if (!first || !introduced) return slices;
  return [{ ...first, keepWithPrevious: true, bond: 'keep-with-next' }, ...rest];
}
