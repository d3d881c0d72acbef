/**
 * `handout list`: what the project holds, as lines a person can scan, and the
 * exercises a physiotherapist looks for, by tag and search word, without opening JSON.
 */
import path from 'node:path';
import { listJson } from '../content/files.js';
import { tagLabelKey } from '../content/labels.js';
import { brandIds, contentDir, labelsFor } from '../content/library.js';
import { didYouMean } from '../content/suggest.js';
import type { Project } from '../pipeline.js';
import { optionError } from './options.js';

export interface ExerciseEntry {
  id: string;
  name: string;
  /** Tag ids and their Danish labels ("lob", "løb"). */
  tags: { id: string; label: string }[];
}

export interface ListFilter {
  /** Search words: each must be in the id, the name or a tag. */
  words: readonly string[];
  /** Tags (id or label): an exercise must have each. */
  tags: readonly string[];
}

/**
 * Lower case without accents, and the Danish letters and their two-letter
 * spellings as one plain letter, so that "lob", "loeb" and "løb" are the same.
 */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/æ/g, 'a')
    .replace(/ø/g, 'o')
    .replace(/ae|oe|aa/g, (pair) => pair.charAt(0));
}

/** The exercises that have every tag and match every word, in the order given. */
export function findExercises(entries: readonly ExerciseEntry[], filter: ListFilter): ExerciseEntry[] {
  const tags = filter.tags.map(fold);
  const words = filter.words.map(fold);
  return entries.filter((e) => {
    const own = e.tags.flatMap((t) => [fold(t.id), fold(t.label)]);
    const text = [fold(e.id), fold(e.name), ...own];
    return tags.every((t) => own.includes(t)) && words.every((w) => text.some((s) => s.includes(w)));
  });
}

function exerciseLines(entries: readonly ExerciseEntry[]): string[] {
  const idWidth = Math.max(0, ...entries.map((e) => e.id.length));
  const nameWidth = Math.max(0, ...entries.map((e) => e.name.length));
  return entries.map(
    (e) => `  ${e.id.padEnd(idWidth)}  ${e.name.padEnd(nameWidth)}  ${e.tags.map((t) => t.label).join(', ')}`,
  );
}

/** A `--tag` the library has no exercise with is a mistake to name, not an empty result. */
function checkTags(entries: readonly ExerciseEntry[], wanted: readonly string[]): void {
  const known = new Map(entries.flatMap((e) => e.tags.map((t) => [t.id, t.label] as const)));
  const names = new Set([...known].flatMap(([id, label]) => [fold(id), fold(label)]));
  for (const tag of wanted) {
    if (names.has(fold(tag))) continue;
    const labels = [...new Set(known.values())].sort(new Intl.Collator('da').compare);
    const hint = didYouMean(tag, [...labels, ...known.keys()]) ?? `tags: ${labels.join(', ')}`;
    throw optionError('--tag', `no exercise has the tag "${tag}"`, hint);
  }
}

export async function listProject(project: Project, filter: ListFilter = { words: [], tags: [] }): Promise<string[]> {
  const { library, templates, root } = project;
  const labels = labelsFor(library, 'da');
  const collator = new Intl.Collator('da');
  const entries: ExerciseEntry[] = [...library.exercises.values()]
    .map(({ value: e }) => ({
      id: e.id,
      name: e.name,
      tags: e.tags.map((id) => ({ id, label: labels[tagLabelKey(id)] ?? id })),
    }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));

  if (filter.words.length > 0 || filter.tags.length > 0) {
    checkTags(entries, filter.tags);
    const found = findExercises(entries, filter);
    const wanted = [...filter.tags.map((t) => `tag "${t}"`), ...filter.words.map((w) => `"${w}"`)].join(' and ');
    if (found.length === 0)
      return [`no exercise matches ${wanted} (${entries.length} exercises; \`handout list\` shows them all)`];
    return [`exercises matching ${wanted} (${found.length} of ${entries.length}):`, ...exerciseLines(found)];
  }

  const handouts = (await listJson(contentDir(root, 'handouts'))).map((f) => path.basename(f, '.json'));
  const tags = [...new Set(entries.flatMap((e) => e.tags.map((t) => t.label)))].sort(collator.compare);
  const broken = [...library.broken.keys()].map((k) => `  ${k} (broken: run handout validate)`);
  return [
    `handouts (${handouts.length}):`,
    ...handouts.map((h) => `  ${h}`),
    `exercises (${entries.length}):`,
    ...exerciseLines(entries),
    `tags: ${tags.join(', ')}`,
    `brands: ${brandIds(library).join(', ')}`,
    `templates: ${templates.names().join(', ')}`,
    `labels: ${[...library.labels.keys()].sort().join(', ')}`,
    `pictures: ${library.pictures.size}`,
    ...(broken.length > 0 ? ['broken files:', ...broken] : []),
  ];
}
