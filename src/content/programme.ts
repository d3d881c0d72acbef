/**
 * A client's exercise programme, loaded and checked against the library, and
 * made into the view the exercise-sheet template renders: the exercises in the
 * client's language and the training diary's weeks.
 */
import { type DiagnosticInit, HandoutError } from '../diagnostics.js';
import { type ExerciseView, type RefContext, resolveExerciseRef } from './exercise-ref.js';
import type { JsonDocument } from './json.js';
import type { Labels, Library } from './library.js';
import type { Programme } from './schema.js';

export interface ProgrammeView extends Omit<Programme, 'exercises'> {
  exercises: ExerciseView[];
  /** The notes' and advice's language when the programme prints in another, else "" (no span needed). */
  notesLang: string;
  /** The diary: one part per week of the programme, days as columns. */
  diary: { week: number; weekdays: string[]; exercises: string[] }[];
}

/** Whether a parsed JSON file is a programme rather than a handout: it names a client. */
export function isProgramme(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, 'client');
}

export function resolveProgramme(
  programme: Programme,
  doc: JsonDocument,
  library: Library,
  labels: Labels,
  language: string,
): { view: ProgrammeView; warnings: DiagnosticInit[] } {
  const problems: DiagnosticInit[] = [];
  const refs: RefContext = { doc, library, labels, language, problems, untranslated: [] };
  const exercises = programme.exercises.flatMap(
    (ref, i) => resolveExerciseRef(ref, ['exercises', i], i + 1, refs) ?? [],
  );
  if (problems.length > 0) throw new HandoutError(problems);
  const weekdays = (labels.weekdays ?? 'Man,Tir,Ons,Tor,Fre,Lør,Søn').split(',');
  const diary = Array.from({ length: programme.weeks }, (_, w) => ({
    week: w + 1,
    weekdays,
    exercises: exercises.map((e) => `${e.number}. ${e.name}`),
  }));
  const notesLang = programme.notesLanguage === language ? '' : programme.notesLanguage;
  return { view: { ...programme, language, notesLang, exercises, diary }, warnings: refs.untranslated };
}
