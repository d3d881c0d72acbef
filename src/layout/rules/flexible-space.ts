/**
 * Flexible space: the space between blocks on a page may shrink, down to half, when
 * that lets one more block fit on it. A card or a paragraph that misses a page by a
 * few points then stays on it, instead of leaving the page half empty.
 */
const SHRINK = 0.5;

/** How far the content of a page may run past its foot, given the space between its blocks. */
export function slack(gaps: number): number {
  return gaps * SHRINK;
}

/**
 * Tops of the slices of a page once its gaps have shrunk, each in proportion, just
 * enough for the content to end at the page's foot.
 */
export function shrinkGaps(slices: readonly { y: number; gap: number }[], overrun: number): number[] {
  const gaps = slices.reduce((sum, s) => sum + s.gap, 0);
  if (overrun <= 0 || gaps === 0) return slices.map((s) => s.y);
  const share = Math.min(overrun, slack(gaps)) / gaps;
  let lifted = 0;
  return slices.map((s) => {
    lifted += s.gap * share;
    return s.y - lifted;
  });
}
