/**
 * Every picture a handout names, made ready to draw: pictograms generated from
 * their pose scene in the brand's colours, SVG files as vectors, and raster
 * files through the sharp pipeline.
 */
import { readFile } from 'node:fs/promises';
import { projectFile } from '../content/files.js';
import { validate } from '../content/json.js';
import type { Library } from '../content/library.js';
import { HandoutError } from '../diagnostics.js';
import { pictogramSvg } from '../pictures/pictogram.js';
import { type Palette, SceneSchema } from '../pictures/scene.js';
import { qrPicture } from './qr.js';
import { prepareRaster, type RasterImage } from './raster.js';
import { parseVector, type VectorPicture, vectorSvg } from './vector.js';

export type PreparedPicture =
  | { kind: 'vector'; vector: VectorPicture; svg: string; aspect: number }
  | { kind: 'svg'; svg: string; aspect: number }
  | { kind: 'raster'; image: RasterImage; aspect: number };

const parsed = new Map<string, VectorPicture | undefined>();

/** An SVG as parsed vector shapes when it is simple enough, else as text for svg-to-pdfkit. */
function svgPicture(svg: string, file: string): PreparedPicture {
  if (!parsed.has(svg)) parsed.set(svg, parseVector(svg));
  const vector = parsed.get(svg);
  const aspect = svgAspect(svg, file);
  return vector ? { kind: 'vector', vector, svg, aspect } : { kind: 'svg', svg, aspect };
}

export interface PictureContext {
  library: Library;
  palette: Palette;
  /** The widest a picture is ever drawn, in points: raster images are scaled for it. */
  maxWidth: number;
  cacheDir?: string;
}

/** Width over height from an SVG's viewBox (or width and height). */
export function svgAspect(svg: string, file: string): number {
  const box = /viewBox\s*=\s*["']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)/.exec(svg);
  const w = Number(box?.[1] ?? /\bwidth\s*=\s*["']([\d.]+)/.exec(svg)?.[1] ?? Number.NaN);
  const h = Number(box?.[2] ?? /\bheight\s*=\s*["']([\d.]+)/.exec(svg)?.[1] ?? Number.NaN);
  if (!(w > 0 && h > 0))
    throw new HandoutError({
      file,
      message: 'SVG has no viewBox or width and height',
      hint: 'add viewBox="0 0 W H" to the <svg> element',
    });
  return w / h;
}

const pictograms = new Map<string, string>();

function pictogram(id: string, ctx: PictureContext): PreparedPicture {
  const failed = ctx.library.broken.get(`pictures/${id}`);
  if (failed) throw failed;
  const doc = ctx.library.pictures.get(id);
  if (!doc) throw new HandoutError({ file: `content/pictures/${id}.json`, message: `unknown picture "${id}"` });
  const key = `${id}|${JSON.stringify(ctx.palette)}`;
  let svg = pictograms.get(key);
  if (!svg) {
    svg = pictogramSvg(validate(doc, SceneSchema), ctx.palette);
    pictograms.set(key, svg);
  }
  return svgPicture(svg, doc.file);
}

async function assetPicture(ref: string, ctx: PictureContext, from: { file: string }): Promise<PreparedPicture> {
  const file = await projectFile(ctx.library.root, ref, from);
  const data = await readFile(file);
  if (ref.endsWith('.svg')) {
    return svgPicture(data.toString('utf8'), ref);
  }
  const image = await prepareRaster(data, ref, ctx.maxWidth, ctx.cacheDir);
  return { kind: 'raster', image, aspect: image.width / image.height };
}

/** QR codes by the address they hold: made once per process, so that drawing can reuse their form too. */
const qrCodes = new Map<string, Promise<PreparedPicture>>();

function qrCode(href: string): Promise<PreparedPicture> {
  let picture = qrCodes.get(href);
  if (!picture) {
    picture = qrPicture(href).then((vector) => ({ kind: 'vector', vector, svg: vectorSvg(vector), aspect: 1 }));
    qrCodes.set(href, picture);
  }
  return picture;
}

export async function preparePicture(
  ref: string,
  ctx: PictureContext,
  from: { file: string },
): Promise<PreparedPicture> {
  if (ref.startsWith('qr:')) return qrCode(ref.slice(3));
  return ref.startsWith('assets/') ? assetPicture(ref, ctx, from) : pictogram(ref, ctx);
}

/** All pictures at once; every failure is reported, not just the first. */
export async function preparePictures(
  refs: Iterable<string>,
  ctx: PictureContext,
  from: { file: string },
): Promise<Map<string, PreparedPicture>> {
  const unique = [...new Set(refs)];
  const settled = await Promise.allSettled(unique.map((ref) => preparePicture(ref, ctx, from)));
  const problems = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason] : []));
  if (problems.length > 0) {
    const known = problems.filter((p): p is HandoutError => p instanceof HandoutError);
    if (known.length < problems.length) throw problems.find((p) => !(p instanceof HandoutError));
    throw new HandoutError(known.flatMap((p) => p.diagnostics));
  }
  return new Map(unique.map((ref, i) => [ref, (settled[i] as PromiseFulfilledResult<PreparedPicture>).value]));
}
