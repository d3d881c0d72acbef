/** Doses written the way therapists write them: "3 × 10–15 gentagelser · 2 gange dagligt". */
import type { LabelKey, Labels } from './labels.js';
import type { Dose, DoseOverride } from './schema.js';

type Amount = NonNullable<Dose['reps']>;

/** The document's override wins field by field over the exercise's default; null removes the field. */
export function mergeDose(base: Dose, override: DoseOverride | undefined): Dose {
  const merged: Record<string, unknown> = { ...base, ...override };
  for (const [key, value] of Object.entries(merged)) if (value === null || value === undefined) delete merged[key];
  return merged as Dose;
}

function amount(a: Amount): string {
  return typeof a === 'number' ? String(a) : `${a[0]}–${a[1]}`;
}

function fill(template: string, n: Amount): string {
  return template.replace('{n}', amount(n));
}

function isOne(a: Amount): boolean {
  return a === 1;
}

export function formatDose(dose: Dose, labels: Labels): string {
  const l = (key: LabelKey) => labels[key];
  const parts: string[] = [];
  const volume: string[] = [];
  if (dose.sets !== undefined) volume.push(amount(dose.sets));
  if (dose.reps !== undefined) volume.push(fill(l(isOne(dose.reps) ? 'doseRep' : 'doseReps'), dose.reps));
  if (volume.length > 0) parts.push(volume.join(' × '));
  if (dose.holdSeconds !== undefined) parts.push(fill(l('doseHold'), dose.holdSeconds));
  if (dose.perSide) parts.push(l('dosePerSide'));
  if (dose.timesPerDay !== undefined)
    parts.push(fill(l(isOne(dose.timesPerDay) ? 'doseOncePerDay' : 'doseTimesPerDay'), dose.timesPerDay));
  if (dose.timesPerWeek !== undefined)
    parts.push(fill(l(isOne(dose.timesPerWeek) ? 'doseOncePerWeek' : 'doseTimesPerWeek'), dose.timesPerWeek));
  if (dose.text) parts.push(dose.text);
  return parts.join(' · ');
}
