/**
 * How `handout` starts (dist/handout.js). A checkout that `npm run build` gave a
 * startup snapshot for this very Node (see snapshot.ts) runs the command line from
 * it: modules loaded, fonts read and a sample leaflet and programme already rendered
 * once, so a cold `handout build` skips most of its start. Node 20 loads a snapshot
 * only as it starts, so that costs a second process. Everywhere else (an installed
 * package, another Node or machine, Node given V8 flags or options of its own) it
 * runs the bundle dist/cli.cjs with its code cache.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cachedDataVersionTag } from 'node:v8';
import { commandLine } from './code-cache.js';

/**
 * The startup snapshot `npm run build` leaves in `dist` for the Node running it. V8's
 * tag (its version, flags and the CPU's features) is in the name: Node refuses, with
 * exit code 14, a snapshot taken under another.
 */
export function snapshotFile(dist: string): string {
  const tag = cachedDataVersionTag().toString(16);
  return path.join(dist, `handout-${process.version}-${process.platform}-${process.arch}-${tag}.blob`);
}

/** `handout` with the arguments of this process, from the snapshot if there is one for it and the command renders. */
export function launch(dist: string): void {
  const snapshot = snapshotFile(dist);
  const args = process.argv.slice(2);
  // Options given to this Node (--inspect, --cpu-prof) would not reach the second one.
  if (process.execArgv.length === 0 && startsWarm(args) && existsSync(snapshot))
    startFrom(snapshot, args, () => runBundle(dist, args));
  else runBundle(dist, args);
}

/**
 * Whether a command gains from the snapshot: those that render. Every other one
 * starts sooner from the bundle than a second process can load 20 MB of snapshot
 * (medians of five: `validate` 0.33 s against 0.38 s, `list` 0.26 against 0.32,
 * `--version` 0.14 against 0.22), and `batch` renders in workers that load the
 * bundle anyway: from the snapshot its planning process held a renderer it never
 * used (1,000 programmes peaked at 451 MiB instead of about 380).
 */
export function startsWarm(args: readonly string[]): boolean {
  // The command is the first word that is not an option, nor the folder of --root.
  const command = args.find((arg, i) => !arg.startsWith('-') && args[i - 1] !== '--root');
  return command === 'build' || command === 'catalog';
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

/** Exit code 14: Node could not load the snapshot, and ran nothing. The command line never exits with it. */
const SNAPSHOT_REFUSED = 14;

/** Node started from `snapshot`, with this process's output, exit code and signals; `otherwise` if it refuses it. */
function startFrom(snapshot: string, args: readonly string[], otherwise: () => void): void {
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
    for (const s of SIGNALS) process.off(s, pass);
    if (code === SNAPSHOT_REFUSED) otherwise();
    else if (signal === null) process.exit(code ?? 1);
    // Stopped by a signal: stop by the same one, as a shell expects.
    else process.kill(process.pid, signal);
  });
}
