/**
 * An exercise as a handout or programme names it: looked up in the library, in
 * the reader's language, with the document's dose override and note.
 */
import type { DiagnosticInit } from '../diagnostics.js';
import { formatDose, mergeDose } from './dose.js';
import { localise } from './exercise-text.js';
import { diagnosticAt, type JsonDocument, type JsonPath } from './json.js';
import type { Labels } from './labels.js';
import { exercisePictureProblem, type Library } from './library.js';
import type { Dose, DoseOverride, Exercise } from './schema.js';
import { didYouMean } from './suggest.js';

export interface ExerciseRef {
  exercise: string;
  dose?: DoseOverride;
  note?: string;
  video?: string;
}

export interface ExerciseView extends Exercise {
  /** The dose after the document's override, and written out. */
  dose: Dose;
  doseText: string;
  note?: string;
  /** The note's language when it differs from the document's (printed untranslated), else "". */
  noteLang?: string;
  /** 1-based number across the whole document. */
  number: number;
}

export interface RefContext {
  doc: JsonDocument;
  library: Library;
  labels: Labels;
  language: string;
  problems: DiagnosticInit[];
  /** Exercises shown in Danish for want of a translation (warnings, not errors). */
  untranslated: DiagnosticInit[];
}

/** The exercise a reference names, or undefined (with the reason in `ctx.problems`). */
export function resolveExerciseRef(
  ref: ExerciseRef,
  at: JsonPath,
  number: number,
  ctx: RefContext,
): ExerciseView | undefined {
  const { library, doc } = ctx;
  const failed = library.broken.get(`exercises/${ref.exercise}`);
  if (failed) {
    ctx.problems.push(...failed.diagnostics);
    return undefined;
  }
  const loaded = library.exercises.get(ref.exercise);
  if (!loaded) {
    ctx.problems.push(
      diagnosticAt(
        doc,
        [...at, 'exercise'],
        `unknown exercise "${ref.exercise}"`,
        didYouMean(ref.exercise, library.exercises.keys()),
      ),
    );
    return undefined;
  }
  const pictureProblem = exercisePictureProblem(library, ref.exercise);
  if (pictureProblem) ctx.problems.push(pictureProblem);
  const { exercise, missing } = localise(loaded.value, ctx.language);
  if (missing.length > 0) {
    ctx.untranslated.push({
      ...diagnosticAt(
        loaded.doc,
        ['translations'],
        `no ${ctx.language} translation of ${missing.join(', ')}: shown in Danish`,
      ),
      severity: 'warning',
    });
  }
  const dose = mergeDose(exercise.dose, ref.dose);
  const doseText = formatDose(dose, ctx.labels);
  if (doseText.trim() === '') {
    // Every field removed with null: the card would say "Dosis:" and nothing.
    ctx.problems.push(
      diagnosticAt(
        doc,
        [...at, 'dose'],
        "the dose is empty once the exercise's own fields are removed",
        'keep at least one field, or give one such as "reps": 10',
      ),
    );
  }
  return {
    ...exercise,
    dose,
    doseText,
    note: ref.note,
    video: ref.video ?? exercise.video,
    number,
  };
}
