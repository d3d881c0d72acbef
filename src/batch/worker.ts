/** A batch worker: loads the project once, then renders and writes the jobs it is sent. */
import { parentPort, workerData } from 'node:worker_threads';
import { saveShaping } from '../layout/shaping-cache.js';
import { jobBuilder } from './build-job.js';
import type { Job } from './manifest.js';
import type { FINISHED } from './pool.js';

const build = jobBuilder((workerData as { root: string }).root);

// Jobs are built one at a time, in the order sent: the pool sends the next before this one is done.
let queue = Promise.resolve();
parentPort?.on('message', (job: Job | typeof FINISHED) => {
  queue = queue.then(async () => {
    if (job) {
      parentPort?.postMessage(await build(job));
      return;
    }
    // The batch is done: the words shaped go to the cache for the next one, and the worker exits.
    await saveShaping();
    parentPort?.close();
  });
});
