/**
 * The one place that touches sharp: any logo or photo a clinic brings becomes
 * what a PDF needs, once. Upright (EXIF applied), no metadata (phone photos carry
 * GPS), 8-bit sRGB, flattened onto white, at most 300 dpi where it is placed,
 * JPEG for photos and PNG for flat art. Results are cached by content hash and
 * target size, in memory and on disk.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HandoutError } from '../diagnostics.js';

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
  const { default: sharp } = await import('sharp');
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
  if (/truncated|premature end|corrupt/i.test(message)) return 'the file is truncated or corrupt';
  return message.split('\n')[0] ?? message;
}

async function readCache(dir: string, key: string): Promise<RasterImage | undefined> {
  try {
    const meta = JSON.parse(await readFile(path.join(dir, `${key}.json`), 'utf8')) as Omit<RasterImage, 'data'>;
    return { ...meta, data: await readFile(path.join(dir, `${key}.${meta.format}`)) };
  } catch {
    return undefined;
  }
}

async function writeCache(dir: string, key: string, image: RasterImage): Promise<void> {
  await mkdir(dir, { recursive: true });
  const { data, ...meta } = image;
  // Data first, then the record that points at it, each renamed into place: a reader never sees half a file.
  for (const [name, content] of [
    [`${key}.${image.format}`, data],
    [`${key}.json`, JSON.stringify(meta)],
  ] as const) {
    const tmp = path.join(dir, `${name}.${process.pid}.tmp`);
    await writeFile(tmp, content);
    await rename(tmp, path.join(dir, name));
  }
}
