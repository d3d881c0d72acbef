/**
 * How `handout` starts (dist/handout.js). In a checkout, `npm run build` takes a
 * startup snapshot of the command line for the Node that built it (snapshot.ts):
 * modules loaded, fonts read and a sample leaflet and programme rendered once, so
 * a cold `handout build` skips most of its start. Node 20 loads a snapshot only as
 * it starts, so that costs a second process. Everywhere else (an installed package,
 * another Node, machine or folder, Node given options of its own, a command that
 * does not render) it runs the bundle dist/cli.js in this process.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cachedDataVersionTag } from 'node:v8';

/**
 * The startup snapshot `npm run build` leaves in `dist` for the Node running it.
 * Its name holds what it was taken for: Node refuses (exit code 14) a snapshot of
 * another version or V8 tag (V8's version, flags and the CPU's features), and a
 * snapshot knows the folder it was taken in, so a checkout moved since has none.
 */
export function snapshotFile(dist: string): string {
  const tag = cachedDataVersionTag().toString(16);
  const folder = createHash('sha256').update(dist).digest('hex').slice(0, 12);
  return path.join(dist, `handout-${process.version}-${process.platform}-${process.arch}-${tag}-${folder}.blob`);
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
 * Whether a command gains from the snapshot: those that render. For the others the
 * second process and 20 MB of snapshot eat what it saves (medians of five, the
 * snapshot's own time plus the 0.05 s of the first process, against the bundle's:
 * `validate` 0.35 s against 0.38 s, `list` 0.29 against 0.32, `--version` 0.19
 * against 0.13), and a batch renders in workers that load the bundle anyway: from
 * the snapshot, its planning process held a renderer it never used (1,000
 * programmes peaked at 451 MiB instead of about 390).
 */
export function startsWarm(args: readonly string[]): boolean {
  // The command is the first word that is not an option, nor the folder of --root.
  const command = args.find((arg, i) => !arg.startsWith('-') && args[i - 1] !== '--root');
  return command === 'build' || command === 'catalog';
}

/** The command line bundle, run in this process. */
function runBundle(dist: string, args: readonly string[]): void {
  const cli = path.join(dist, 'cli.js');
  process.argv = [process.execPath, cli, ...args];
  void import(pathToFileURL(cli).href);
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Exit code 14: Node could not load the snapshot, and ran nothing. The command line never exits with it. */
const SNAPSHOT_REFUSED = 14;

/** Node started from `snapshot`, with this process's output, exit code and signals; `otherwise` if it refuses it. */
function startFrom(snapshot: string, args: readonly string[], otherwise: () => void): void {
  // `--` ends Node's own options: in `handout --root x build`, --root is handout's.
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
