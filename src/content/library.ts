/**
 * The content library of a project: exercises, brands, labels and pictures, each
 * loaded and validated once, and looked up by id with a did-you-mean on a miss.
 */
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { type DiagnosticInit, FatalError, HandoutError } from '../diagnostics.js';
import { layered, PACKAGE_ROOT } from '../packaged.js';
import { displayPath, listJson, readJson } from './files.js';
import { diagnosticAt, type JsonDocument, validate } from './json.js';
import { type Labels, LabelsSchema, type LabelTable, missingLabels } from './labels.js';
import { pictogramId } from './picture-ref.js';
import { type Brand, BrandSchema, type Exercise, ExerciseSchema } from './schema.js';
import { didYouMean } from './suggest.js';

export interface Loaded<T> {
  value: T;
  doc: JsonDocument;
}

export interface Library {
  root: string;
  exercises: ReadonlyMap<string, Loaded<Exercise>>;
  brands: ReadonlyMap<string, Loaded<Brand>>;
  labels: ReadonlyMap<string, Loaded<LabelTable>>;
  /** Picture ids with their scene files under content/pictures/. */
  pictures: ReadonlyMap<string, JsonDocument>;
  /**
   * Files that failed to load, by kind and file stem ("brands/x"): a handout that
   * uses one fails with its error; every other handout still builds.
   */
  broken: ReadonlyMap<string, HandoutError>;
}

export function contentDir(
  root: string,
  kind: 'handouts' | 'programmes' | 'exercises' | 'brands' | 'labels' | 'pictures',
): string {
  return path.join(root, 'content', kind);
}

/**
 * The rules a brand must meet beyond its schema (contrast on every background the
 * theme derives): they belong to the brand layer, which content does not import.
 */
export type BrandCheck = (brand: Brand, doc: JsonDocument) => DiagnosticInit[];

/**
 * Load every library file, the package's where the project has none of its own;
 * a broken file (or a brand `checkBrand` refuses) is kept aside with its error, not thrown.
 */
export async function loadLibrary(root: string, checkBrand: BrandCheck): Promise<Library> {
  await requireContent(root);
  const broken = new Map<string, HandoutError>();
  const collect = async <T>(
    kind: 'exercises' | 'brands' | 'labels',
    read: (doc: JsonDocument) => T,
    idOf: (value: T, file: string) => string,
  ): Promise<Map<string, Loaded<T>>> => {
    const out = new Map<string, Loaded<T>>();
    // A brand is the clinic's own: the package's three sample brands are never a project's.
    const files =
      kind === 'brands' ? await listJson(contentDir(root, kind)) : await layered(root, `content/${kind}`, listJson);
    for (const file of files) {
      try {
        const doc = await readJson(root, file);
        const value = read(doc);
        const id = idOf(value, file);
        const stem = path.basename(file, '.json');
        if (id !== stem) {
          throw new HandoutError(
            diagnosticAt(
              doc,
              ['id'],
              `id "${id}" does not match the file name "${stem}.json"`,
              `rename the file or set "id": "${stem}"`,
            ),
          );
        }
        out.set(id, { value, doc });
      } catch (error) {
        if (error instanceof HandoutError) broken.set(`${kind}/${path.basename(file, '.json')}`, error);
        else throw error;
      }
    }
    return out;
  };
  const exercises = await collect(
    'exercises',
    (d) => validate(d, ExerciseSchema),
    (v) => v.id,
  );
  const brands = await collect(
    'brands',
    (d) => {
      const brand = validate(d, BrandSchema);
      const problems = checkBrand(brand, d);
      if (problems.length > 0) throw new HandoutError(problems);
      return brand;
    },
    (v) => v.id,
  );
  const labels = await collect(
    'labels',
    (d) => validate(d, LabelsSchema),
    (_v, f) => path.basename(f, '.json'),
  );
  // A project's label file changes or adds words: the package's others stay, so a label a
  // later version of the tool adds still has its word.
  if (path.resolve(root) !== PACKAGE_ROOT) {
    for (const [lang, own] of labels) {
      const packaged = path.join(PACKAGE_ROOT, 'content', 'labels', `${lang}.json`);
      if (!existsSync(packaged)) continue;
      const base = validate(await readJson(PACKAGE_ROOT, packaged), LabelsSchema);
      labels.set(lang, { value: { ...base, ...own.value }, doc: own.doc });
    }
  }
  const pictures = new Map<string, JsonDocument>();
  for (const file of await layered(root, 'content/pictures', listJson)) {
    try {
      pictures.set(path.basename(file, '.json'), await readJson(root, file));
    } catch (error) {
      if (error instanceof HandoutError) broken.set(`pictures/${path.basename(file, '.json')}`, error);
      else throw error;
    }
  }
  return { root, exercises, brands, labels, pictures, broken };
}

/**
 * A folder without content/ is not a project: every command would find nothing
 * and succeed, which reads as "all is well" to a new user.
 */
async function requireContent(root: string): Promise<void> {
  const kind = await stat(path.join(root, 'content')).then(
    (s) => (s.isDirectory() ? 'folder' : 'file'),
    () => undefined,
  );
  if (kind === 'folder') return;
  const exists = await stat(root).then(
    () => true,
    () => false,
  );
  throw new FatalError({
    file: root,
    message: exists ? 'not a handout project: there is no content/ folder' : 'the project folder does not exist',
    hint: `run \`handout init${exists ? '' : ` ${root}`}\` to start one, or name the project with --root`,
  });
}

/** A diagnostic when an exercise names a picture id that content/pictures/ does not have. */
export function exercisePictureProblem(library: Library, id: string): DiagnosticInit | undefined {
  const loaded = library.exercises.get(id);
  if (!loaded) return undefined;
  const { picture } = loaded.value;
  if (!pictogramId(picture) || library.pictures.has(picture) || library.broken.has(`pictures/${picture}`))
    return undefined;
  return diagnosticAt(
    loaded.doc,
    ['picture'],
    `unknown picture "${picture}"`,
    didYouMean(picture, library.pictures.keys()) ?? `add content/pictures/${picture}.json or name a file under assets/`,
  );
}

/** Every brand the project has, the broken ones too: building "every brand" must not skip one quietly. */
export function brandIds(library: Library): string[] {
  const broken = [...library.broken.keys()]
    .filter((k) => k.startsWith('brands/'))
    .map((k) => k.slice('brands/'.length));
  return [...new Set([...library.brands.keys(), ...broken])].sort();
}

/** A brand named inside a content file: an unknown id is reported at its place in that file. */
export function brandAt(library: Library, id: string, doc: JsonDocument): Brand {
  if (library.brands.has(id) || library.broken.has(`brands/${id}`)) return brandById(library, id);
  throw new HandoutError(
    diagnosticAt(
      doc,
      ['brand'],
      `unknown brand "${id}"`,
      didYouMean(id, brandIds(library)) ?? `known brands: ${brandIds(library).join(', ')}`,
    ),
  );
}

export function brandById(library: Library, id: string): Brand {
  const failed = library.broken.get(`brands/${id}`);
  if (failed) throw failed;
  const brand = library.brands.get(id);
  if (!brand) {
    throw new HandoutError({
      file: displayPath(library.root, contentDir(library.root, 'brands')),
      message: `unknown brand "${id}"`,
      hint: didYouMean(id, library.brands.keys()) ?? `known brands: ${[...library.brands.keys()].join(', ') || 'none'}`,
    });
  }
  return brand.value;
}

/** Labels by library and language, merged once: every document of a batch asks again. */
const merged = new WeakMap<Library, Map<string, Labels>>();

export function labelsFor(library: Library, language: string): Labels {
  let known = merged.get(library);
  if (!known) {
    known = new Map();
    merged.set(library, known);
  }
  let labels = known.get(language);
  if (!labels) {
    labels = Object.freeze(mergeLabels(library, language));
    known.set(language, labels);
  }
  return labels;
}

function mergeLabels(library: Library, language: string): Labels {
  for (const lang of new Set(['da', language.slice(0, 2)])) {
    const failed = library.broken.get(`labels/${lang}`);
    if (failed) throw failed;
  }
  const da = library.labels.get('da');
  const own = library.labels.get(language.slice(0, 2))?.value ?? {};
  // A missing translation falls back to Danish, the language the library is written in.
  const labels = { ...da?.value, ...own };
  const missing = missingLabels(labels);
  if (missing.length > 0)
    throw new HandoutError({
      file: da?.doc.file ?? 'content/labels/da.json',
      message: `missing label${missing.length === 1 ? '' : 's'} ${missing.map((k) => `"${k}"`).join(', ')}`,
      hint: "add it, or delete the project's own file to use the package's words",
    });
  return labels as Labels;
}

/**
 * Why a document cannot be printed in `language`, or undefined when it can: it
 * must be a language code, and the project must have labels for it (the fixed
 * words of every page).
 */
export function languageProblem(library: Library, language: string): string | undefined {
  const known = [...library.labels.keys()].sort();
  if (!/^[a-z]{2}(-[A-Z]{2})?$/.test(language))
    return `expected a two-letter language code such as ${known.map((k) => `"${k}"`).join(' or ')}, got "${language.slice(0, 40)}"`;
  const code = language.slice(0, 2);
  if (!library.labels.has(code) && !library.broken.has(`labels/${code}`))
    return `there are no labels for "${code}" (content/labels/${code}.json); known languages: ${known.join(', ')}`;
  return undefined;
}
