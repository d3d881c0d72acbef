/**
 * The studio's files: programmes under content/programmes/ and handouts under
 * content/handouts/, named by id only, so no request can name a path, and
 * nothing read or written lies outside the project (also through a symbolic link).
 * A save is atomic and refused when the file changed since it was loaded.
 */
import { createHash } from 'node:crypto';
import { lstat, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { describeIoError, displayPath, listJson } from '../content/files.js';
import { contentDir } from '../content/library.js';
import { HandoutError } from '../diagnostics.js';
import { isInside, realPathOf, writeFileAtomic } from '../output.js';

/** The schema's id: what a case number or handout id may be, and so all a file name may be. */
export const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export type Kind = 'programmes' | 'handouts';

/** A file's version: a hash of its bytes, so any change (also by an editor) gives a new one. */
export function versionOf(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}

/** The file an id names, or an error when the id is not one or the folder leads out of the project. */
export async function fileOf(root: string, kind: Kind, id: string): Promise<string> {
  if (!ID.test(id) || id.length > 100)
    throw new HandoutError({
      file: `content/${kind}`,
      message: `"${id.slice(0, 40)}" is not an id`,
      hint: 'an id is lower-case letters, digits and single dashes, such as "p-2026-0142"',
    });
  const dir = contentDir(root, kind);
  const realRoot = await realpath(root);
  const realDir = await realPathOf(dir);
  if (!isInside(realRoot, realDir))
    throw new HandoutError({ file: `content/${kind}`, message: 'the folder links to a place outside the project' });
  const file = path.join(dir, `${id}.json`);
  const link = await lstat(file).catch(() => undefined);
  if (link?.isSymbolicLink())
    throw new HandoutError({
      file: displayPath(root, file),
      message: 'the file is a symbolic link: the studio reads and writes only files inside the project',
    });
  return file;
}

/** The ids of a folder's files. */
export async function idsOf(root: string, kind: Kind): Promise<string[]> {
  return (await listJson(contentDir(root, kind))).map((f) => path.basename(f, '.json')).filter((id) => ID.test(id));
}

export interface Stored {
  text: string;
  version: string;
}

/** A file's text and version, or undefined when there is none. */
export async function readStored(root: string, kind: Kind, id: string): Promise<Stored | undefined> {
  const file = await fileOf(root, kind, id);
  try {
    const text = await readFile(file, 'utf8');
    return { text, version: versionOf(text) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new HandoutError({
      file: displayPath(root, file),
      message: `cannot read the file: ${describeIoError(error)}`,
    });
  }
}

/** A save whose file changed on disk since it was loaded (another tab, an editor). */
export class Conflict extends Error {
  constructor(
    readonly current: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** One save at a time per file, so that the version check and the rename cannot interleave. */
const queues = new Map<string, Promise<unknown>>();

/**
 * Write `text` as the file of `id` when its version on disk is still `expected`
 * (undefined: the file must not exist yet); returns the new version.
 */
export async function saveStored(
  root: string,
  kind: Kind,
  id: string,
  text: string,
  expected: string | undefined,
): Promise<string> {
  const file = await fileOf(root, kind, id);
  const previous = queues.get(file) ?? Promise.resolve();
  const save = previous
    .catch(() => undefined)
    .then(async () => {
      const current = await readStored(root, kind, id);
      if (current?.version !== expected) {
        throw new Conflict(
          current?.version,
          current === undefined
            ? `content/${kind}/${id}.json was deleted since it was opened`
            : expected === undefined
              ? `content/${kind}/${id}.json already exists`
              : `content/${kind}/${id}.json changed on disk since it was opened (in another tab or an editor)`,
        );
      }
      await writeFileAtomic(file, new TextEncoder().encode(text), 'the programme');
      return versionOf(text);
    });
  queues.set(file, save);
  try {
    return await save;
  } finally {
    if (queues.get(file) === save) queues.delete(file);
  }
}
