/**
 * The words a project's fonts have shaped, kept in `.cache/shaping/` for the next
 * process. Shaping every word of a leaflet with fontkit is the largest part of a
 * cold build; a process that starts from what the last one shaped measures and
 * draws the same words with the same numbers, and shapes only new ones.
 *
 * The cache may come from anywhere (a CI cache restored from another run): it is
 * read only as a regular file inside the project, and ignored when it is not of the
 * expected form; each word and width in it is checked when first used
 * (stored-shaping.ts). It holds numbers and words, never anything that is run.
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startupSnapshot } from 'node:v8';
import type { Font, LoadedFonts } from '../brand/fonts.js';
import { writeFileAtomic } from '../output.js';
import { type Shaping, shapingOf } from './measure.js';
import { isNumber, isStoredRun, type StoredRun, storedRun } from './stored-shaping.js';

const FORMAT = 1;
/** Larger files are not read: a cache of every word of a big library is a few MiB. */
const MAX_BYTES = 32 * 2 ** 20;
/** Words kept per font and kind; a process that shaped more writes no more than these. */
const MAX_ENTRIES = 200_000;

interface Stored {
  format: number;
  font: string;
  /** Advance width per em, by text, as layout measures it. */
  widths: Record<string, number>;
  /** pdfkit's shaped words: per glyph its id, x and y advance and offset (1000-unit em), then its code points. */
  runs: Record<string, StoredRun>;
}

interface Restored {
  root: string;
  file: string;
  font: Font;
  hash: string;
  /** How many widths and words this process had measured and shaped itself when it last read or wrote the file. */
  widths: number;
  runs: number;
}

/** Caches restored by this process, by file: each once, however many documents use the font. */
const restored = new Map<string, Restored>();

/** Projects whose cache this process has restored, with the fonts it restored for each. */
const restoredFor = new Map<string, WeakSet<Font>>();
// The command line's startup snapshot (src/cli/snapshot.ts) warms up in a copy of the project that
// is gone by then: every build from the snapshot would go through its cache again at the end.
if (startupSnapshot.isBuildingSnapshot())
  startupSnapshot.addSerializeCallback(() => {
    restored.clear();
    restoredFor.clear();
  });
const hashes = new WeakMap<Font, string>();

function fontHash(font: Font): string {
  let hash = hashes.get(font);
  if (hash === undefined) {
    const { buffer } = (font as unknown as { stream: { buffer: Uint8Array } }).stream;
    hash = createHash('sha256').update(buffer).digest('hex');
    hashes.set(font, hash);
  }
  return hash;
}

/** The project's `.cache/shaping/`, when it and `.cache/` are plain folders (or not there yet). */
function cacheDir(root: string): string | undefined {
  const dir = path.join(root, '.cache', 'shaping');
  for (const folder of [path.dirname(dir), dir]) {
    try {
      if (!lstatSync(folder).isDirectory()) return undefined;
    } catch {
      // Not made yet: made on the first write.
    }
  }
  return dir;
}

/** The text of a regular file, never through a symbolic link, or undefined. */
function readPlain(file: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
    const info = fstatSync(fd);
    if (!info.isFile() || info.size > MAX_BYTES) return undefined;
    return readFileSync(fd, 'utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The file's words, when the file and its widths have the expected form; undefined
 * for anything else. Its shaped words are checked one by one when first used.
 */
function parseStored(text: string, hash: string): Stored | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(raw) || raw.format !== FORMAT || raw.font !== hash) return undefined;
  const { widths, runs } = raw;
  if (!isRecord(widths) || !isRecord(runs)) return undefined;
  for (const width of Object.values(widths)) if (!isNumber(width) || width < 0) return undefined;
  return raw as unknown as Stored;
}

/** Add a cache's words to this process's shaping; words already shaped here are kept as they are. */
function take(stored: Stored, font: Font): void {
  const shaping = shapingOf(font);
  for (const [word, width] of Object.entries(stored.widths))
    if (!shaping.widths.has(word)) shaping.storedWidths.set(word, width);
  for (const [word, run] of Object.entries(stored.runs)) if (!(word in shaping.runs)) shaping.storedRuns.set(word, run);
}

/**
 * Start this process's shaping of `fonts` from the project's cache, once per
 * project and font. Words already shaped in this process are kept as they are.
 */
export function restoreShaping(root: string, fonts: LoadedFonts): void {
  let done = restoredFor.get(root);
  if (!done) {
    done = new WeakSet();
    restoredFor.set(root, done);
  }
  const todo = Object.values(fonts).filter((font) => !done.has(font));
  if (todo.length === 0) return;
  for (const font of todo) done.add(font);
  const dir = cacheDir(root);
  if (!dir) return;
  for (const font of new Set(todo)) {
    const hash = fontHash(font);
    const file = path.join(dir, `${hash.slice(0, 32)}.json`);
    if (restored.has(file)) continue;
    const shaping = shapingOf(font);
    const text = readPlain(file);
    const stored = text === undefined ? undefined : parseStored(text, hash);
    if (stored) take(stored, font);
    restored.set(file, {
      root,
      file,
      font,
      hash,
      widths: shaping.measured,
      runs: shapedHere(shaping),
    });
  }
}

/** Words this process shaped itself: when more than were written, there is news to write. */
function shapedHere(shaping: Shaping): number {
  return Object.keys(shaping.runs).length - shaping.taken;
}

/**
 * Write the words this process shaped beyond those its caches held, for the next
 * process. A cache that cannot be written is left as it is: it only saves time.
 */
export async function saveShaping(): Promise<void> {
  for (const entry of restored.values()) {
    const shaping = shapingOf(entry.font);
    if (shaping.measured <= entry.widths && shapedHere(shaping) <= entry.runs) continue;
    // Another process (a batch's other worker) may have written words since: keep them too.
    const text = readPlain(entry.file);
    const theirs = text === undefined ? undefined : parseStored(text, entry.hash);
    if (theirs) take(theirs, entry.font);
    const runs: [string, StoredRun][] = Object.entries(shaping.runs).map(([word, run]) => [word, storedRun(run)]);
    // The cache's words this process did not use are kept, those of the expected form.
    for (const [word, run] of shaping.storedRuns) if (isStoredRun(run, entry.font)) runs.push([word, run]);
    const stored: Stored = {
      format: FORMAT,
      font: entry.hash,
      // The cache's widths this process did not use are kept too; each is checked when used.
      widths: Object.fromEntries([...shaping.storedWidths, ...shaping.widths].slice(-MAX_ENTRIES)),
      runs: Object.fromEntries(runs.slice(0, MAX_ENTRIES)),
    };
    // Checked again now: the folder may have been swapped for a link since it was read.
    if (!cacheDir(entry.root)) continue;
    try {
      await writeFileAtomic(entry.file, new TextEncoder().encode(JSON.stringify(stored)), 'the shaping cache');
      entry.widths = shaping.measured;
      entry.runs = shapedHere(shaping);
    } catch {
      // Read-only project or full disk: the next process shapes these words again.
    }
  }
}
