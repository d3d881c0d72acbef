/** Writing a PDF so that a reader never sees half of one: a temporary file, renamed into place. */
import { mkdirSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describeIoError } from './content/files.js';
import { HandoutError } from './diagnostics.js';
import { threadId } from './thread-id.js';

/**
 * `what` names the file in an error: the PDF, the build record, ... Synchronous
 * inside: a batch worker has nothing else to do meanwhile, and each asynchronous
 * step would wait its turn in the thread pool.
 */
export async function writeFileAtomic(file: string, data: Uint8Array, what = 'the PDF'): Promise<void> {
  // Worker threads share the process id: the thread id keeps their temporary files apart.
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${threadId()}.tmp`);
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch (error) {
    // Clearing up must not hide why the write failed (it fails too when the folder is a file).
    try {
      rmSync(tmp, { force: true });
    } catch {}
    throw new HandoutError(
      { file: path.relative(process.cwd(), file) || file, message: `cannot write ${what}: ${describeIoError(error)}` },
      { cause: error },
    );
  }
}

/** `output/<brand>/<handout>.pdf`, or `<handout>.large-print.pdf` for a variant. */
export function outputPath(outDir: string, brand: string, id: string, variant = 'standard'): string {
  return path.join(outDir, brand, `${id}${variant === 'standard' ? '' : `.${variant}`}.pdf`);
}

/** The project's own files: nothing is ever written into them. */
const SOURCES = [
  'content',
  'templates',
  'assets',
  'schemas',
  'src',
  'test',
  'bench',
  'scripts',
  'node_modules',
  '.cache',
  '.git',
];

/**
 * The real path of a file that may not exist yet: its deepest existing folder resolved, the rest appended.
 * Synchronous: a batch checks a thousand outputs one after the other.
 */
export function realPathOf(file: string): string {
  let existing = file;
  const rest: string[] = [];
  for (;;) {
    try {
      return path.join(realpathSync.native(existing), ...rest.reverse());
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return file;
      rest.push(path.basename(existing));
      existing = parent;
    }
  }
}

/**
 * Why a place may not be written to: it is the project folder, or lies in the
 * project's sources (a batch once wrote a PDF over a handout's JSON), also
 * through a symbolic link. Undefined when it may be written.
 */
export async function sourcesProblem(root: string, target: string): Promise<string | undefined> {
  return sourcesCheck(root)(target);
}

/** sourcesProblem for many places in one project (a batch's outputs): the project's real path is found once. */
export function sourcesCheck(root: string): (target: string) => string | undefined {
  const bases = [path.resolve(root), realPathOf(path.resolve(root))];
  return (target) => {
    for (const candidate of [path.resolve(root, target), realPathOf(path.resolve(root, target))]) {
      for (const base of bases) {
        const rel = path.relative(base, candidate);
        if (rel === '') return 'it is the project folder itself';
        if (rel.startsWith('..') || path.isAbsolute(rel)) continue;
        const top = rel.split(path.sep)[0] as string;
        if (SOURCES.includes(top)) return `it lies in the project's sources (${top}/)`;
      }
    }
    return undefined;
  };
}

/** Whether `file` lies inside `folder` (both resolved from the project). */
export function isInside(folder: string, file: string): boolean {
  const rel = path.relative(folder, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}
