/** Shared by the authoring tests: the CLI run from source, a small concurrency limit, the base handout. */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../helpers/project.js';

export const CLI = path.join(ROOT, 'src/cli/main.ts');
// Run the TypeScript source, as test/cli.test.ts does; tsx is found from the project, not the cwd.
export const TSX = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

/** A small, valid handout whose line numbers these tests know (test/fixtures/authoring/base.json). */
export const BASE_TEXT = readFileSync(path.join(ROOT, 'test/fixtures/authoring/base.json'), 'utf8');
// biome-ignore lint/suspicious/noExplicitAny: tests break the handout in every way, typed or not.
export type AnyHandout = Record<string, any>;
export const BASE = JSON.parse(BASE_TEXT) as AnyHandout;

export interface RunResult {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface RunOptions {
  timeout?: number;
  env?: Record<string, string>;
  /** Run through `bash -c` with these commands first (e.g. `ulimit -f 8`). */
  shellPrefix?: string;
}

/** `handout <args>` in `cwd`; never throws, and a run over `timeout` is killed (a hang shows as signal SIGKILL). */
export function handout(cwd: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  const started = performance.now();
  const nodeArgs = ['--import', TSX, CLI, ...args];
  const [command, argv] = options.shellPrefix
    ? ['bash', ['-c', `${options.shellPrefix}; exec "$0" "$@"`, process.execPath, ...nodeArgs]]
    : [process.execPath, nodeArgs];
  return new Promise((resolve) => {
    execFile(
      command,
      argv as string[],
      {
        cwd,
        env: { ...process.env, FORCE_COLOR: '0', CI: '1', ...options.env },
        timeout: options.timeout ?? 30_000,
        killSignal: 'SIGKILL',
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const e = error as (Error & { code?: number | string; signal?: string }) | null;
        resolve({
          code: e ? (typeof e.code === 'number' ? e.code : null) : 0,
          signal: e?.signal ?? null,
          stdout: String(stdout),
          stderr: String(stderr),
          ms: performance.now() - started,
        });
      },
    );
  });
}

/** A queue that runs at most `n` tasks at once (the machine has two cores; each CLI run is a whole Node). */
export function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

/** A stack trace line, as Node prints them. */
export const STACK_LINE = /^ {4}at /m;

/** What the CLI printed without the source lines it quotes under a diagnostic (`  12 | …` and its caret). */
export function withoutExcerpts(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/^ {2,}\d* \|/.test(line))
    .join('\n');
}

/** The diagnostics of one failed target of `handout build`: the lines after "<target>:" up to the next blank line. */
export function failureLines(stderr: string, target: string): string[] {
  const blocks = withoutExcerpts(stderr).split(/\n\n+/);
  const block = blocks.find((b) => b.trim().startsWith(`${target}:\n`));
  return block ? block.trim().split('\n').slice(1) : [];
}

/** The base handout with one line of its text replaced; the line count stays, so places stay known. */
export function editLine(line: number, edit: (text: string) => string, text = BASE_TEXT): string {
  const lines = text.split('\n');
  const before = lines[line - 1];
  if (before === undefined) throw new Error(`no line ${line}`);
  const after = edit(before);
  if (after === before) throw new Error(`the edit changed nothing on line ${line}: ${before}`);
  lines[line - 1] = after;
  return lines.join('\n');
}

/** The base handout changed as a value and written the way the fixture is (2-space JSON). */
export function editValue(edit: (handout: AnyHandout) => void): string {
  const copy = structuredClone(BASE);
  edit(copy);
  return `${JSON.stringify(copy, null, 2)}\n`;
}
