/** A batch worker: loads the project once, then renders and writes one job at a time. */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { HandoutError } from '../diagnostics.js';
import { saveShaping } from '../layout/shaping-cache.js';
import { writeFileAtomic } from '../output.js';
import { openProject, type Project, render } from '../pipeline.js';
import { INVALID_BRAND, type Job } from './manifest.js';
import type { JobResult } from './pool.js';

const { root } = workerData as { root: string };
let project: Promise<Project> | undefined;

async function run(job: Job): Promise<JobResult> {
  const started = performance.now();
  try {
    project ??= openProject(root);
    const result = await render(await project, {
      handout: job.handout,
      // A programme whose brand is not a known id: rendering reports the field at its place in the file.
      brand: job.brand === INVALID_BRAND ? undefined : job.brand,
      archival: job.pdfa,
      variant: job.variant,
      language: job.language,
    });
    const file = path.resolve(root, job.output);
    await writeFileAtomic(file, result.pdf);
    const { size, mtimeMs } = statSync(file);
    return {
      ok: true,
      output: job.output,
      pages: result.pages.length,
      sha256: createHash('sha256').update(result.pdf).digest('hex'),
      size,
      mtimeMs,
      version: result.version,
      contentHash: result.hash,
      ms: performance.now() - started,
    };
  } catch (error) {
    return {
      ok: false,
      output: job.output,
      diagnostics: error instanceof HandoutError ? [...error.diagnostics] : undefined,
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      ms: performance.now() - started,
    };
  }
}

// Jobs are built one at a time, in the order sent: the pool sends the next before this one is done.
let queue = Promise.resolve();
let waiting = 0;
parentPort?.on('message', (job: Job) => {
  waiting++;
  queue = queue.then(async () => {
    const result = await run(job);
    // Nothing sent behind this job: the batch is ending, and the pool stops a worker once
    // it has its last result. The words shaped go to the cache for the next batch first.
    if (--waiting === 0) await saveShaping();
    parentPort?.postMessage(result);
  });
});
