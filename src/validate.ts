/**
 * `handout validate`: every content file, brand, label file and template checked
 * without rendering, and every problem reported in one run: schemas, template
 * syntax and markup, and every reference (exercise, brand, template, label,
 * picture and image file).
 */

import path from 'node:path';
import { brandProblems } from './brand/check.js';
import { glyphWarnings } from './brand/glyphs.js';
import { documentKind } from './content/document-kind.js';
import { displayPath, listJson, pictureFileProblems, readJson } from './content/files.js';
import { handoutFileProblems, resolveHandout } from './content/handout.js';
import { diagnosticAt, type JsonDocument, type JsonPath, validate } from './content/json.js';
import {
  contentDir,
  exercisePictureProblem,
  type Library,
  labelsFor,
  languageProblem,
  loadLibrary,
} from './content/library.js';
import { pictogramId } from './content/picture-ref.js';
import { resolveProgramme } from './content/programme.js';
import { type Handout, HandoutSchema, type Programme, ProgrammeSchema } from './content/schema.js';
import { didYouMean } from './content/suggest.js';
import { type DiagnosticInit, HandoutError, uniqueDiagnostics } from './diagnostics.js';
import { svgProblems } from './images/svg-safety.js';
import { SceneSchema } from './pictures/scene.js';
import { loadTemplates, type Templates } from './template/environment.js';

async function collect(problems: DiagnosticInit[], check: () => unknown): Promise<void> {
  try {
    await check();
  } catch (error) {
    if (error instanceof HandoutError) problems.push(...error.diagnostics);
    else throw error;
  }
}

/** A reference to an exercise the library does not have (one that failed to load is reported on its own). */
function unknownExercise(doc: JsonDocument, at: JsonPath, exercise: unknown, library: Library) {
  if (typeof exercise !== 'string' || library.exercises.has(exercise) || library.broken.has(`exercises/${exercise}`))
    return undefined;
  return diagnosticAt(
    doc,
    [...at, 'exercise'],
    `unknown exercise "${exercise}"`,
    didYouMean(exercise, library.exercises.keys()),
  );
}

/** Exercise and picture references in a handout that did not pass its schema, read from the raw JSON. */
function looseReferences(doc: JsonDocument, library: Library): DiagnosticInit[] {
  const out: DiagnosticInit[] = [];
  const sections = (doc.value as { sections?: unknown })?.sections;
  if (!Array.isArray(sections)) return out;
  sections.forEach((section, s) => {
    const blocks = (section as { blocks?: unknown })?.blocks;
    if (!Array.isArray(blocks)) return;
    blocks.forEach((block, b) => {
      const items = (block as { items?: unknown })?.items;
      if (!Array.isArray(items)) return;
      items.forEach((item, i) => {
        const { exercise, picture } = (item ?? {}) as { exercise?: unknown; picture?: unknown };
        const at = ['sections', s, 'blocks', b, 'items', i];
        const unknown = unknownExercise(doc, at, exercise, library);
        if (unknown) out.push(unknown);
        if (typeof picture === 'string' && pictogramId(picture) && !library.pictures.has(picture)) {
          out.push(
            diagnosticAt(
              doc,
              [...at, 'picture'],
              `unknown picture "${picture}"`,
              didYouMean(picture, library.pictures.keys()),
            ),
          );
        }
      });
    });
  });
  return out;
}

async function checkHandout(
  root: string,
  doc: JsonDocument,
  library: Library,
  templates: Templates | undefined,
  problems: DiagnosticInit[],
): Promise<void> {
  let parsed: Handout | undefined;
  await collect(problems, () => {
    parsed = validate(doc, HandoutSchema);
  });
  if (!parsed) {
    // A file with schema errors still gets its references checked, so one run shows everything.
    problems.push(...looseReferences(doc, library));
    return;
  }
  const handout: Handout = parsed;
  await collect(problems, () => resolveHandout(handout, doc, library, labelsFor(library, handout.language)));
  problems.push(...(await handoutFileProblems(handout, doc, root, templates?.names() ?? [handout.template])));
  const unknownLanguage = languageProblem(library, handout.language);
  if (unknownLanguage) problems.push(diagnosticAt(doc, ['language'], unknownLanguage));
  problems.push(...glyphWarnings(doc));
}

export async function validateProject(rootDir: string, extra: readonly string[] = []): Promise<DiagnosticInit[]> {
  const root = path.resolve(rootDir);
  const problems: DiagnosticInit[] = [];
  const library = await loadLibrary(root, brandProblems);
  problems.push(...[...library.broken.values()].flatMap((e) => e.diagnostics));

  let templates: Templates | undefined;
  await collect(problems, async () => {
    templates = await loadTemplates(root);
  });
  const labelKeys = new Set(Object.keys(library.labels.get('da')?.value ?? {}));
  for (const use of templates?.labelUses() ?? []) {
    if (!labelKeys.has(use.key))
      problems.push({
        file: use.file,
        position: use.position,
        message: `unknown label "${use.key}"`,
        hint: didYouMean(use.key, labelKeys) ?? 'add it to content/labels/da.json',
      });
  }
  for (const [lang, { doc, value }] of library.labels) {
    if (lang === 'da') continue;
    for (const key of Object.keys(value))
      if (key !== '$schema' && !labelKeys.has(key))
        problems.push(
          diagnosticAt(doc, [key], `label "${key}" is not in the Danish labels`, didYouMean(key, labelKeys)),
        );
  }

  for (const id of library.exercises.keys()) {
    const problem = exercisePictureProblem(library, id);
    if (problem) problems.push(problem);
    const loaded = library.exercises.get(id);
    if (loaded) problems.push(...glyphWarnings(loaded.doc));
  }
  for (const doc of library.pictures.values()) await collect(problems, () => validate(doc, SceneSchema));
  for (const { value: brand, doc } of library.brands.values()) {
    problems.push(...(await pictureFileProblems(root, brand.logo, diagnosticAt(doc, ['logo'], ''), svgProblems)));
  }
  const documents = [
    ...(await listJson(contentDir(root, 'handouts'))),
    ...(await listJson(contentDir(root, 'programmes'))),
  ];
  // Files named on the command line are checked too, wherever they are (drafts, a typo'd name).
  for (const file of extra.map((f) => path.resolve(f))) {
    if (file.endsWith('.json') && !documents.includes(file) && !isLibraryFile(root, file)) documents.push(file);
  }
  for (const file of documents) await checkDocument(root, file, library, templates, problems);
  // A shared file's problem is found through every file that uses it (a broken exercise, its picture): say it once.
  return uniqueDiagnostics(problems);
}

function isLibraryFile(root: string, file: string): boolean {
  return ['exercises', 'brands', 'labels', 'pictures'].some(
    (kind) => path.dirname(file) === contentDir(root, kind as 'exercises'),
  );
}

/** A handout or a programme, whichever the file holds. */
async function checkDocument(
  root: string,
  file: string,
  library: Library,
  templates: Templates | undefined,
  problems: DiagnosticInit[],
): Promise<void> {
  let doc: JsonDocument | undefined;
  await collect(problems, async () => {
    doc = await readJson(root, file);
  });
  if (doc) problems.push(...(await documentProblems(root, doc, library, templates)));
}

/** What `validate` says about one handout or programme, read from disk or not (the studio's form). */
export async function documentProblems(
  root: string,
  doc: JsonDocument,
  library: Library,
  templates: Templates | undefined,
): Promise<DiagnosticInit[]> {
  const problems: DiagnosticInit[] = [];
  if (documentKind(doc.value) === 'handout') {
    await checkHandout(root, doc, library, templates, problems);
    return problems;
  }
  const programmeDoc = doc;
  let parsed: Programme | undefined;
  await collect(problems, () => {
    parsed = validate(programmeDoc, ProgrammeSchema);
  });
  if (parsed) {
    const programme: Programme = parsed;
    problems.push(...programmeNames(programmeDoc, programme, library, templates));
    await collect(problems, () => {
      const { language } = programme;
      problems.push(
        ...resolveProgramme(programme, programmeDoc, library, labelsFor(library, language), language).warnings,
      );
    });
  } else problems.push(...looseProgrammeReferences(programmeDoc, library, templates));
  problems.push(...glyphWarnings(programmeDoc));
  return problems;
}

/** The brand, template and language a programme names, when they are not the project's. */
function programmeNames(
  doc: JsonDocument,
  names: { brand?: string; template?: string; language?: string },
  library: Library,
  templates: Templates | undefined,
): DiagnosticInit[] {
  const out: DiagnosticInit[] = [];
  const unknownLanguage = names.language === undefined ? undefined : languageProblem(library, names.language);
  if (unknownLanguage) out.push(diagnosticAt(doc, ['language'], unknownLanguage));
  const { brand, template } = names;
  if (brand !== undefined && !library.brands.has(brand) && !library.broken.has(`brands/${brand}`))
    out.push(diagnosticAt(doc, ['brand'], `unknown brand "${brand}"`, didYouMean(brand, library.brands.keys())));
  if (template !== undefined && templates && !templates.names().includes(template))
    out.push(
      diagnosticAt(doc, ['template'], `unknown template "${template}"`, didYouMean(template, templates.names())),
    );
  return out;
}

/**
 * The references of a programme that did not pass its schema, so one run shows
 * everything: each field checked that is of its own right form. A field of the
 * wrong form is not quoted again (a "brand" holding a client's name stays unsaid).
 */
function looseProgrammeReferences(
  doc: JsonDocument,
  library: Library,
  templates: Templates | undefined,
): DiagnosticInit[] {
  // An object: that is how it was told from a handout (it names a client).
  const raw = doc.value as Record<string, unknown>;
  const { shape } = ProgrammeSchema;
  const names = {
    brand: shape.brand.safeParse(raw.brand).data,
    template: shape.template.safeParse(raw.template).data,
    language: shape.language.safeParse(raw.language).data,
  };
  const out = programmeNames(doc, names, library, templates);
  const exercises = Array.isArray(raw.exercises) ? raw.exercises : [];
  exercises.forEach((item, i) => {
    const exercise = shape.exercises.element.shape.exercise.safeParse((item as { exercise?: unknown })?.exercise);
    const unknown = exercise.success && unknownExercise(doc, ['exercises', i], exercise.data, library);
    if (unknown) out.push(unknown);
  });
  return out;
}

/** Problems with files under any of `paths` (all when none are given). */
export function within(problems: readonly DiagnosticInit[], root: string, paths: readonly string[]): DiagnosticInit[] {
  if (paths.length === 0) return [...problems];
  const prefixes = paths.map((p) => displayPath(root, path.resolve(p)).replace(/\/$/, ''));
  return problems.filter((d) => prefixes.some((p) => d.file === p || d.file.startsWith(`${p}/`)));
}

/** File by file, then line and column: the order a person reads them in. */
export function byPlace(a: DiagnosticInit, b: DiagnosticInit): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (a.position?.line ?? 0) - (b.position?.line ?? 0) || (a.position?.column ?? 0) - (b.position?.column ?? 0);
}
