/**
 * A batch build: expand the manifest, keep this shard's jobs, skip what is up to
 * date, render the rest in parallel, and record what was built.
 */

import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { brandProblems } from '../brand/check.js';
import { loadLibrary } from '../content/library.js';
import { type DiagnosticInit, formatDiagnostic } from '../diagnostics.js';
import { InputIndex } from './inputs.js';
import { expandManifest, type Job, loadManifest } from './manifest.js';
import { type JobResult, runJobs } from './pool.js';
import { loadRecord, type OutputRecord, type RecordChanges, saveRecord } from './record.js';
import { inShard, type Shard } from './shard.js';

export interface BatchOptions {
  root: string;
  manifest: string;
  workers: number;
  shard?: Shard;
  force: boolean;
  /** For tests only: the worker module the pool starts, see runJobs. */
  workerScript?: URL;
}

export type BatchEvent =
  | { kind: 'planned'; total: number; unchanged: number }
  | { kind: 'done'; result: JobResult; finished: number; total: number };

export interface BatchSummary {
  built: number;
  unchanged: number;
  /** `message` in plain text; `diagnostics`, when the input was at fault, for the CLI to show its way. */
  failed: { output: string; message: string; diagnostics?: readonly DiagnosticInit[] }[];
  seconds: number;
}

/**
 * Whether an output is still the file that was built: a deleted, truncated or edited
 * PDF is built again. One whose size and modification time are those recorded is
 * taken as unchanged without reading it, as make and rsync do; any other is hashed.
 */
function stillBuilt(file: string, previous: OutputRecord): boolean {
  try {
    const now = statSync(file);
    if (now.size === previous.size && now.mtimeMs === previous.mtimeMs) return true;
    return createHash('sha256').update(readFileSync(file)).digest('hex') === previous.sha256;
  } catch {
    return false;
  }
}

export function describeFailure(result: Extract<JobResult, { ok: false }>, debug: boolean): string {
  if (result.diagnostics?.length) return result.diagnostics.map(formatDiagnostic).join('\n');
  return debug
    ? result.message
    : `internal error: ${result.message.split('\n')[0]} (run with --debug for the stack trace)`;
}

export async function runBatch(
  options: BatchOptions,
  onEvent: (event: BatchEvent) => void,
  debug = false,
): Promise<BatchSummary> {
  const started = performance.now();
  const root = path.resolve(options.root);
  const { manifest, doc } = await loadManifest(root, options.manifest);
  const library = await loadLibrary(root, brandProblems);
  const all = await expandManifest(manifest, root, library, doc);
  const jobs = options.shard ? all.filter((j) => inShard(j.output, options.shard as Shard)) : all;

  const record = await loadRecord(root);
  const index = new InputIndex(root, library);
  const fingerprints = new Map<string, string>();
  const todo: Job[] = [];
  for (const job of jobs) {
    const print = await index.fingerprint(job);
    if (print) fingerprints.set(job.output, print);
    const previous = record.outputs[job.output];
    const upToDate =
      !options.force &&
      print !== undefined &&
      previous?.fingerprint === print &&
      stillBuilt(path.join(root, job.output), previous);
    if (!upToDate) todo.push(job);
  }
  const unchanged = jobs.length - todo.length;
  onEvent({ kind: 'planned', total: jobs.length, unchanged });

  const failed: BatchSummary['failed'] = [];
  let built = 0;
  let finished = 0;
  const byOutput = new Map(todo.map((j) => [j.output, j]));
  const changes: RecordChanges = new Map();
  await runJobs(todo, { root, workers: options.workers, workerScript: options.workerScript }, (result) => {
    finished++;
    const job = byOutput.get(result.output) as Job;
    if (result.ok) {
      built++;
      const print = fingerprints.get(result.output);
      if (print)
        changes.set(result.output, {
          fingerprint: print,
          handout: job.handout,
          brand: job.brand,
          pages: result.pages,
          sha256: result.sha256,
          size: result.size,
          mtimeMs: result.mtimeMs,
          version: result.version,
          contentHash: result.contentHash,
          // When it was built: what `handout check` compares a changed handout's version with.
          built: new Date().toISOString().slice(0, 10),
        });
    } else {
      changes.set(result.output, null);
      failed.push({ output: result.output, message: describeFailure(result, debug), diagnostics: result.diagnostics });
    }
    onEvent({ kind: 'done', result, finished, total: todo.length });
  });
  await saveRecord(root, changes);
  // Listed in the manifest's order of outputs, not in the order the workers happened to finish.
  failed.sort((a, b) => (a.output < b.output ? -1 : 1));
  return { built, unchanged, failed, seconds: (performance.now() - started) / 1000 };
}
