/** A batch worker: loads the project once, then renders and writes the jobs it is sent. */
import { parentPort, workerData } from 'node:worker_threads';
import { jobBuilder } from './build-job.js';
import type { Job } from './manifest.js';

const build = jobBuilder((workerData as { root: string }).root);

// Jobs are built one at a time, in the order sent: the pool sends the next before this one is done.
let queue = Promise.resolve();
parentPort?.on('message', (job: Job) => {
  queue = queue.then(async () => parentPort?.postMessage(await build(job)));
});
