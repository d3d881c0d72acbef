/**
 * `handout check`: clinical governance before a leaflet reaches a patient. A
 * leaflet past its review date must not be handed out; one near it is due for
 * review; a leaflet whose content changed since it was built must carry a new
 * version number.
 */

import { loadRecord } from './batch/record.js';
import { brandProblems } from './brand/check.js';
import { formatDose, mergeDose } from './content/dose.js';
import { doseConflicts, doseMentions } from './content/dose-text.js';
import { displayPath, listJson, readJson } from './content/files.js';
import { resolveHandout } from './content/handout.js';
import { diagnosticAt, formatPath, type JsonDocument, type JsonPath, validate } from './content/json.js';
import { contentDir, type Library, labelsFor, loadLibrary } from './content/library.js';
import { contentHash } from './content/provenance.js';
import { capitalRuns, readability } from './content/readability.js';
import {
  type Dose,
  type DoseOverride,
  type Exercise,
  type Handout,
  HandoutSchema,
  ProgrammeSchema,
} from './content/schema.js';
import { type DiagnosticInit, HandoutError } from './diagnostics.js';

export interface CheckOptions {
  /** Today, YYYY-MM-DD: the date review dates are measured against. */
  today: string;
  /** Warn when a review date is this many days away or fewer. */
  warnDays: number;
  /** Warn when a handout's or a section's LIX is above this (40: ordinary patient information). */
  lixMax?: number;
}

/** The reader's text of a JSON value: every string but ids, references and addresses. */
function textsOf(value: unknown, key = ''): string[] {
  if (typeof value === 'string')
    return /^(id|exercise|picture|type|tone|colour|doi|url|template|language|\$schema)$/.test(key) ? [] : [value];
  if (Array.isArray(value)) return value.flatMap((v) => textsOf(v, key));
  // A reference list is cited literature, not text written for the patient.
  if (value && typeof value === 'object' && (value as { type?: unknown }).type === 'references') return [];
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => (k === 'meta' ? [] : textsOf(v, k)));
  return [];
}

/** Plain-language findings for one handout: readability and capitals. */
function clearPrint(doc: JsonDocument, handout: Handout, lixMax: number): DiagnosticInit[] {
  const out: DiagnosticInit[] = [];
  const warn = (path: (string | number)[], message: string, hint?: string) =>
    out.push({ ...diagnosticAt(doc, path, message, hint), severity: 'warning' });
  const whole = readability(textsOf(handout));
  if (whole.lix > lixMax) {
    warn(
      ['title'],
      `LIX ${whole.lix} for the whole handout, above ${lixMax}`,
      `longest sentences: ${whole.longest.map((l) => `"${l.text}" (${l.words} words)`).join('; ')}`,
    );
  }
  handout.sections.forEach((section, i) => {
    const r = readability(textsOf(section));
    if (r.lix > lixMax)
      warn(
        ['sections', i, 'title'],
        `LIX ${r.lix} in "${section.title}", above ${lixMax}`,
        `shorten: "${r.longest[0]?.text}"`,
      );
  });
  for (const text of textsOf(handout)) {
    for (const run of capitalRuns(text))
      warn(
        ['title'],
        `"${run}" is written in capitals: harder to read, and read out letter by letter`,
        'write it in ordinary letters; bold it in the template if it must stand out',
      );
  }
  return out;
}

/** An exercise as a handout or programme names it, with where it does. */
interface ExerciseUse {
  doc: JsonDocument;
  at: JsonPath;
  exercise: string;
  dose?: DoseOverride;
  note?: string;
}

function usesIn(doc: JsonDocument, handout: Handout): ExerciseUse[] {
  return handout.sections.flatMap((section, s) =>
    section.blocks.flatMap((block, b) =>
      block.type === 'exercises'
        ? block.items.map((item, i) => ({ doc, at: ['sections', s, 'blocks', b, 'items', i], ...item }))
        : [],
    ),
  );
}

/** The step texts of an exercise in every language it has, with their JSON paths. */
function stepTexts(exercise: Exercise): { path: JsonPath; text: string; language: string }[] {
  const out = exercise.steps.map((text, i) => ({ path: ['steps', i] as JsonPath, text, language: 'da' }));
  for (const [language, t] of Object.entries(exercise.translations ?? {}))
    (t.steps ?? []).forEach((text, i) => {
      out.push({ path: ['translations', language, 'steps', i], text, language });
    });
  return out;
}

/** The progression of an exercise in every language it has, with its JSON path. */
function progressionTexts(exercise: Exercise): { path: JsonPath; text: string }[] {
  const out =
    exercise.progression === undefined ? [] : [{ path: ['progression'] as JsonPath, text: exercise.progression }];
  for (const [language, t] of Object.entries(exercise.translations ?? {}))
    if (t.progression !== undefined) out.push({ path: ['translations', language, 'progression'], text: t.progression });
  return out;
}

/**
 * A dose lives in `dose` only. Warns for a number with a unit ("hold 2 sekunder",
 * "3 sæt") in a step or note that differs from the dose the card prints: the
 * exercise's own dose, and the dose each handout or programme gives it. A
 * progression ("Når det går let") printed beside the dose either repeats it or
 * contradicts the dose some handout gives, so any amount in it warns.
 */
function dosesInText(library: Library, uses: ExerciseUse[]): DiagnosticInit[] {
  const out: DiagnosticInit[] = [];
  const hint = 'a dose lives in `dose` only: take the number out of the text';
  const warn = (doc: JsonDocument, path: JsonPath, message: string, why = hint) =>
    out.push({ ...diagnosticAt(doc, path, message, why), severity: 'warning' });
  const written = (dose: Dose, language: string) => formatDose(dose, labelsFor(library, language)) || 'empty';
  for (const [id, { value: exercise, doc }] of library.exercises) {
    for (const { path, text, language } of stepTexts(exercise))
      for (const m of doseConflicts(text, exercise.dose))
        warn(doc, path, `"${m.text}" in the text, but the dose of "${id}" is "${written(exercise.dose, language)}"`);
    for (const { path, text } of progressionTexts(exercise))
      for (const m of doseMentions(text))
        warn(
          doc,
          path,
          `"${m.text}" in the progression of "${id}": it is printed beside the dose and repeats or contradicts it`,
          'say how to make the exercise harder without an amount ("hold stillingen lidt længere", "tag et sæt mere")',
        );
  }
  for (const use of uses) {
    const loaded = library.exercises.get(use.exercise);
    if (!loaded) continue;
    const dose = mergeDose(loaded.value.dose, use.dose);
    const where = `${use.doc.file} (${formatPath(use.at)})`;
    for (const { path, text, language } of stepTexts(loaded.value)) {
      // What contradicts the exercise's own dose is reported once, above.
      const own = new Set(doseConflicts(text, loaded.value.dose).map((m) => m.text));
      for (const m of doseConflicts(text, dose))
        if (!own.has(m.text))
          warn(loaded.doc, path, `"${m.text}" in the text, but ${where} gives the dose "${written(dose, language)}"`);
    }
    if (use.note)
      for (const m of doseConflicts(use.note, dose))
        warn(use.doc, [...use.at, 'note'], `"${m.text}" in the note, but the dose here is "${written(dose, 'da')}"`);
  }
  return out;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export async function checkProject(root: string, options: CheckOptions): Promise<DiagnosticInit[]> {
  const library = await loadLibrary(root, brandProblems);
  const record = await loadRecord(root);
  const problems: DiagnosticInit[] = [];
  const uses: ExerciseUse[] = [];
  for (const file of await listJson(contentDir(root, 'programmes'))) {
    try {
      const doc = await readJson(root, file);
      const programme = validate(doc, ProgrammeSchema);
      programme.exercises.forEach((item, i) => {
        uses.push({ doc, at: ['exercises', i], ...item });
      });
    } catch (error) {
      if (error instanceof HandoutError) problems.push(...error.diagnostics);
      else throw error;
    }
  }
  for (const file of await listJson(contentDir(root, 'handouts'))) {
    try {
      const doc = await readJson(root, file);
      const handout = validate(doc, HandoutSchema);
      uses.push(...usesIn(doc, handout));
      const { reviewDate, version } = handout.meta;
      const left = daysBetween(options.today, reviewDate);
      if (left < 0) {
        problems.push(
          diagnosticAt(
            doc,
            ['meta', 'reviewDate'],
            `the review date ${reviewDate} has passed: this leaflet must not be handed out until it is reviewed`,
            'review it, then set a new reviewDate and version',
          ),
        );
      } else if (left <= options.warnDays) {
        problems.push({
          ...diagnosticAt(
            doc,
            ['meta', 'reviewDate'],
            `due for review in ${left} day${left === 1 ? '' : 's'} (${reviewDate})`,
          ),
          severity: 'warning',
        });
      }
      problems.push(...clearPrint(doc, handout, options.lixMax ?? 40));
      const hash = contentHash(resolveHandout(handout, doc, library, labelsFor(library, handout.language)));
      const built = Object.values(record.outputs).find(
        (o) =>
          o.handout === displayPath(root, file) &&
          o.version === version &&
          o.contentHash !== undefined &&
          o.contentHash !== hash,
      );
      if (built) {
        problems.push(
          diagnosticAt(
            doc,
            ['meta', 'version'],
            `the content changed since version ${version} was built (${built.contentHash}, now ${hash}), but the version did not go up`,
            'raise the version before the leaflet is handed out again',
          ),
        );
      }
    } catch (error) {
      if (error instanceof HandoutError) problems.push(...error.diagnostics);
      else throw error;
    }
  }
  problems.push(...dosesInText(library, uses));
  return problems;
}
