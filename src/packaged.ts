/**
 * The package's own files: the templates, labels, exercise library and pictograms
 * a project uses when it has none of its own, and the tool's version.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding the package's package.json: two up from src/, three from dist/src/. */
function packageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const PACKAGE_ROOT = packageRoot(path.dirname(fileURLToPath(import.meta.url)));

/** The tool's version, never the clinic's: yargs would read the package.json nearest the working folder. */
export function toolVersion(): string {
  return (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * The files of `dir` (relative to a project) as the project sees them: the
 * package's, then the project's own, which replace a packaged one of the same name.
 */
export async function layered(
  root: string,
  dir: string,
  list: (absolute: string) => Promise<string[]>,
): Promise<string[]> {
  const own = await list(path.join(root, dir));
  if (path.resolve(root) === PACKAGE_ROOT) return own;
  const names = new Set(own.map((f) => path.basename(f)));
  const packaged = (await list(path.join(PACKAGE_ROOT, dir))).filter((f) => !names.has(path.basename(f)));
  return [...packaged, ...own];
}
