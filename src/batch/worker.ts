/** A batch worker: loads the project once, then renders and writes the jobs it is sent. */
import { parentPort, workerData } from 'node:worker_threads';
import { saveShaping } from '../layout/shaping-cache.js';
import { jobBuilder } from './build-job.js';
import type { Job } from './manifest.js';

const build = jobBuilder((workerData as { root: string }).root);

// Jobs are built one at a time, in the order sent: the pool sends the next before this one is done.
let queue = Promise.resolve();
let waiting = 0;
parentPort?.on('message', (job: Job) => {
  waiting++;
  queue = queue.then(async () => {
    const result = await build(job);
    // Nothing sent behind this job: the batch is ending (the pool stops a worker once it has
    // its last result). The words shaped so far go to the cache for the next batch first.
    if (--waiting === 0) await saveShaping();
    parentPort?.postMessage(result);
  });
});
