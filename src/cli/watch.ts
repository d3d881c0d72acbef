/**
 * `handout build --watch`: rebuild what a changed content file, template, brand
 * or asset affects, and keep running after an error.
 */
import { existsSync, watch } from 'node:fs';
import path from 'node:path';
import { type BuildOptions, type BuildReport, build } from './build.js';

const WATCHED = ['content', 'templates', 'assets'];

export function watchBuild(
  options: BuildOptions,
  report: (result: BuildReport) => void,
  log: (line: string) => void,
): () => void {
  const root = path.resolve(options.root);
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const flush = () => {
    const changed = pending;
    pending = new Set();
    // One build at a time; changes that arrive meanwhile wait for the next.
    running = running.then(async () => {
      log(`changed: ${[...changed].join(', ')}`);
      report(await build(options, log, changed));
    });
  };
  // A project need not have templates/ (the package's are used) or assets/; watching a missing folder throws.
  const watchers = WATCHED.filter((dir) => existsSync(path.join(root, dir))).map((dir) =>
    watch(path.join(root, dir), { recursive: true }, (_event, name) => {
      if (!name) return;
      pending.add(`${dir}/${name.split(path.sep).join('/')}`);
      clearTimeout(timer);
      // Editors write a file in several steps: wait until they are done.
      timer = setTimeout(flush, 80);
    }),
  );
  return () => {
    clearTimeout(timer);
    for (const w of watchers) w.close();
  };
}
