/**
 * Widows and orphans: a page may break inside a paragraph only where at least two
 * of its lines stay on each side. Inside a card a paragraph never breaks at all.
 */
import type { Slice } from '../slice.js';

/** At least `min` lines on each side of any break inside the run of lines. */
export function guardOrphans(lines: Slice[], min = 2): Slice[] {
  return lines.map((s, i) =>
    s.keepWithPrevious || (i >= min && lines.length - i >= min) ? s : { ...s, keepWithPrevious: true, bond: 'orphans' },
  );
}

/** The lines as one unbreakable run. */
export function keepWhole(lines: Slice[]): Slice[] {
  return lines.map((s, i) => ({ ...s, keepWithPrevious: s.keepWithPrevious || i > 0 }));
}

export function wholeOrOrphanGuarded(lines: Slice[], whole: boolean): Slice[] {
  return whole ? keepWhole(lines) : guardOrphans(lines);
}
