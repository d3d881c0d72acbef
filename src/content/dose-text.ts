/**
 * Doses written into running text. A dose lives in `dose` only: a step that says
 * "hold 2 sekunder" beside a card whose dose says "hold 5 sek." contradicts
 * itself as soon as a handout or programme overrides the dose.
 */
import type { Dose } from './schema.js';

type Field = 'sets' | 'reps' | 'holdSeconds' | 'timesPerDay' | 'timesPerWeek';
type Amount = number | [number, number];

export interface DoseMention {
  /** The words as written, e.g. "20–30 sekunder". */
  text: string;
  field: Field;
  amount: Amount;
}

const NUMBER = String.raw`(\d+)(?:\s*[–-]\s*(\d+))?`;
/** Longest unit first: "gange om ugen" before "gange". Danish and English. */
const UNITS: [Field, string][] = [
  ['timesPerDay', String.raw`gange (?:dagligt|om dagen|hver dag)|times (?:a|per) day`],
  ['timesPerWeek', String.raw`gange (?:om|hver) ugen?|times (?:a|per) week`],
  ['holdSeconds', String.raw`sekunder|sekund|sek\.?|seconds?|secs?\.?`],
  ['sets', String.raw`sæt|sets?`],
  ['reps', String.raw`gentagelser|gentagelse|gange|repetitions?|reps|times`],
];
const MENTION = new RegExp(
  `(?<![\\p{L}\\d.,])${NUMBER}\\s+(${UNITS.map(([, u]) => `(?:${u})`).join('|')})(?![\\p{L}])`,
  'giu',
);

/** Every number with a dose unit in a text: "hold 20 sekunder", "3 sæt", "10–15 gange". */
export function doseMentions(text: string): DoseMention[] {
  return [...text.matchAll(MENTION)].map((m) => {
    const unit = (m[3] as string).toLowerCase();
    const field = UNITS.find(([, u]) => new RegExp(`^(?:${u})$`, 'iu').test(unit))?.[0] as Field;
    const low = Number(m[1]);
    const amount: Amount = m[2] === undefined ? low : [low, Number(m[2])];
    return { text: m[0], field, amount };
  });
}

function same(a: Amount | undefined, b: Amount): boolean {
  if (a === undefined) return false;
  return typeof a === 'number' ? a === b : Array.isArray(b) && a[0] === b[0] && a[1] === b[1];
}

/** The mentions in `text` that say another amount than `dose`, or one the dose does not have. */
export function doseConflicts(text: string, dose: Dose): DoseMention[] {
  return doseMentions(text).filter((m) => !same(dose[m.field], m.amount));
}
