/**
 * A pool of worker threads, one per core by default. Each worker loads fonts,
 * templates and the content library once and renders many jobs with them.
 */
import { stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DiagnosticInit } from '../diagnostics.js';
import type { Job } from './manifest.js';

export type JobResult =
  | {
      ok: true;
      output: string;
      pages: number;
      sha256: string;
      size: number;
      mtimeMs: number;
      ms: number;
      version?: string;
      contentHash?: string;
    }
  | { ok: false; output: string; diagnostics?: DiagnosticInit[]; message: string; ms: number };

export function defaultJobs(): number {
  return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
}

/**
 * A worker's young generation: half of V8's default. A document's garbage dies
 * young either way; with two workers the batch's peak memory stays under 400 MB
 * (1,000 programmes: 394 MiB against 457), at no cost in CPU that we could measure.
 */
const YOUNG_GENERATION_MB = 24;

/**
 * A new worker running the worker module beside this one, or `script`. Run from
 * TypeScript sources (tests, tsx), the worker first registers tsx to load them.
 */
function startWorker(root: string, script?: URL): Worker {
  const here = fileURLToPath(import.meta.url);
  const options = { workerData: { root }, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } };
  const entry = script ?? new URL(here.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url);
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, options);
  const tsx = pathToFileURL(path.resolve(path.dirname(here), '../../node_modules/tsx/dist/esm/api/index.mjs')).href;
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { eval: true, ...options });
}

/**
 * The jobs, largest content file first (stable otherwise): a long document
 * started last would leave the other workers idle while it finishes.
 */
async function largestFirst(jobs: readonly Job[], root: string): Promise<Job[]> {
  const sizes = new Map<string, number>();
  await Promise.all(
    [...new Set(jobs.map((j) => j.handout))].map(async (file) =>
      sizes.set(
        file,
        await stat(path.resolve(root, file)).then(
          (s) => s.size,
          () => 0,
        ),
      ),
    ),
  );
  const cost = (job: Job) => (sizes.get(job.handout) ?? 0) * (job.variant === 'large-print' ? 2 : 1);
  return jobs
    .map((job, i) => ({ job, i }))
    .sort((a, b) => cost(b.job) - cost(a.job) || a.i - b.i)
    .map((e) => e.job);
}

/** The message that tells a worker there are no more jobs. */
export const FINISHED = null;

/** Jobs sent to a worker at a time. */
const IN_FLIGHT = 2;

export async function runJobs(
  all: readonly Job[],
  options: {
    root: string;
    workers: number;
    /** For tests of the pool only: a worker module in place of ./worker, which stops on the job it is told to. */
    workerScript?: URL;
  },
  onResult: (result: JobResult) => void,
): Promise<void> {
  if (all.length === 0) return;
  const jobs = await largestFirst(all, options.root);
  let next = 0;
  // Each running worker, with the jobs sent to it and not done, in order: the first is being built.
  // One waits behind it, so that the worker goes on at once while the result of the one before is read here.
  const running = new Map<Worker, Job[]>();
  const finishing = new Set<Worker>();
  // An idle worker is kept while others build: one that stops gives back the jobs waiting behind it.
  const feed = () => {
    for (const [worker, sent] of running)
      while (sent.length < IN_FLIGHT && next < jobs.length) {
        const job = jobs[next++] as Job;
        sent.push(job);
        worker.postMessage(job);
      }
    if ([...running.values()].every((sent) => sent.length === 0))
      for (const worker of running.keys())
        if (!finishing.has(worker)) {
          // No more jobs: the worker writes what it keeps for the next batch, and exits.
          finishing.add(worker);
          worker.postMessage(FINISHED);
        }
  };
  // Not a worker more than the jobs fill: one would only load the project, and wait.
  const stopped = Array.from(
    { length: Math.min(options.workers, Math.ceil(jobs.length / IN_FLIGHT)) },
    () =>
      new Promise<void>((resolve) => {
        const worker = startWorker(options.root, options.workerScript);
        const sent: Job[] = [];
        running.set(worker, sent);
        worker.on('message', (result: JobResult) => {
          sent.shift();
          onResult(result);
          feed();
        });
        let failure: string | undefined;
        worker.on('error', (error: unknown) => {
          failure = error instanceof Error ? (error.stack ?? error.message) : String(error);
        });
        // Every worker exits, whether it was stopped here, threw, ran out of memory or called
        // process.exit (which raises no error). One that stops takes only the job it was
        // building with it; the jobs waiting behind go to the others.
        worker.on('exit', (code) => {
          running.delete(worker);
          const [current, ...waiting] = sent;
          if (current)
            onResult({
              ok: false,
              output: current.output,
              message: `the worker stopped: ${failure ?? `it exited with code ${code}`}`,
              ms: 0,
            });
          jobs.push(...waiting);
          feed();
          resolve();
        });
      }),
  );
  feed();
  await Promise.all(stopped);
  for (const job of jobs.slice(next))
    onResult({ ok: false, output: job.output, message: 'not built: every worker stopped before it', ms: 0 });
}
