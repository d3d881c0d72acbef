/**
 * What an output depends on, and one fingerprint of it all: the handout, the
 * exercises and pictures it uses, the brand and its logo, every template, the
 * labels, the fonts and the code itself. Equal fingerprints mean equal PDFs.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FONT_FAMILIES } from '../brand/fonts.js';
import { documentKind } from '../content/document-kind.js';
import { listFiles, readJson } from '../content/files.js';
import { validate } from '../content/json.js';
import { contentDir, type Library } from '../content/library.js';
import { parsePictureRef } from '../content/picture-ref.js';
import { HandoutSchema, ProgrammeSchema } from '../content/schema.js';
import type { Job } from './manifest.js';

async function hashFile(file: string): Promise<string> {
  try {
    return createHash('sha256')
      .update(await readFile(file))
      .digest('hex');
  } catch {
    return 'missing';
  }
}

const require = createRequire(import.meta.url);
let codeHash: Promise<string> | undefined;

/** A hash of this program's own code and fonts: a new version of handout rebuilds everything. */
export function toolFingerprint(): Promise<string> {
  codeHash ??= (async () => {
    const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
    const files = (await readdir(src, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile() && /\.(js|ts)$/.test(e.name))
      .map((e) => path.join(e.parentPath, e.name))
      .sort();
    const hash = createHash('sha256');
    for (const file of files) hash.update(path.relative(src, file)).update(await hashFile(file));
    for (const family of Object.values(FONT_FAMILIES)) {
      for (const file of Object.values(family.files)) hash.update(file).update(await hashFile(require.resolve(file)));
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
  private readonly hashes = new Map<string, Promise<string>>();
  private readonly uses = new Map<string, Promise<Uses | undefined>>();

  constructor(
    private readonly root: string,
    private readonly library: Library,
  ) {}

  private hash(file: string): Promise<string> {
    let h = this.hashes.get(file);
    if (!h) {
      h = hashFile(path.join(this.root, file));
      this.hashes.set(file, h);
    }
    return h;
  }

  private usesOf(file: string): Promise<Uses | undefined> {
    let u = this.uses.get(file);
    if (!u) {
      u = readUses(this.root, file).catch(() => undefined);
      this.uses.set(file, u);
    }
    return u;
  }

  /** The files a job reads, relative to the project; undefined when the handout cannot even be read. */
  async inputs(job: Job): Promise<string[] | undefined> {
    const uses = await this.usesOf(job.handout);
    return uses ? jobInputs(this.root, this.library, job, uses) : undefined;
  }

  /** One fingerprint over the job's settings, its input files' contents and the code. */
  async fingerprint(job: Job): Promise<string | undefined> {
    const inputs = await this.inputs(job);
    if (!inputs) return undefined;
    const hash = createHash('sha256');
    hash.update(JSON.stringify({ ...job, epoch: process.env.SOURCE_DATE_EPOCH ?? null }));
    hash.update(await toolFingerprint());
    for (const file of inputs) hash.update(`\n${file}\n`).update(await this.hash(file));
    return hash.digest('hex');
  }
}

/** The exercises and pictures a handout or programme file names. */
async function readUses(root: string, file: string): Promise<Uses> {
  const doc = await readJson(root, path.resolve(root, file));
  if (documentKind(doc.value) === 'programme')
    return { exercises: validate(doc, ProgrammeSchema).exercises.map((e) => e.exercise), pictures: [] };
  const blocks = validate(doc, HandoutSchema).sections.flatMap((s) => s.blocks);
  return {
    exercises: blocks.flatMap((b) => (b.type === 'exercises' ? b.items.map((e) => e.exercise) : [])),
    pictures: blocks.flatMap((b) => (b.type === 'figures' ? b.items.map((f) => f.picture) : [])),
  };
}

async function jobInputs(root: string, library: Library, job: Job, uses: Uses): Promise<string[]> {
  const pictures = new Set(uses.pictures);
  const exercises = new Set(uses.exercises);
  for (const id of exercises) {
    const exercise = library.exercises.get(id)?.value;
    if (exercise) pictures.add(exercise.picture);
  }
  const brand = library.brands.get(job.brand)?.value;
  const rel = (file: string) => path.relative(root, file);
  const templates = [
    ...(await listFiles(path.join(root, 'templates'))),
    ...(await listFiles(path.join(root, 'templates', 'partials'))),
  ];
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
