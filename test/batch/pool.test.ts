/**
 * The batch's worker pool when a worker stops in the middle of a batch, as one that
 * crashes or runs out of memory does: real workers, which a test worker makes stop at
 * the job whose handout is named for it (test/fixtures/batch/stopping-worker.ts).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBatch } from '../../src/batch/batch.js';
import type { Job } from '../../src/batch/manifest.js';
import { type JobResult, runJobs } from '../../src/batch/pool.js';
import { copyProject, editFile } from '../helpers/project.js';

const STOPPING_WORKER = new URL('../fixtures/batch/stopping-worker.ts', import.meta.url);

function job(handout: string): Job {
  const name = path.basename(handout, '.json');
  return {
    output: `output/${name}.pdf`,
    handout,
    brand: 'skovlund-sygehus',
    variant: 'standard',
    language: 'da',
    pdfa: false,
  };
}

/**
 * A handout the test worker stops at. Its file is larger than any real handout's, so
 * that the pool, which sends the largest first, sends it first, with a job behind it.
 */
async function stoppingHandout(root: string, name: string): Promise<string> {
  const file = `content/handouts/${name}.json`;
  await writeFile(path.join(root, file), `{}${' '.repeat(100_000)}`);
  return file;
}

async function run(root: string, jobs: Job[]): Promise<JobResult[]> {
  const results: JobResult[] = [];
  await runJobs(jobs, { root, workers: 2, workerScript: STOPPING_WORKER }, (r) => results.push(r));
  return results;
}

const outcome = (results: JobResult[]) =>
  Object.fromEntries(results.map((r) => [r.output, r.ok ? 'built' : r.message.replace(/\n.*/s, '')]));

async function isPdf(root: string, output: string): Promise<boolean> {
  return (await readFile(path.join(root, output))).subarray(0, 5).toString() === '%PDF-';
}

/**
 * Two jobs, which fill one worker: the second waits behind the one that stops it.
 * What became of each.
 */
async function stoppingBeforeAnother(name: string) {
  const root = await copyProject();
  const jobs = [job(await stoppingHandout(root, name)), job('content/handouts/forstaa-rygsmerter.json')];
  return outcome(await run(root, jobs));
}

describe('batch worker pool, when a worker stops', () => {
  it('fails the job it was building, and has the other worker build the jobs queued behind it', async () => {
    const root = await copyProject();
    // The stopping job is sent first, with a job queued behind it. The other worker has built
    // its own job, and has nothing left to build, by the time the first stops.
    const stopping = await stoppingHandout(root, 'worker-throws-after-a-pdf');
    const jobs = [
      job('content/handouts/muskelkorset.json'),
      job(stopping),
      job('content/handouts/smerter-i-ryggen.json'),
    ];
    const results = await run(root, jobs);
    expect(results.map((r) => r.output).sort()).toEqual(jobs.map((j) => j.output).sort());
    expect(outcome(results)).toEqual({
      'output/muskelkorset.pdf': 'built',
      'output/smerter-i-ryggen.pdf': 'built',
      'output/worker-throws-after-a-pdf.pdf': `the worker stopped: Error: the test worker throws at ${stopping}`,
    });
    expect(await isPdf(root, 'output/muskelkorset.pdf')).toBe(true);
    expect(await isPdf(root, 'output/smerter-i-ryggen.pdf')).toBe(true);
  });

  it('fails the job it was building when it exits without an error, and goes on', async () => {
    const root = await copyProject();
    const stopping = await stoppingHandout(root, 'worker-exits');
    const jobs = [
      job(stopping),
      job('content/handouts/muskelkorset.json'),
      job('content/handouts/forstaa-rygsmerter.json'),
    ];
    const results = await run(root, jobs);
    expect(results.map((r) => r.output).sort()).toEqual(jobs.map((j) => j.output).sort());
    expect(outcome(results)).toEqual({
      'output/forstaa-rygsmerter.pdf': 'built',
      'output/muskelkorset.pdf': 'built',
      'output/worker-exits.pdf': 'the worker stopped: it exited with code 3',
    });
  }, 20_000);

  it('says when a worker ran out of memory, and how to build that document', async () => {
    expect(await stoppingBeforeAnother('worker-fills-memory')).toEqual({
      'output/forstaa-rygsmerter.pdf': 'built',
      'output/worker-fills-memory.pdf':
        'the worker stopped: it ran out of memory (256 MiB) building it; `handout build` builds it alone, without that limit',
    });
  }, 60_000);

  it('replaces a worker that stopped, so that a job queued behind a stopping one on the only worker is built', async () => {
    expect(await stoppingBeforeAnother('worker-throws')).toEqual({
      'output/forstaa-rygsmerter.pdf': 'built',
      'output/worker-throws.pdf':
        'the worker stopped: Error: the test worker throws at content/handouts/worker-throws.json',
    });
  }, 60_000);

  it('stops replacing workers after three stops in a row with nothing built, and reports every job once', async () => {
    const root = await copyProject();
    // Every job stops the worker that builds it: two workers and two replacements each fail one job.
    const jobs = await Promise.all(
      [1, 2, 3, 4, 5].map(async (n) => job(await stoppingHandout(root, `worker-throws-${n}`))),
    );
    const results = await run(root, jobs);
    expect(results.map((r) => r.output).sort()).toEqual(jobs.map((j) => j.output).sort());
    const messages = Object.values(outcome(results));
    expect(messages.filter((m) => m.startsWith('the worker stopped: Error: the test worker throws'))).toHaveLength(4);
    expect(messages.filter((m) => m === 'not built: every worker stopped before it')).toHaveLength(1);
  }, 60_000);

  it('is one failure of the batch, which builds the rest and does not throw', async () => {
    const root = await copyProject();
    await editFile(root, 'content/handouts/worker-throws.json', () => '{}');
    await editFile(root, 'handouts.config.json', () =>
      JSON.stringify({
        handouts: ['content/handouts/muskelkorset.json', 'content/handouts/worker-throws.json'],
        brands: ['skovlund-sygehus'],
      }),
    );
    const summary = await runBatch(
      { root, manifest: 'handouts.config.json', workers: 2, force: false, workerScript: STOPPING_WORKER },
      () => {},
    );
    expect(summary.built).toBe(1);
    expect(summary.failed).toEqual([
      {
        output: 'output/skovlund-sygehus/da/worker-throws.pdf',
        message: expect.stringMatching(/^internal error: the worker stopped: Error: the test worker throws at/),
        diagnostics: undefined,
      },
    ]);
  });
});
