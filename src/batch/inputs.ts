/**
 * What an output depends on, and one fingerprint of it all: the handout, the
 * exercises and pictures it uses, the brand and its logo, every template, the
 * labels, the fonts and the code itself. Equal fingerprints mean equal PDFs.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FONT_FAMILIES } from '../brand/families.js';
import { documentKind } from '../content/document-kind.js';
import { listFiles } from '../content/files.js';
import { contentDir, type Library } from '../content/library.js';
import { parsePictureRef } from '../content/picture-ref.js';
import type { Job } from './manifest.js';

/** Read synchronously: a thousand jobs hash their files one after the other (see readJson). */
function hashFile(file: string): string {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch {
    return 'missing';
  }
}

const require = createRequire(import.meta.url);
let codeHash: Promise<string> | undefined;

/**
 * The files of the running program, and the folder they are named from: the
 * bundles and their chunks in dist/ when this module is bundled, else every
 * module of src/ (compiled, or TypeScript run through tsx).
 */
async function codeFiles(): Promise<{ base: string; files: string[] }> {
  const dir = path.dirname(fileURLToPath(import.meta.url));
  const bundled = path.basename(dir) !== 'batch';
  const base = bundled ? dir : path.resolve(dir, '..');
  const files = (await readdir(base, { recursive: !bundled, withFileTypes: true }))
    .filter((e) => e.isFile() && (bundled ? /\.js$/ : /\.(js|ts)$/).test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  return { base, files };
}

/** A hash of this program's own code and fonts: a new version of handout rebuilds everything. */
export function toolFingerprint(): Promise<string> {
  codeHash ??= (async () => {
    const { base, files } = await codeFiles();
    const hash = createHash('sha256');
    for (const file of files) hash.update(path.relative(base, file)).update(hashFile(file));
    for (const family of Object.values(FONT_FAMILIES)) {
      for (const file of Object.values(family.files)) hash.update(file).update(hashFile(require.resolve(file)));
    }
    return hash.digest('hex');
  })();
  return codeHash;
}

/** What a handout or programme uses from the library. */
interface Uses {
  exercises: string[];
  pictures: string[];
}

/**
 * Inputs and fingerprints for the jobs of one run. A thousand jobs share a few
 * dozen files: each is read and hashed once per run.
 */
export class InputIndex {
  private readonly hashes = new Map<string, string>();
  private readonly uses = new Map<string, Uses | undefined>();
  private templateFiles: Promise<string[]> | undefined;

  constructor(
    private readonly root: string,
    private readonly library: Library,
  ) {}

  private hash(file: string): string {
    let h = this.hashes.get(file);
    if (!h) {
      h = hashFile(path.join(this.root, file));
      this.hashes.set(file, h);
    }
    return h;
  }

  private usesOf(file: string): Uses | undefined {
    if (!this.uses.has(file)) this.uses.set(file, readUses(this.root, file));
    return this.uses.get(file);
  }

  /** The files a job reads, relative to the project; undefined when the handout cannot even be read. */
  async inputs(job: Job): Promise<string[] | undefined> {
    const uses = this.usesOf(job.handout);
    this.templateFiles ??= templates(this.root);
    return uses ? jobInputs(this.root, this.library, job, uses, await this.templateFiles) : undefined;
  }

  /** One fingerprint over the job's settings, its input files' contents and the code. */
  async fingerprint(job: Job): Promise<string | undefined> {
    const inputs = await this.inputs(job);
    if (!inputs) return undefined;
    const hash = createHash('sha256');
    hash.update(JSON.stringify({ ...job, epoch: process.env.SOURCE_DATE_EPOCH ?? null }));
    hash.update(await toolFingerprint());
    for (const file of inputs) hash.update(`\n${file}\n`).update(this.hash(file));
    return hash.digest('hex');
  }
}

/**
 * The exercises and pictures a handout or programme file names; undefined when it
 * is not JSON. No schema check: an output is skipped only when its record says it
 * was built from these very bytes, which passed the check then. Plain JSON.parse,
 * as content files are strict JSON; a file it refuses is built, and its error shown.
 */
function readUses(root: string, file: string): Uses | undefined {
  let value: unknown;
  try {
    const text = readFileSync(path.resolve(root, file), 'utf8');
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return undefined;
  }
  const field = (items: unknown, key: string): string[] =>
    Array.isArray(items) ? items.map((item) => item?.[key]).filter((v): v is string => typeof v === 'string') : [];
  const { exercises, sections } = value as { exercises?: unknown; sections?: unknown };
  if (documentKind(value) === 'programme') return { exercises: field(exercises, 'exercise'), pictures: [] };
  const blocks = (Array.isArray(sections) ? sections : []).flatMap((s) => (Array.isArray(s?.blocks) ? s.blocks : []));
  const items = (type: string) => blocks.filter((b) => b?.type === type).flatMap((b) => b.items);
  return { exercises: field(items('exercises'), 'exercise'), pictures: field(items('figures'), 'picture') };
}

/** Every template and partial: any of them may be used by any handout. */
async function templates(root: string): Promise<string[]> {
  return [
    ...(await listFiles(path.join(root, 'templates'))),
    ...(await listFiles(path.join(root, 'templates', 'partials'))),
  ];
}

function jobInputs(root: string, library: Library, job: Job, uses: Uses, templates: readonly string[]): string[] {
  const pictures = new Set(uses.pictures);
  const exercises = new Set(uses.exercises);
  for (const id of exercises) {
    const exercise = library.exercises.get(id)?.value;
    if (exercise) pictures.add(exercise.picture);
  }
  const brand = library.brands.get(job.brand)?.value;
  const rel = (file: string) => path.relative(root, file);
  return [
    job.handout,
    rel(path.join(contentDir(root, 'brands'), `${job.brand}.json`)),
    ...(brand ? [brand.logo] : []),
    ...[...exercises].map((id) => rel(path.join(contentDir(root, 'exercises'), `${id}.json`))),
    ...[...pictures].flatMap((p) => {
      const ref = parsePictureRef(p);
      if (ref.kind === 'asset') return [ref.path];
      // A QR code is made from its address alone: no file holds it.
      return ref.kind === 'pictogram' ? [rel(path.join(contentDir(root, 'pictures'), `${ref.id}.json`))] : [];
    }),
    ...templates.map(rel),
    ...[...new Set(['da', job.language])].map((l) => rel(path.join(contentDir(root, 'labels'), `${l}.json`))),
  ]
    .map((f) => f.split(path.sep).join('/'))
    .sort();
}
