/** File-system edges of content loading: read a file, list a folder, keep paths inside the project. */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { type DiagnosticInit, HandoutError } from '../diagnostics.js';
import { type JsonDocument, parseJson } from './json.js';

/** Paths in messages are relative to the project, as the author sees them. */
export function displayPath(root: string, file: string): string {
  const rel = path.relative(root, file);
  return rel.startsWith('..') ? file : rel.split(path.sep).join('/');
}

/** Far more than any handout; a larger file is a mistake, not content, and would take long to find out. */
export const MAX_CONTENT_BYTES = 2 * 1024 * 1024;

/** What an I/O error code means, in words. */
export function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'it does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'ENOTDIR':
    case 'EEXIST':
      return 'a file stands where a folder should be';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EROFS':
      return 'the file system is read-only';
    case 'EFBIG':
      return 'the file grew larger than allowed';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Read synchronously: content files are small, and a batch reads a thousand of them
 * one after the other, where each asynchronous read would wait its turn in the
 * thread pool several times over.
 */
export async function readJson(root: string, file: string): Promise<JsonDocument> {
  const shown = displayPath(root, file);
  let text: string;
  try {
    const info = statSync(file);
    if (info.size > MAX_CONTENT_BYTES) {
      throw new HandoutError({
        file: shown,
        message: `the file has ${info.size.toLocaleString('en')} bytes, more than the ${MAX_CONTENT_BYTES.toLocaleString('en')} (2 MiB) a content file may have`,
      });
    }
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof HandoutError) throw error;
    throw new HandoutError({ file: shown, message: `cannot read the file: ${describeIoError(error)}` });
  }
  return parseJson(shown, text);
}

/** The `.json` files of a folder, sorted so that every run sees them in one order. */
export async function listJson(dir: string): Promise<string[]> {
  try {
    const names = await readdir(dir);
    return names
      .filter((n) => n.endsWith('.json'))
      .sort()
      .map((n) => path.join(dir, n));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/**
 * Resolve a path written in content (e.g. `assets/logo.svg`) and refuse one that
 * leaves the project, also through a symbolic link. Synchronous inside, as
 * readJson: every document of a batch resolves its brand's logo.
 */
export async function projectFile(
  root: string,
  relative: string,
  from: { file: string; path?: string },
): Promise<string> {
  const resolved = path.resolve(root, relative);
  const outside = (p: string, base: string) =>
    path.relative(base, p).startsWith('..') || path.isAbsolute(path.relative(base, p));
  if (path.isAbsolute(relative) || outside(resolved, root)) {
    throw new HandoutError({
      ...from,
      message: `file "${relative}" is outside the project`,
      hint: 'use a path under assets/',
    });
  }
  let real: string;
  try {
    real = realpathSync.native(resolved);
  } catch {
    throw new HandoutError({ ...from, message: `file "${relative}" does not exist` });
  }
  if (outside(real, realpathSync.native(root))) {
    throw new HandoutError({ ...from, message: `file "${relative}" links to a place outside the project` });
  }
  if (!statSync(real).isFile()) {
    throw new HandoutError({ ...from, message: `"${relative}" is a folder, not a file`, hint: 'name a file in it' });
  }
  return real;
}

/** Every file of a folder (not recursive), sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => path.join(dir, e.name))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** A project file named in content, checked as projectFile does, and its problems as a picture (an SVG's content). */
export async function pictureFileProblems(
  root: string,
  relative: string,
  from: { file: string; path?: string },
  check: (text: string, file: string) => DiagnosticInit[],
): Promise<DiagnosticInit[]> {
  try {
    const file = await projectFile(root, relative, from);
    return /\.svg$/i.test(relative) ? check(await readFile(file, 'utf8'), relative) : [];
  } catch (error) {
    if (error instanceof HandoutError) return [...error.diagnostics];
    return [{ ...from, message: `cannot read "${relative}": ${describeIoError(error)}` }];
  }
}
