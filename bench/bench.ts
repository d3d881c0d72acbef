/**
 * `npm run bench`: how long one discharge leaflet takes, on this machine.
 * Prints figures; asserts nothing.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openProject, render } from '../src/pipeline.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), process.env.HANDOUT_BENCH_ROOT ?? '../..');
const request = { handout: 'content/handouts/smerter-i-ryggen.json', brand: 'skovlund-sygehus' };
const runs = Number(process.env.HANDOUT_BENCH_RUNS ?? 30);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const coldStart = performance.now();
const project = await openProject(root);
const first = await render(project, request);
const cold = performance.now() - coldStart;

const times: number[] = [];
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  await render(project, request);
  times.push(performance.now() - t);
}

console.log(`machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown cpu'}, Node ${process.version}`);
console.log(`leaflet: ${request.handout} for ${request.brand}, ${first.pages.length} pages, ${(first.pdf.length / 1024).toFixed(0)} KiB`);
console.log(`cold (load project + first render): ${cold.toFixed(0)} ms`);
console.log(`warm, median of ${runs}: ${median(times).toFixed(1)} ms (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)})`);
