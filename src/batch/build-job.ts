/** A batch job built: its handout rendered for its brand and variant, and its PDF written. */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import { HandoutError } from '../diagnostics.js';
import { writeFileAtomic } from '../output.js';
import { openProject, type Project, render } from '../pipeline.js';
import { INVALID_BRAND, type Job } from './manifest.js';
import type { JobResult } from './pool.js';

/** Builds jobs of the project at `root`, which it opens once, at the first job. */
export function jobBuilder(root: string): (job: Job) => Promise<JobResult> {
  let project: Promise<Project> | undefined;
  return async (job) => {
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
  };
}
