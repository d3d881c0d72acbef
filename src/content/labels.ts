/**
 * Labels: the words a document prints around its content ("Side 1 af 4", "Tlf.",
 * "Ring 12 34 56 78"), one file per language in content/labels/. Code names a
 * label by a key typed here, so a label the code prints and da.json lacks is a
 * compile error (test/content/labels.test.ts holds this list to da.json's keys);
 * templates name labels by text, which validation checks.
 */
import { z } from 'zod';

export const LabelsSchema = z.record(z.string().regex(/^(\$schema|[a-zA-Z][a-zA-Z0-9]*)$/), z.string());
/** A label file as written: a project's may hold only the words it changes. */
export type LabelTable = Readonly<Record<string, string | undefined>>;

/** Every label but the tags' names and the studio's words, in da.json's order. */
export const LABEL_KEYS = [
  'pageOf',
  'documentId',
  'version',
  'date',
  'reviewDate',
  'author',
  'phone',
  'web',
  'email',
  'aboutLeaflet',
  'contact',
  'startPosition',
  'training',
  'dose',
  'caution',
  'progression',
  'note',
  'exercise',
  'continued',
  'catalogTitle',
  'catalogIntro',
  'purpose',
  'tags',
  'equipment',
  'categoryRelieving',
  'categoryMobility',
  'categoryStability',
  'categoryStrength',
  'categoryStretch',
  'categoryWarmUp',
  'doseRep',
  'doseReps',
  'doseHold',
  'dosePerSide',
  'doseOncePerDay',
  'doseTimesPerDay',
  'doseOncePerWeek',
  'doseTimesPerWeek',
  'programmeTitle',
  'client',
  'therapist',
  'programmeLength',
  'weeks',
  'followUp',
  'yourExercises',
  'advice',
  'notes',
  'notesIntro',
  'diary',
  'diaryIntro',
  'week',
  'weekdays',
  'video',
  'contentHash',
  'onlineVersion',
  'picture',
  'callLink',
  'mailLink',
  'qrCode',
] as const;
export type LabelKey = (typeof LABEL_KEYS)[number];

/**
 * A language's words, complete: every label, the names of the tags it has
 * (`tagLaend`; a tag without one prints as its id), and the studio's words
 * (`studioSave`), which its page names by text, as templates do.
 */
export type Labels = Readonly<Record<LabelKey, string>> & {
  readonly [tag: `tag${string}`]: string | undefined;
  readonly [studio: `studio${string}`]: string | undefined;
};

/** The label keys a table lacks. */
export function missingLabels(table: LabelTable): LabelKey[] {
  return LABEL_KEYS.filter((key) => table[key] === undefined);
}

/** A label with its {placeholders} filled: fillLabel("Side {page} af {pages}", { page: 1, pages: 4 }). */
export function fillLabel(label: string, values: Readonly<Record<string, string | number>>): string {
  return label.replace(/\{(\w+)\}/g, (m, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : m));
}

/** The label key of a tag: "laend" -> "tagLaend" (tag ids are ASCII; their labels have æ, ø and å). */
export function tagLabelKey(tag: string): `tag${string}` {
  return `tag${tag
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('')}`;
}
