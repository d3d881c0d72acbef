/** Throw-away copies of the project, for tests that break content on purpose. */
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function copyProject(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'handout-test-'));
  for (const part of ['content', 'templates', 'assets'])
    await cp(path.join(ROOT, part), path.join(dir, part), { recursive: true });
  return dir;
}

/** Edit (or create) a file of a project copy as text, so a test can also break its syntax. */
export async function editFile(root: string, file: string, edit: (text: string) => string): Promise<void> {
  const full = path.join(root, file);
  const before = await readFile(full, 'utf8').catch(() => '');
  await writeFile(full, edit(before));
}

/** Every file below a folder, relative to it. */
export async function filesBelow(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
  } catch {
    return [];
  }
}
