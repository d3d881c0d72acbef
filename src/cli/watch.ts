/**
 * `handout build --watch`: rebuild what a changed content file, template, brand
 * or asset affects, and keep running after an error.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { watch } from 'chokidar';
import { type BuildOptions, type BuildReport, build } from './build.js';

const WATCHED = ['content', 'templates', 'assets'];

/** What happened to one path since the last build. */
type Change = 'add' | 'change' | 'unlink';

/**
 * The files a build must look at, from the changes seen since the last one. A
 * file added that is gone again was an editor's or `sed -i`'s temporary copy,
 * renamed over the real file: nothing reads it. It goes into `fleeting`, so that
 * its removal, which chokidar may report a moment later, is no change either.
 */
export function changedFiles(
  changes: ReadonlyMap<string, readonly Change[]>,
  onDisk: (file: string) => boolean,
  fleeting: Set<string>,
): Set<string> {
  const files = new Set<string>();
  for (const [file, seen] of changes) {
    if (seen[0] === 'add' && !onDisk(file)) fleeting.add(file);
    else if (!(seen.every((e) => e === 'unlink') && fleeting.delete(file))) files.add(file);
  }
  return files;
}

/**
 * Watch the project and rebuild on change. Resolves once the watcher has seen
 * every file, so an edit made after that is never missed; the result stops it.
 */
export function watchBuild(
  options: BuildOptions,
  report: (result: BuildReport) => void,
  log: (line: string) => void,
): Promise<() => Promise<void>> {
  const root = path.resolve(options.root);
  let pending = new Map<string, Change[]>();
  const fleeting = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const flush = () => {
    const changed = changedFiles(pending, (file) => existsSync(path.join(root, file)), fleeting);
    pending = new Map();
    if (changed.size === 0) return;
    // One build at a time; changes that arrive meanwhile wait for the next.
    running = running.then(async () => {
      log(`changed: ${[...changed].join(', ')}`);
      report(await build(options, log, changed));
    });
  };
  // chokidar, not Node's recursive fs.watch: that one loses a file replaced by a rename (an atomic save),
  // and throws for a missing folder. The root is watched, not the folders, because chokidar misses a
  // folder made just after it started; only the folders the build reads are entered (not output/ or node_modules/).
  const watcher = watch('.', {
    cwd: root,
    ignoreInitial: true,
    // A link to a folder outside the project is not followed: nothing outside it is read unless named.
    followSymlinks: false,
    ignored: (name) => {
      const top = path.relative(root, path.resolve(root, name)).split(path.sep)[0] as string;
      return top !== '' && !WATCHED.includes(top);
    },
  });
  watcher.on('all', (event, name) => {
    if (event !== 'add' && event !== 'change' && event !== 'unlink') return;
    const file = name.split(path.sep).join('/');
    pending.set(file, [...(pending.get(file) ?? []), event]);
    clearTimeout(timer);
    // Editors write a file in several steps: wait until they are done.
    timer = setTimeout(flush, 80);
  });
  watcher.on('error', (error) => log(`watch: ${error instanceof Error ? error.message : String(error)}`));
  return new Promise((resolve) =>
    watcher.once('ready', () =>
      resolve(async () => {
        clearTimeout(timer);
        await watcher.close();
      }),
    ),
  );
}
