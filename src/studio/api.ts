/**
 * The studio's API: the exercise library, brands, handouts and programmes as
 * JSON; a programme loaded, checked, rendered and saved; a handout rendered with
 * its `validate` and `check` findings. Every answer is a Reply; the server
 * (server.ts) only moves bytes.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { VARIANTS, type Variant } from '../brand/theme.js';
import { checkProject } from '../check.js';
import { CATEGORY_LABEL_KEYS } from '../content/catalog.js';
import { formatDose } from '../content/dose.js';
import { localise } from '../content/exercise-text.js';
import { projectFile, readJson } from '../content/files.js';
import { parseJson } from '../content/json.js';
import { type Labels, tagLabelKey } from '../content/labels.js';
import { brandIds, labelsFor, languageProblem } from '../content/library.js';
import { type DiagnosticInit, HandoutError } from '../diagnostics.js';
import { preparePicture } from '../images/pictures.js';
import { sanitiseSvg } from '../images/svg-safety.js';
import { openProject, type Project, type RenderResult, renderJson } from '../pipeline.js';
import { documentProblems, within } from '../validate.js';
import { type Fingerprint, fingerprint } from './changes.js';
import { Conflict, fileOf, ID, idsOf, readStored, saveStored } from './store.js';

export type Reply =
  | { status: number; json: unknown }
  | {
      status: number;
      bytes: Uint8Array;
      type: string;
      /** A file name: offered as a download, not shown. */
      download?: string;
      /** A rendered document, not the studio's own page. */
      output?: boolean;
    };

const json = (body: unknown, status = 200): Reply => ({ status, json: body });

/** A request the studio cannot answer as asked: a message for the person, with an HTTP status. */
export class BadRequest extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** What a rendered document is kept as, under a random id, for the preview frame and the downloads. */
interface Output {
  name: string;
  pdf: Uint8Array;
  html?: string;
}

/** Enough for a few tabs' previews; the oldest goes first. */
const KEPT_OUTPUTS = 24;

/** Pictograms in the colours of the catalogue, not of one brand: the studio is the clinic's, not a brand's. */
const PALETTE = { figure: '#0b5a7a', prop: '#8a8f98', accent: '#2e8b57', floor: '#b0b4ba' };

const IMAGE_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.avif': 'image/avif',
};

/** A programme as `handout build` reads it: its schema first, two-space JSON, a final newline. */
export function programmeText(programme: Record<string, unknown>): string {
  const { $schema: _, ...rest } = programme;
  return `${JSON.stringify({ $schema: '../../schemas/programme.schema.json', ...rest }, null, 2)}\n`;
}

/** The next free case number of the year: p-2026-0143 after p-2026-0142. */
export function nextCaseNumber(ids: readonly string[], year: number): string {
  const numbers = ids.flatMap((id) => {
    const m = new RegExp(`^p-${year}-(\\d{1,6})$`).exec(id);
    return m ? [Number(m[1])] : [];
  });
  return `p-${year}-${String(Math.max(0, ...numbers) + 1).padStart(4, '0')}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface Studio {
  root: string;
  /** The project as it is on disk now: opened again when a library file changed. */
  project(): Promise<Project>;
  version(): Promise<Fingerprint>;
  outputs: Map<string, Output>;
  /** The labels of the language a request asks for (`?lang=`), Danish when it asks for none it has. */
  words(url: URL): Promise<[Labels, string]>;
}

export async function openStudio(rootDir: string): Promise<Studio> {
  const root = path.resolve(rootDir);
  let opened = { library: (await fingerprint(root)).library, project: openProject(root) };
  await opened.project;
  const project = async () => {
    const { library } = await fingerprint(root);
    if (library !== opened.library) opened = { library, project: openProject(root) };
    return opened.project;
  };
  return {
    root,
    outputs: new Map(),
    version: () => fingerprint(root),
    project,
    async words(url) {
      const { library } = await project();
      const asked = url.searchParams.get('lang') ?? 'da';
      const lang = languageProblem(library, asked) ? 'da' : asked;
      return [labelsFor(library, lang), lang];
    },
  };
}

function keep(studio: Studio, output: Output): string {
  const id = randomBytes(12).toString('base64url');
  studio.outputs.set(id, output);
  for (const old of studio.outputs.keys()) {
    if (studio.outputs.size <= KEPT_OUTPUTS) break;
    studio.outputs.delete(old);
  }
  return id;
}

function language(project: Project, url: URL): string {
  const lang = url.searchParams.get('lang') ?? 'da';
  const problem = languageProblem(project.library, lang);
  if (problem) throw new BadRequest(400, `lang: ${problem}`);
  return lang;
}

function variantOf(value: unknown): Variant {
  if (value === undefined) return 'standard';
  if (!VARIANTS.includes(value as Variant)) throw new BadRequest(400, `variant: expected ${VARIANTS.join(' or ')}`);
  return value as Variant;
}

/** A rendered document kept for the preview, with the addresses of its PDF and HTML. */
function rendered(studio: Studio, result: RenderResult) {
  const out = keep(studio, { name: result.id, pdf: result.pdf, html: result.html });
  return { pdf: `/api/out/${out}.pdf`, html: `/api/out/${out}.html`, pages: result.pages.length };
}

function errorsIn(problems: readonly DiagnosticInit[]): boolean {
  return problems.some((p) => p.severity !== 'warning');
}

/** Render, or the render's own problems as diagnostics. */
async function tryRender(studio: Studio, render: () => Promise<RenderResult>) {
  try {
    const result = await render();
    return { output: rendered(studio, result), warnings: result.warnings };
  } catch (error) {
    if (error instanceof HandoutError) return { output: null, warnings: [...error.diagnostics] };
    throw error;
  }
}

function unique(problems: readonly DiagnosticInit[]): DiagnosticInit[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file}|${p.path}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The form's programme as the document it would be saved as, and what `validate` says of it. */
async function programmeDocument(studio: Studio, programme: unknown) {
  if (!isRecord(programme)) throw new BadRequest(400, 'expected { "programme": { … } }');
  const id = typeof programme.id === 'string' && ID.test(programme.id) ? programme.id : 'unsaved';
  const project = await studio.project();
  const doc = parseJson(`content/programmes/${id}.json`, programmeText(programme));
  const problems = await documentProblems(studio.root, doc, project.library, project.templates);
  return { id, doc, project, problems };
}

async function exercises(studio: Studio, url: URL): Promise<Reply> {
  const project = await studio.project();
  const lang = language(project, url);
  const labels = labelsFor(project.library, lang);
  const list = [...project.library.exercises.values()].map(({ value }) => {
    const e = localise(value, lang).exercise;
    return {
      id: e.id,
      name: e.name,
      purpose: e.purpose,
      category: e.category,
      categoryLabel: labels[CATEGORY_LABEL_KEYS[e.category]] ?? e.category,
      tags: e.tags.map((tag) => ({ id: tag, label: labels[tagLabelKey(tag)] ?? tag })),
      equipment: e.equipment,
      dose: value.dose,
      doseText: formatDose(e.dose, labels),
      picture: `/api/exercises/${e.id}/picture`,
    };
  });
  return json(list.sort((a, b) => a.name.localeCompare(b.name, lang)));
}

async function picture(studio: Studio, id: string): Promise<Reply> {
  const project = await studio.project();
  const exercise = project.library.exercises.get(id)?.value;
  if (!exercise) throw new BadRequest(404, `no exercise "${id}"`);
  const ref = exercise.picture;
  const ext = path.extname(ref).toLowerCase();
  if (!ref.startsWith('assets/') || ext === '.svg') {
    const prepared = await preparePicture(
      ref,
      { library: project.library, palette: PALETTE, maxWidth: 400 },
      { file: `content/exercises/${id}.json` },
    );
    if (!('svg' in prepared)) throw new BadRequest(404, 'no picture');
    return { status: 200, bytes: new TextEncoder().encode(sanitiseSvg(prepared.svg)), type: 'image/svg+xml' };
  }
  const type = IMAGE_TYPES[ext];
  if (!type) throw new BadRequest(404, `a ${ext} picture cannot be shown in a browser`);
  const file = await projectFile(studio.root, ref, { file: `content/exercises/${id}.json`, path: 'picture' });
  return { status: 200, bytes: await readFile(file), type };
}

async function brands(studio: Studio): Promise<Reply> {
  const { library } = await studio.project();
  return json(brandIds(library).map((id) => ({ id, organisation: library.brands.get(id)?.value.organisation ?? id })));
}

async function handouts(studio: Studio): Promise<Reply> {
  const out = [];
  for (const id of await idsOf(studio.root, 'handouts')) {
    const stored = await readStored(studio.root, 'handouts', id);
    let title = id;
    try {
      const value = JSON.parse(stored?.text ?? '') as unknown;
      if (isRecord(value) && typeof value.title === 'string') title = value.title;
    } catch {
      // A broken handout is listed by its id; its preview shows why.
    }
    out.push({ id, title });
  }
  return json(out);
}

async function programmes(studio: Studio): Promise<Reply> {
  const ids = await idsOf(studio.root, 'programmes');
  const list = [];
  for (const id of ids) {
    let value: unknown;
    try {
      value = JSON.parse((await readStored(studio.root, 'programmes', id))?.text ?? '');
    } catch {
      value = undefined;
    }
    const field = (k: string) => (isRecord(value) && typeof value[k] === 'string' ? (value[k] as string) : '');
    list.push({ id, client: field('client'), date: field('date') });
  }
  return json({ programmes: list, next: nextCaseNumber(ids, new Date().getFullYear()) });
}

async function loadProgramme(studio: Studio, id: string): Promise<Reply> {
  const stored = await readStored(studio.root, 'programmes', id);
  if (!stored) throw new BadRequest(404, `content/programmes/${id}.json does not exist`);
  const doc = parseJson(`content/programmes/${id}.json`, stored.text);
  return json({ programme: doc.value, version: stored.version });
}

async function saveProgramme(studio: Studio, id: string, body: unknown): Promise<Reply> {
  if (!isRecord(body)) throw new BadRequest(400, 'expected { "programme": { … }, "version": … }');
  // Where it would go is checked first: a bad id or a folder that leads out of the project.
  await fileOf(studio.root, 'programmes', id);
  const { doc, problems } = await programmeDocument(studio, body.programme);
  if ((doc.value as { id?: unknown }).id !== id)
    throw new BadRequest(400, `the programme's id is not "${id}", the file it is saved as`);
  if (errorsIn(problems)) return json({ saved: false, diagnostics: unique(problems) }, 422);
  const expected = typeof body.version === 'string' ? body.version : undefined;
  try {
    const version = await saveStored(studio.root, 'programmes', id, doc.text, expected);
    return json({ saved: true, version, file: `content/programmes/${id}.json`, diagnostics: unique(problems) });
  } catch (error) {
    if (error instanceof Conflict) return json({ saved: false, conflict: error.message, current: error.current }, 409);
    throw error;
  }
}

async function checkProgramme(studio: Studio, body: unknown): Promise<Reply> {
  const { problems } = await programmeDocument(studio, isRecord(body) ? body.programme : undefined);
  return json({ diagnostics: unique(problems) });
}

/** The form's programme as a PDF (not saved), with the diagnostics `validate` gives it. */
async function previewProgramme(studio: Studio, body: unknown): Promise<Reply> {
  if (!isRecord(body)) throw new BadRequest(400, 'expected { "programme": { … } }');
  const variant = variantOf(body.variant);
  const { doc, project, problems } = await programmeDocument(studio, body.programme);
  if (errorsIn(problems)) return json({ output: null, diagnostics: unique(problems) });
  const { output, warnings } = await tryRender(studio, () =>
    renderJson(project, doc, { variant, alternatives: ['html'] }),
  );
  return json({ output, diagnostics: unique([...problems, ...warnings]) });
}

/** A handout for a brand, with what `validate` and `check` say of its file. */
async function previewHandout(studio: Studio, body: unknown): Promise<Reply> {
  if (!isRecord(body) || typeof body.handout !== 'string' || typeof body.brand !== 'string')
    throw new BadRequest(400, 'expected { "handout": id, "brand": id }');
  const variant = variantOf(body.variant);
  const file = await fileOf(studio.root, 'handouts', body.handout);
  const project = await studio.project();
  const { brand } = body;
  const problems: DiagnosticInit[] = [];
  let doc: Awaited<ReturnType<typeof readJson>> | undefined;
  try {
    doc = await readJson(studio.root, file);
    problems.push(...(await documentProblems(studio.root, doc, project.library, project.templates)));
  } catch (error) {
    if (!(error instanceof HandoutError)) throw error;
    problems.push(...error.diagnostics);
  }
  const today = new Date().toISOString().slice(0, 10);
  problems.push(...within(await checkProject(studio.root, { today, warnDays: 60 }), studio.root, [file]));
  const current = doc;
  const { output, warnings } = current
    ? await tryRender(studio, () => renderJson(project, current, { brand, variant, alternatives: ['html'] }))
    : { output: null, warnings: [] };
  return json({ output, diagnostics: unique([...problems, ...warnings]) });
}

function output(studio: Studio, id: string, format: string, url: URL): Reply {
  const kept = studio.outputs.get(id);
  if (!kept) throw new BadRequest(404, 'this preview is no longer kept: render it again');
  const download = url.searchParams.has('download') ? `${kept.name}.${format}` : undefined;
  if (format === 'pdf') return { status: 200, bytes: kept.pdf, type: 'application/pdf', download, output: true };
  const bytes = new TextEncoder().encode(kept.html ?? '');
  return { status: 200, bytes, type: 'text/html; charset=utf-8', download, output: true };
}

async function labels(studio: Studio, url: URL): Promise<Reply> {
  const project = await studio.project();
  const lang = language(project, url);
  return json({
    language: lang,
    languages: [...project.library.labels.keys()].sort(),
    labels: labelsFor(project.library, lang),
  });
}

type Handler = (studio: Studio, match: RegExpExecArray, url: URL, body: unknown) => Promise<Reply> | Reply;

const ROUTES: [string, RegExp, Handler][] = [
  ['GET', /^\/api\/version$/, async (s) => json({ version: (await s.version()).all })],
  ['GET', /^\/api\/labels$/, (s, _m, url) => labels(s, url)],
  ['GET', /^\/api\/exercises$/, (s, _m, url) => exercises(s, url)],
  ['GET', /^\/api\/exercises\/([^/]+)\/picture$/, (s, m) => picture(s, m[1] as string)],
  ['GET', /^\/api\/brands$/, (s) => brands(s)],
  ['GET', /^\/api\/handouts$/, (s) => handouts(s)],
  ['GET', /^\/api\/programmes$/, (s) => programmes(s)],
  ['GET', /^\/api\/programmes\/([^/]+)$/, (s, m) => loadProgramme(s, m[1] as string)],
  ['PUT', /^\/api\/programmes\/([^/]+)$/, (s, m, _u, body) => saveProgramme(s, m[1] as string, body)],
  ['POST', /^\/api\/programme\/check$/, (s, _m, _u, body) => checkProgramme(s, body)],
  ['POST', /^\/api\/programme\/preview$/, (s, _m, _u, body) => previewProgramme(s, body)],
  ['POST', /^\/api\/handout\/preview$/, (s, _m, _u, body) => previewHandout(s, body)],
  ['GET', /^\/api\/out\/([A-Za-z0-9_-]+)\.(pdf|html)$/, (s, m, url) => output(s, m[1] as string, m[2] as string, url)],
];

/** The answer to an API request; undefined when no route matches. */
export async function answer(studio: Studio, method: string, url: URL, body: unknown): Promise<Reply | undefined> {
  const matching = ROUTES.filter(([, pattern]) => pattern.test(url.pathname));
  if (matching.length === 0) return undefined;
  const route = matching.find(([verb]) => verb === method || (verb === 'GET' && method === 'HEAD'));
  if (!route) return json({ error: `${method} is not allowed here` }, 405);
  const [, pattern, handler] = route;
  try {
    return await handler(studio, pattern.exec(url.pathname) as RegExpExecArray, url, body);
  } catch (error) {
    if (error instanceof BadRequest) return json({ error: error.message }, error.status);
    if (error instanceof HandoutError) return json({ error: error.message, diagnostics: error.diagnostics }, 422);
    throw error;
  }
}
