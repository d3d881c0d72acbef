/**
 * Keep together: a block (a card, a callout, a question with its answer, a table
 * row) is never split when it fits on a page; it moves whole to the next page.
 * A block taller than a page keeps only the bonds its own content makes, so it
 * splits there instead of losing what does not fit.
 */
import { runHeight, type Slice } from '../slice.js';

export function keepTogether(slices: Slice[], pageHeight: number): Slice[] {
  if (runHeight(slices) > pageHeight) return slices;
  return slices.map((s, i) => (i === 0 ? s : { ...s, keepWithPrevious: true, bond: 'keep-together' }));
}
