/**
 * The build record: what each output was last built from. An output whose
 * fingerprint has not changed, and whose file still has the hash it was built
 * with, is not rebuilt.
 *
 * The record lives in `.cache/`, which CI restores from a shared cache: it is
 * untrusted input. Entries of the wrong form are dropped (their outputs are
 * rebuilt), and nothing in it is used as a path to read. Two batches may run at
 * once in one project: each saves only its own changes, merged into the record
 * as it is on disk at that moment, under a lock.
 */
import { constants } from 'node:fs';
import { mkdir, open, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { describeIoError } from '../content/files.js';
import { HandoutError } from '../diagnostics.js';
import { writeFileAtomic } from '../output.js';

const OutputRecordSchema = z.object({
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  handout: z.string(),
  brand: z.string(),
  pages: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The file's size and modification time (ms) when it was written: while both hold, it is not read again. */
  size: z.number().int().nonnegative().optional(),
  mtimeMs: z.number().nonnegative().optional(),
  /** A handout's version and content hash when it was built. */
  version: z.string().optional(),
  contentHash: z.string().optional(),
  built: z.string().optional(),
});
export type OutputRecord = z.infer<typeof OutputRecordSchema>;

export interface BuildRecord {
  version: 1;
  outputs: Record<string, OutputRecord>;
}

/** What one batch changed: a new record for an output, or null where its output failed. */
export type RecordChanges = Map<string, OutputRecord | null>;

export function recordPath(root: string): string {
  return path.join(root, '.cache', 'handout-build.json');
}

export async function loadRecord(root: string): Promise<BuildRecord> {
  const outputs: Record<string, OutputRecord> = Object.create(null);
  let raw: unknown;
  try {
    // Never through a symbolic link: a restored cache could point the record at any file.
    const handle = await open(recordPath(root), constants.O_RDONLY | constants.O_NOFOLLOW);
    try {
      raw = JSON.parse(await handle.readFile('utf8'));
    } finally {
      await handle.close();
    }
  } catch {
    // No record yet, or an unreadable one: build everything.
    return { version: 1, outputs };
  }
  const entries = (raw as { version?: unknown; outputs?: unknown })?.outputs;
  if ((raw as { version?: unknown })?.version !== 1 || !entries || typeof entries !== 'object')
    return { version: 1, outputs };
  for (const [output, entry] of Object.entries(entries)) {
    const parsed = OutputRecordSchema.safeParse(entry);
    if (parsed.success) outputs[output] = parsed.data;
  }
  return { version: 1, outputs };
}

const LOCK_WAIT_MS = 30_000;
/** A lock older than this was left by a batch that was killed. */
const LOCK_STALE_MS = 60_000;

async function withLock<T>(root: string, work: () => Promise<T>): Promise<T> {
  const lock = `${recordPath(root)}.lock`;
  const started = Date.now();
  await mkdir(path.dirname(lock), { recursive: true }).catch(() => undefined);
  for (;;) {
    try {
      const handle = await open(lock, 'wx');
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new HandoutError({
          file: path.relative(process.cwd(), lock) || lock,
          message: `cannot lock the build record: ${describeIoError(error)}`,
        });
      }
      const age = await stat(lock).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > LOCK_STALE_MS) await rm(lock, { force: true });
      else if (Date.now() - started > LOCK_WAIT_MS)
        throw new HandoutError({
          file: path.relative(process.cwd(), lock) || lock,
          message: 'another batch has held the build record for 30 seconds',
          hint: 'if no other batch is running, delete the .lock file',
        });
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lock, { force: true });
  }
}

/** Merge this batch's changes into the record on disk, under a lock, so that no other batch's entries are lost. */
export async function saveRecord(root: string, changes: RecordChanges): Promise<void> {
  if (changes.size === 0) return;
  await withLock(root, async () => {
    const record = await loadRecord(root);
    for (const [output, entry] of changes) {
      if (entry) record.outputs[output] = entry;
      else delete record.outputs[output];
    }
    const sorted = Object.fromEntries(Object.entries(record.outputs).sort(([a], [b]) => (a < b ? -1 : 1)));
    await writeFileAtomic(
      recordPath(root),
      new TextEncoder().encode(`${JSON.stringify({ version: 1, outputs: sorted }, null, 2)}\n`),
      'the build record',
    );
  });
}
