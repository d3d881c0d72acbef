/**
 * How `handout` starts (dist/handout.js). A checkout that `npm run build` gave a
 * startup snapshot for this very Node (dist/handout-<node>-<platform>-<arch>.blob,
 * see snapshot.ts) runs the command line from it: modules loaded, fonts read and
 * a sample leaflet and programme already rendered once, so a cold `handout build`
 * skips most of its start. Node 20 loads a snapshot only when it starts, so that
 * costs a second process. Everywhere else (an installed package, another Node, Node
 * started with options, which a snapshot must have been built with) it runs the
 * bundle dist/cli.cjs with its code cache.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { commandLine } from './code-cache.js';

/** The startup snapshot `npm run build` leaves in `dist` for the Node running it. */
export function snapshotFile(dist: string): string {
  return path.join(dist, `handout-${process.version}-${process.platform}-${process.arch}.blob`);
}

/** `handout` with the arguments of this process, from the snapshot if there is one for it. */
export function launch(dist: string): void {
  const snapshot = snapshotFile(dist);
  if (process.execArgv.length === 0 && !process.env.NODE_OPTIONS && existsSync(snapshot))
    startFrom(snapshot, process.argv.slice(2));
  else runBundle(dist, process.argv.slice(2));
}

/** Runs the command line bundle in this process, compiled with its code cache when it has one. */
export function runBundle(dist: string, args: readonly string[]): void {
  const bundle = path.join(dist, 'cli.cjs');
  let cache: Buffer | undefined;
  try {
    cache = readFileSync(`${bundle}.cache`);
  } catch {
    // Built without one (or it was removed): the bundle is compiled as usual.
  }
  process.argv = [process.execPath, bundle, ...args];
  commandLine(bundle, readFileSync(bundle, 'utf8'), cache).run();
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Node started from `snapshot`, with this process's output, exit code and signals. */
function startFrom(snapshot: string, args: readonly string[]): void {
  // `--` ends Node's own options: `handout --version` is handout's.
  const child = spawn(process.execPath, ['--snapshot-blob', snapshot, '--', ...args], { stdio: 'inherit' });
  // A stop asked of this process (a CI timeout, `kill`) is passed on, so the command never outlives it.
  const pass = (signal: NodeJS.Signals) => child.kill(signal);
  for (const signal of SIGNALS) process.on(signal, pass);
  child.on('error', (error) => {
    console.error(`handout: could not start node: ${error.message}`);
    process.exit(2);
  });
  child.on('exit', (code, signal) => {
    if (signal === null) process.exit(code ?? 1);
    // Stopped by a signal: stop by the same one, as a shell expects.
    for (const s of SIGNALS) process.off(s, pass);
    process.kill(process.pid, signal);
  });
}
