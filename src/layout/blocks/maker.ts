/** What every module under blocks/ exports: a block in, the slices pagination moves out. */
import type { BlockNode } from '../../markup/tree.js';
import type { LayoutContext } from '../context.js';
import type { Slice } from '../slice.js';

/**
 * Lays out a run of blocks. A block that holds blocks (a card, a callout, a
 * media block) is handed the flow that called it rather than importing it, so
 * the flow and the blocks it dispatches to stay a tree.
 */
export type Flow = (blocks: readonly BlockNode[], ctx: LayoutContext) => Slice[];

export type SliceMaker<K extends BlockNode['kind']> = (
  block: Extract<BlockNode, { kind: K }>,
  ctx: LayoutContext,
  flow: Flow,
) => Slice[];
