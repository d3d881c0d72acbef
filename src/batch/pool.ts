/**
 * A pool of worker threads, one per core by default. Each worker loads fonts,
 * templates and the content library once and renders many jobs with them.
 */
import { stat } from 'node:fs/promises';
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

/**
 * A worker's heap. The young generation is four times V8's default and the old one
 * has a ceiling: V8 lets a heap without one grow to three times what a worker keeps
 * (about 35 MiB of fonts, caches and library), filled with the garbage of documents
 * that outlived a collection. 1,000 programmes in two workers (median of two runs):
 * 7.6 s at 375 MiB peak, against 9.0 s at 423 MiB with the young generation at
 * 24 MiB and no ceiling. The largest sample (the 16-page large-print leaflet) renders
 * in a 64 MiB old generation: the ceiling leaves four times that.
 */
const YOUNG_GENERATION_MB = 64;
const OLD_GENERATION_MB = 256;

/**
 * A new worker running the worker module beside this one, or `script`. Run from
 * TypeScript sources (tests, tsx), the worker first registers tsx to load them.
 */
function startWorker(root: string, script?: URL): Worker {
  const here = fileURLToPath(import.meta.url);
  const options = {
    workerData: { root },
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, maxOldGenerationSizeMb: OLD_GENERATION_MB },
  };
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

/** Workers that may stop in a row, each failing the job it was building, before no more are started. */
const MAX_STOPS_IN_A_ROW = 3;

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
  // A worker that stops while building is replaced, so that only the job it was building
  // fails; after this many stops in a row with nothing built, no more are started.
  let stopsInARow = 0;
  let live = 0;
  let allStopped = () => {};
  const stopped = new Promise<void>((resolve) => {
    allStopped = resolve;
  });
  const launch = () => {
    live++;
    const worker = startWorker(options.root, options.workerScript);
    const sent: Job[] = [];
    running.set(worker, sent);
    worker.on('message', (result: JobResult) => {
      sent.shift();
      if (result.ok) stopsInARow = 0;
      onResult(result);
      feed();
    });
    let failure: string | undefined;
    worker.on('error', (error: unknown) => {
      failure =
        (error as { code?: unknown })?.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `it ran out of memory (${OLD_GENERATION_MB} MiB) building it; \`handout build\` builds it alone, without that limit`
          : error instanceof Error
            ? (error.stack ?? error.message)
            : String(error);
    });
    // Every worker exits, whether it was stopped here, threw, ran out of memory or called
    // process.exit (which raises no error). One that stops takes only the job it was
    // building with it; the jobs waiting behind go to the others, or to its replacement.
    worker.on('exit', (code) => {
      running.delete(worker);
      const [current, ...waiting] = sent;
      if (current) {
        onResult({
          ok: false,
          output: current.output,
          message: `the worker stopped: ${failure ?? `it exited with code ${code}`}`,
          ms: 0,
        });
        jobs.push(...waiting);
        if (++stopsInARow < MAX_STOPS_IN_A_ROW && next < jobs.length) launch();
      }
      feed();
      if (--live === 0) allStopped();
    });
  };
  // Not a worker more than the jobs fill: one would only load the project, and wait.
  for (let i = 0; i < Math.min(options.workers, Math.ceil(jobs.length / IN_FLIGHT)); i++) launch();
  feed();
  await stopped;
  for (const job of jobs.slice(next))
    onResult({ ok: false, output: job.output, message: 'not built: every worker stopped before it', ms: 0 });
}
