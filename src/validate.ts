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
import { diagnosticAt, type JsonDocument, validate } from './content/json.js';
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
import { type Handout, HandoutSchema, ProgrammeSchema } from './content/schema.js';
import { didYouMean } from './content/suggest.js';
import { type DiagnosticInit, HandoutError } from './diagnostics.js';
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
        if (
          typeof exercise === 'string' &&
          !library.exercises.has(exercise) &&
          !library.broken.has(`exercises/${exercise}`)
        ) {
          out.push(
            diagnosticAt(
              doc,
              [...at, 'exercise'],
              `unknown exercise "${exercise}"`,
              didYouMean(exercise, library.exercises.keys()),
            ),
          );
        }
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
  return problems;
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
  if (!doc) return;
  if (documentKind(doc.value) === 'handout') return checkHandout(root, doc, library, templates, problems);
  const programmeDoc = doc;
  await collect(problems, () => {
    const programme = validate(programmeDoc, ProgrammeSchema);
    const language = programme.language;
    const unknownLanguage = languageProblem(library, language);
    if (unknownLanguage) problems.push(diagnosticAt(programmeDoc, ['language'], unknownLanguage));
    if (!library.brands.has(programme.brand) && !library.broken.has(`brands/${programme.brand}`)) {
      problems.push(
        diagnosticAt(
          programmeDoc,
          ['brand'],
          `unknown brand "${programme.brand}"`,
          didYouMean(programme.brand, library.brands.keys()),
        ),
      );
    }
    if (templates && !templates.names().includes(programme.template)) {
      problems.push(
        diagnosticAt(
          programmeDoc,
          ['template'],
          `unknown template "${programme.template}"`,
          didYouMean(programme.template, templates.names()),
        ),
      );
    }
    problems.push(
      ...resolveProgramme(programme, programmeDoc, library, labelsFor(library, language), language).warnings,
    );
  });
  problems.push(...glyphWarnings(programmeDoc));
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
