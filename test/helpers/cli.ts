/** The command line run as a user runs it: once to its exit code, or `build --watch` left running. */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { ROOT } from './project.js';

const run = promisify(execFile);
const CLI = path.join(ROOT, 'src/cli/main.ts');
// Run the TypeScript source, so a test never meets a stale build; tsx is found from the project, not the cwd.
const TSX = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

/** `handout <args>` in a folder: its exit code and what it printed (without colour). */
export function handout(cwd: string, ...args: string[]) {
  return handoutWith({ FORCE_COLOR: '0' }, cwd, ...args);
}

/** The same with these environment variables changed (`undefined` removes one). */
export async function handoutWith(env: Record<string, string | undefined>, cwd: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', TSX, CLI, ...args], {
      cwd,
      env: withEnv(env),
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function withEnv(changes: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env = { ...process.env, ...changes };
  for (const [name, value] of Object.entries(changes)) if (value === undefined) delete env[name];
  return env;
}

export interface Watcher {
  child: ChildProcess;
  /** Everything printed so far, stdout and stderr together. */
  output(): string;
  /** What was printed after offset `from` once it matches `pattern`, or after 60 s whatever it is. */
  waitFor(pattern: RegExp, from: number): Promise<string>;
}

export function watch(cwd: string, args: string[]): Watcher {
  return running(cwd, ['build', ...args, '--watch']);
}

/** `handout <args>` left running (build --watch, studio), its output collected as it comes. */
export function running(cwd: string, args: string[]): Watcher {
  const child = spawn(process.execPath, ['--import', TSX, CLI, ...args], {
    cwd,
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    out += d;
  });
  return {
    child,
    output: () => out,
    async waitFor(pattern, from) {
      // A guard against a hang, not a timing: the first build alone may take seconds on a loaded machine.
      for (let i = 0; i < 1200 && !pattern.test(out.slice(from)); i++) await new Promise((r) => setTimeout(r, 50));
      return out.slice(from);
    },
  };
}
