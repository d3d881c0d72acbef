/**
 * The one place that touches sharp: any logo or photo a clinic brings becomes
 * what a PDF needs, once. Upright (EXIF applied), no metadata (phone photos carry
 * GPS), 8-bit sRGB, flattened onto white, at most 300 dpi where it is placed,
 * JPEG for photos and PNG for flat art. Results are cached by content hash and
 * target size, in memory and on disk.
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { z } from 'zod';
import { describeIoError } from '../content/files.js';
import { HandoutError } from '../diagnostics.js';
import { threadId } from '../thread-id.js';

export interface RasterImage {
  data: Buffer;
  format: 'jpeg' | 'png';
  width: number;
  height: number;
}

/** A larger header than this is refused before decoding: a decompression bomb. */
export const MAX_INPUT_PIXELS = 80_000_000;
const PHOTO_FORMATS = new Set(['jpeg', 'webp', 'avif', 'heif', 'tiff']);

let sharpCalls = 0;
/** How many images went through sharp in this process (the cache's effect, for tests and the benchmark). */
export function sharpCallCount(): number {
  return sharpCalls;
}

const memory = new Map<string, Promise<RasterImage>>();

/** Drop the in-memory results, as a new process starts without them (the disk cache stays). */
export function forgetRasterMemory(): void {
  memory.clear();
}

/**
 * Normalise an image for a box of `widthPt` points (the longest side it may be
 * drawn at). `file` names the image in errors.
 */
export function prepareRaster(input: Buffer, file: string, widthPt: number, cacheDir?: string): Promise<RasterImage> {
  const maxPixels = Math.round((widthPt / 72) * 300);
  const key = createHash('sha256').update(input).update(`|${maxPixels}|v1`).digest('hex');
  let result = memory.get(key);
  if (!result) {
    result = fromDiskOrSharp(key, input, file, maxPixels, cacheDir);
    memory.set(key, result);
    result.catch(() => memory.delete(key));
  }
  return result;
}

async function fromDiskOrSharp(
  key: string,
  input: Buffer,
  file: string,
  maxPixels: number,
  cacheDir?: string,
): Promise<RasterImage> {
  const cached = cacheDir ? await readCache(cacheDir, key) : undefined;
  if (cached) return cached;
  const image = await normalise(input, file, maxPixels);
  if (cacheDir) await writeCache(cacheDir, key, image);
  return image;
}

async function normalise(input: Buffer, file: string, maxPixels: number): Promise<RasterImage> {
  sharpCalls++;
  // Loaded on first use: most handouts have only vector pictures, and sharp costs 60 ms to load.
  // require(), not import(): the command line's startup snapshot (src/cli/snapshot.ts) has no import().
  const sharp = createRequire(import.meta.url)('sharp') as typeof import('sharp').default;
  try {
    const source = sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'truncated', autoOrient: true });
    const meta = await source.metadata();
    const format = PHOTO_FORMATS.has(meta.format ?? '') ? 'jpeg' : 'png';
    let pipeline = source
      .resize({ width: maxPixels, height: maxPixels, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb');
    pipeline =
      format === 'jpeg'
        ? pipeline.jpeg({ quality: 85, mozjpeg: false })
        : pipeline.png({ palette: true, compressionLevel: 9 });
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
    return { data, format, width: info.width, height: info.height };
  } catch (error) {
    throw new HandoutError({ file, message: `cannot use image: ${imageProblem(error)}` });
  }
}

function imageProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message))
    return `it is larger than ${MAX_INPUT_PIXELS.toLocaleString('en')} pixels (a decompression bomb?)`;
  if (/unsupported image format/i.test(message))
    return 'it is not an image sharp can read (JPEG, PNG, WebP, AVIF, TIFF, GIF or SVG)';
  if (/buffer is empty/i.test(message)) return 'the file is empty';
  if (/truncated|premature end|corrupt|read error|invalid|bad/i.test(message))
    return 'the file is truncated or corrupt';
  return `it could not be decoded (${message.split('\n')[0] ?? message})`;
}

/** What the cache keeps beside an image's bytes; everything is checked, nothing in it is a path. */
const CacheMeta = z.strictObject({
  format: z.enum(['jpeg', 'png']),
  width: z.number().int().positive().max(100_000),
  height: z.number().int().positive().max(100_000),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

const MAGIC = { jpeg: Buffer.from([0xff, 0xd8, 0xff]), png: Buffer.from([0x89, 0x50, 0x4e, 0x47]) };

/** Read a regular file of the cache, never through a symbolic link (a restored cache may hold one). */
async function readPlain(file: string): Promise<Buffer> {
  const handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    if (!(await handle.stat()).isFile()) throw new Error('not a file');
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/**
 * A cached image, or undefined when there is none or it cannot be trusted: the
 * cache may come from anywhere (a CI cache restored from another run), so its
 * record must have the expected form and its bytes the recorded hash. Anything
 * else is made again and overwritten.
 */
async function readCache(dir: string, key: string): Promise<RasterImage | undefined> {
  try {
    const meta = CacheMeta.parse(JSON.parse((await readPlain(path.join(dir, `${key}.json`))).toString('utf8')));
    const data = await readPlain(path.join(dir, `${key}.${meta.format}`));
    const hash = createHash('sha256').update(data).digest('hex');
    if (hash !== meta.sha256 || !data.subarray(0, MAGIC[meta.format].length).equals(MAGIC[meta.format]))
      return undefined;
    return { format: meta.format, width: meta.width, height: meta.height, data };
  } catch {
    return undefined;
  }
}

/** The cache folder must be a folder of this project, not a link to somewhere else on the disk. */
async function checkCacheDir(dir: string): Promise<void> {
  for (const folder of [path.dirname(dir), dir]) {
    const info = await lstat(folder).catch(() => undefined);
    if (info && !info.isDirectory())
      throw new HandoutError({
        file: shownPath(folder),
        message: info.isSymbolicLink()
          ? 'the image cache is a symbolic link; it must be a folder inside the project'
          : 'the image cache is not a folder',
        hint: `delete ${shownPath(folder)}; it is made again`,
      });
  }
}

function shownPath(file: string): string {
  return path.relative(process.cwd(), file) || file;
}

async function writeCache(dir: string, key: string, image: RasterImage): Promise<void> {
  const { data, format, width, height } = image;
  const meta = { format, width, height, sha256: createHash('sha256').update(data).digest('hex') };
  try {
    await checkCacheDir(dir);
    await mkdir(dir, { recursive: true });
    // Data first, then the record that points at it, each renamed into place: a reader never sees half a file.
    for (const [name, content] of [
      [`${key}.${format}`, data],
      [`${key}.json`, JSON.stringify(meta)],
    ] as const) {
      // Worker threads share the process id: the thread id keeps their temporary files apart.
      const tmp = path.join(dir, `${name}.${process.pid}-${threadId()}.tmp`);
      try {
        await writeFile(tmp, content);
        await rename(tmp, path.join(dir, name));
      } catch (error) {
        await rm(tmp, { force: true }).catch(() => undefined);
        throw error;
      }
    }
  } catch (error) {
    if (error instanceof HandoutError) throw error;
    throw new HandoutError(
      {
        file: shownPath(dir),
        message: `cannot write the image cache: ${describeIoError(error)}`,
        hint: 'make .cache/ writable and give it free space, or delete it',
      },
      { cause: error },
    );
  }
}
