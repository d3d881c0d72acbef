/**
 * What changed on disk: a fingerprint of the project's files (names, sizes,
 * modification times), cheap enough to take on every poll, so an author's
 * editor needs no plug-in and no file watcher is left running.
 */
import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** Files a document is made from; output/ and .cache/ are made from them. */
const WATCHED = ['content', 'templates', 'assets'];
/** The documents themselves: a change to one needs no new library. */
const DOCUMENTS = ['content/handouts', 'content/programmes'];

export interface Fingerprint {
  /** Any file changed. */
  all: string;
  /** A file other than the documents changed: exercises, brands, labels, pictures, templates, assets. */
  library: string;
}

export async function fingerprint(root: string): Promise<Fingerprint> {
  const all = createHash('sha256');
  const library = createHash('sha256');
  for (const dir of WATCHED) {
    const entries = await readdir(path.join(root, dir), { recursive: true, withFileTypes: true }).catch(() => []);
    const files = entries
      .filter((e) => e.isFile())
      .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
      .sort();
    for (const file of files) {
      const info = await stat(path.join(root, file)).catch(() => undefined);
      if (!info) continue;
      const line = `${file}\0${info.size}\0${info.mtimeMs}\n`;
      all.update(line);
      if (!DOCUMENTS.some((d) => file.startsWith(`${d}/`))) library.update(line);
    }
  }
  return { all: all.digest('hex').slice(0, 16), library: library.digest('hex').slice(0, 16) };
}
