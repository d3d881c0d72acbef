/** An exercise in the reader's language: its translation where there is one, Danish where not. */
import type { Exercise, ExerciseTranslation } from './schema.js';

const FIELDS = ['name', 'purpose', 'alt', 'startPosition', 'steps', 'caution', 'progression', 'equipment'] as const;

export interface Localised {
  exercise: Exercise;
  /** Fields that had to fall back to Danish. */
  missing: string[];
}

export function localise(exercise: Exercise, language: string): Localised {
  if (language === 'da') return { exercise, missing: [] };
  const t: ExerciseTranslation = exercise.translations?.[language] ?? {};
  const missing: string[] = [];
  const out: Exercise = { ...exercise };
  for (const field of FIELDS) {
    const own = exercise[field];
    if (own === undefined || (Array.isArray(own) && own.length === 0)) continue;
    if (t[field] === undefined) missing.push(field);
    else (out as Record<string, unknown>)[field] = t[field];
  }
  if (exercise.dose.text !== undefined) {
    if (t.doseText === undefined) missing.push('doseText');
    else out.dose = { ...exercise.dose, text: t.doseText };
  }
  return { exercise: out, missing };
}
