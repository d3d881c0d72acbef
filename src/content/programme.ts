/**
 * A client's exercise programme, loaded and checked against the library, and
 * made into the view the exercise-sheet template renders: the exercises in the
 * client's language and the training diary's weeks.
 */
import { type DiagnosticInit, HandoutError } from '../diagnostics.js';
import { type ExerciseView, type RefContext, resolveExerciseRef } from './exercise-ref.js';
import { diagnosticAt, type JsonDocument, type JsonPath } from './json.js';
import type { Labels } from './labels.js';
import type { Library } from './library.js';
import type { Programme } from './schema.js';

export interface ProgrammeView extends Omit<Programme, 'exercises'> {
  exercises: ExerciseView[];
  /** The advice's language when it is printed untranslated in another, else "" (no span needed). */
  adviceLang: string;
  /** The diary: one part per week of the programme, days as columns. */
  diary: { week: number; weekdays: string[]; exercises: string[] }[];
}

/**
 * The therapist's own words (notes, advice) in the language the programme is
 * printed in: their translation where the programme gives one, else as written,
 * with a warning for each, so a client never gets Danish advice unannounced.
 */
function inLanguage(
  programme: Programme,
  doc: JsonDocument,
  language: string,
  exercises: ExerciseView[],
): { advice: string[]; adviceLang: string; warnings: DiagnosticInit[] } {
  // Words printed as written, in a language other than the page's, are marked as such for a screen reader.
  const written = programme.notesLanguage === language ? '' : programme.notesLanguage;
  for (const view of exercises) view.noteLang = written;
  if (language === programme.language) return { advice: programme.advice, adviceLang: written, warnings: [] };
  const warnings: DiagnosticInit[] = [];
  const untranslated = (path: JsonPath, what: string, hint: string) =>
    warnings.push({
      ...diagnosticAt(doc, path, `${what} is in "${programme.language}", not "${language}": printed as written`, hint),
      severity: 'warning',
    });
  programme.exercises.forEach((ref, i) => {
    const view = exercises[i];
    if (!ref.note || !view) return;
    const note = ref.translations?.[language]?.note;
    if (note) {
      view.note = note;
      view.noteLang = '';
    } else untranslated(['exercises', i, 'note'], 'the note', `add exercises[${i}].translations.${language}.note`);
  });
  const advice = programme.translations?.[language]?.advice;
  if (advice) return { advice, adviceLang: '', warnings };
  if (programme.advice.length > 0)
    untranslated(['advice'], 'the advice', `add translations.${language}.advice, one item for each`);
  return { advice: programme.advice, adviceLang: written, warnings };
}

/** A name's words as they could stand in an ASCII id: "Søren Ærø" -> soren, soeren, aero, aeroe. */
function idForms(name: string): Set<string> {
  const words = name.toLowerCase().split(/[^\p{L}\p{N}]+/u);
  const forms = new Set<string>();
  for (const word of words)
    for (const [o, aa] of [
      ['o', 'a'],
      ['oe', 'aa'],
    ] as const) {
      const ascii = word.replace(/ø/g, o).replace(/æ/g, 'ae').replace(/å/g, aa).normalize('NFD').replace(/\p{M}/gu, '');
      if (ascii.length >= 3) forms.add(ascii);
    }
  return forms;
}

/**
 * The id names the file (and the PDF): a case number, never the client. An id
 * that holds a word of the client's name is refused; the message does not repeat
 * the name, so it can go into a log.
 */
export function clientInId(programme: Pick<Programme, 'id' | 'client'>, doc: JsonDocument): DiagnosticInit | undefined {
  const forms = idForms(programme.client);
  const parts = programme.id.split('-');
  const found = parts.some((part) => [...forms].some((w) => part === w || (w.length >= 4 && part.includes(w))));
  return found
    ? diagnosticAt(
        doc,
        ['id'],
        "the id holds a word of the client's name, and the id names the file and the PDF",
        'use the case number, e.g. "p-2026-0142"; the name goes in "client" only',
      )
    : undefined;
}

export function resolveProgramme(
  programme: Programme,
  doc: JsonDocument,
  library: Library,
  labels: Labels,
  language: string,
): { view: ProgrammeView; warnings: DiagnosticInit[] } {
  const named = clientInId(programme, doc);
  const problems: DiagnosticInit[] = named ? [named] : [];
  const refs: RefContext = { doc, library, labels, language, problems, untranslated: [] };
  const exercises = programme.exercises.flatMap(
    (ref, i) => resolveExerciseRef(ref, ['exercises', i], i + 1, refs) ?? [],
  );
  if (problems.length > 0) throw new HandoutError(problems);
  const { advice, adviceLang, warnings } = inLanguage(programme, doc, language, exercises);
  const weekdays = labels.weekdays.split(',');
  const diary = Array.from({ length: programme.weeks }, (_, w) => ({
    week: w + 1,
    weekdays,
    exercises: exercises.map((e) => `${e.number}. ${e.name}`),
  }));
  return {
    view: { ...programme, language, adviceLang, exercises, advice, diary },
    warnings: [...refs.untranslated, ...warnings],
  };
}
