/**
 * `handout init`: a new project to start from, copied from the package's starter/
 * with the JSON Schemas its `$schema` links name. It never writes over a file.
 */
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describeIoError } from '../content/files.js';
import { jsonSchemaFiles } from '../content/json-schemas.js';
import { FatalError } from '../diagnostics.js';
import { PACKAGE_ROOT } from '../packaged.js';

/** npm leaves a file named .gitignore out of a package, so the starter keeps it without the dot. */
const RENAMED: Record<string, string> = { gitignore: '.gitignore' };

/** Project-relative path -> contents of every file a new project gets. */
async function starterFiles(): Promise<Map<string, string>> {
  const starter = path.join(PACKAGE_ROOT, 'starter');
  const entries = await readdir(starter, { recursive: true, withFileTypes: true });
  const files = new Map<string, string>();
  for (const e of entries.filter((e) => e.isFile()).sort((a, b) => a.name.localeCompare(b.name))) {
    const rel = path.relative(starter, path.join(e.parentPath, e.name)).split(path.sep).join('/');
    files.set(RENAMED[rel] ?? rel, await readFile(path.join(e.parentPath, e.name), 'utf8'));
  }
  for (const [name, text] of jsonSchemaFiles()) files.set(`schemas/${name}`, text);
  return new Map([...files].sort(([a], [b]) => a.localeCompare(b)));
}

/** Write a new project into `dir` (made if missing); returns the files written, relative to it. */
export async function initProject(dir: string): Promise<string[]> {
  const files = await starterFiles();
  const taken: string[] = [];
  for (const rel of files.keys()) {
    if (
      await stat(path.join(dir, rel)).then(
        () => true,
        () => false,
      )
    )
      taken.push(rel);
  }
  if (taken.length > 0)
    throw new FatalError(
      taken.map((rel) => ({
        file: path.join(dir, rel),
        message: 'already exists; init writes nothing over an existing file',
        hint: 'run init in an empty folder, e.g. `handout init my-project`',
      })),
    );
  for (const [rel, text] of files) {
    const file = path.join(dir, rel);
    try {
      await mkdir(path.dirname(file), { recursive: true });
      // `wx`: a file that appeared since the check above is still not overwritten.
      await writeFile(file, text, { flag: 'wx' });
    } catch (error) {
      throw new FatalError({ file, message: `cannot write the file: ${describeIoError(error)}` });
    }
  }
  return [...files.keys()];
}
