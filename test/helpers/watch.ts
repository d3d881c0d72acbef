/** `handout build --watch` as a child process, and a way to wait for what it prints. */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './project.js';

const CLI = path.join(ROOT, 'src/cli/main.ts');
const TSX = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

export interface Watcher {
  child: ChildProcess;
  /** Everything printed so far, stdout and stderr together. */
  output(): string;
  /** What was printed after offset `from` once it matches `pattern`, or after 30 s whatever it is. */
  waitFor(pattern: RegExp, from: number): Promise<string>;
}

export function watch(cwd: string, args: string[]): Watcher {
  const child = spawn(process.execPath, ['--import', TSX, CLI, 'build', ...args, '--watch'], {
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
      for (let i = 0; i < 600 && !pattern.test(out.slice(from)); i++) await new Promise((r) => setTimeout(r, 50));
      return out.slice(from);
    },
  };
}
