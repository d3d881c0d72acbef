/**
 * What an output depends on, and one fingerprint of it all: the handout, the
 * exercises and pictures it uses, the brand and its logo, every template, the
 * labels, the fonts and the code itself. Equal fingerprints mean equal PDFs.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { FONT_FAMILIES } from '../brand/fonts.js';
import { listFiles } from '../content/files.js';
import { loadHandout } from '../content/handout.js';
import { contentDir, type Library } from '../content/library.js';
import type { Job } from './manifest.js';

async function hashFile(file: string): Promise<string> {
  try {
    return createHash('sha256').update(await readFile(file)).digest('hex');
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

type HandoutFile = Awaited<ReturnType<typeof loadHandout>>['handout'];

/**
 * Inputs and fingerprints for the jobs of one run. A thousand jobs share a few
 * dozen files: each is read and hashed once per run.
 */
export class InputIndex {
  private readonly hashes = new Map<string, Promise<string>>();
  private readonly handouts = new Map<string, Promise<HandoutFile | undefined>>();

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

  private handout(file: string): Promise<HandoutFile | undefined> {
    let h = this.handouts.get(file);
    if (!h) {
      h = loadHandout(this.root, path.resolve(this.root, file)).then(
        (r) => r.handout,
        () => undefined,
      );
      this.handouts.set(file, h);
    }
    return h;
  }

  /** The files a job reads, relative to the project; undefined when the handout cannot even be read. */
  async inputs(job: Job): Promise<string[] | undefined> {
    const handout = await this.handout(job.handout);
    return handout ? jobInputs(this.root, this.library, job, handout) : undefined;
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

async function jobInputs(root: string, library: Library, job: Job, handout: HandoutFile): Promise<string[]> {
  const pictures = new Set<string>();
  const exercises = new Set<string>();
  for (const block of handout.sections.flatMap((s) => s.blocks)) {
    if (block.type === 'figures') for (const f of block.items) pictures.add(f.picture);
    if (block.type === 'exercises') for (const e of block.items) exercises.add(e.exercise);
  }
  for (const id of exercises) {
    const exercise = library.exercises.get(id)?.value;
    if (exercise) pictures.add(exercise.picture);
  }
  const brand = library.brands.get(job.brand)?.value;
  const rel = (file: string) => path.relative(root, file);
  const templates = [...(await listFiles(path.join(root, 'templates'))), ...(await listFiles(path.join(root, 'templates', 'partials')))];
  return [
    job.handout,
    rel(path.join(contentDir(root, 'brands'), `${job.brand}.json`)),
    ...(brand ? [brand.logo] : []),
    ...[...exercises].map((id) => rel(path.join(contentDir(root, 'exercises'), `${id}.json`))),
    ...[...pictures].map((p) => (p.startsWith('assets/') ? p : rel(path.join(contentDir(root, 'pictures'), `${p}.json`)))),
    ...templates.map(rel),
    ...[...new Set(['da', job.language])].map((l) => rel(path.join(contentDir(root, 'labels'), `${l}.json`))),
  ]
    .map((f) => f.split(path.sep).join('/'))
    .sort();
}
