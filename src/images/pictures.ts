/**
 * Every picture a handout names, made ready to draw: pictograms generated from
 * their pose scene in the brand's colours, SVG files as vectors, and raster
 * files through the sharp pipeline.
 */
import { readFileSync } from 'node:fs';
import { describeIoError, projectFile } from '../content/files.js';
import { diagnosticAt, type JsonPath, validate } from '../content/json.js';
import type { Library } from '../content/library.js';
import { parsePictureRef } from '../content/picture-ref.js';
import { MAX_ADDRESS } from '../content/schema.js';
import { type DiagnosticInit, HandoutError } from '../diagnostics.js';
import { pictogramSvg } from '../pictures/pictogram.js';
import { type Palette, SceneSchema } from '../pictures/scene.js';
import { qrPicture } from './qr.js';
import { prepareRaster, type RasterImage } from './raster.js';
import { svgProblems } from './svg-safety.js';
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

/** Where a string stands in a JSON value, or where an array starting with it does. */
function pathOfString(value: unknown, text: string, at: (string | number)[] = []): JsonPath | undefined {
  if (value === text) return at;
  if (Array.isArray(value) && value[0] === text) return at;
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = pathOfString(v, text, [...at, Array.isArray(value) ? Number(k) : k]);
      if (found) return found;
    }
  }
  return undefined;
}

function pictogram(id: string, ctx: PictureContext): PreparedPicture {
  const failed = ctx.library.broken.get(`pictures/${id}`);
  if (failed) throw failed;
  const doc = ctx.library.pictures.get(id);
  if (!doc) throw new HandoutError({ file: `content/pictures/${id}.json`, message: `unknown picture "${id}"` });
  // By the scene's text, not its id: another project (or an edited file) may give the id another scene.
  const key = `${doc.text}|${JSON.stringify(ctx.palette)}`;
  let svg = pictograms.get(key);
  if (!svg) {
    const scene = validate(doc, SceneSchema);
    try {
      svg = pictogramSvg(scene, ctx.palette);
    } catch (error) {
      // A scene that passes its schema can still name a figure it does not have ("1:near.hand").
      const message = error instanceof Error ? error.message : String(error);
      const ref = /^"([^"]+)"/.exec(message)?.[1];
      const at = ref === undefined ? undefined : pathOfString(doc.value, ref);
      throw new HandoutError(
        at
          ? diagnosticAt(
              doc,
              at,
              `cannot draw the pictogram: ${message}`,
              'count figures from 0, in the order of "figures"',
            )
          : { file: doc.file, message: `cannot draw the pictogram: ${message}` },
      );
    }
    pictograms.set(key, svg);
  }
  return svgPicture(svg, doc.file);
}

/** What svgProblems says of an SVG file, once per process: a brand's logo is in every document. */
const svgChecks = new Map<string, DiagnosticInit[]>();

function checkedSvg(svg: string, ref: string): DiagnosticInit[] {
  const key = `${ref}\n${svg}`;
  let problems = svgChecks.get(key);
  if (!problems) {
    problems = svgProblems(svg, ref);
    svgChecks.set(key, problems);
  }
  return problems;
}

async function assetPicture(ref: string, ctx: PictureContext, from: { file: string }): Promise<PreparedPicture> {
  const file = await projectFile(ctx.library.root, ref, from);
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch (error) {
    throw new HandoutError({ ...from, message: `cannot read "${ref}": ${describeIoError(error)}` });
  }
  if (/\.svg$/i.test(ref)) {
    const svg = data.toString('utf8');
    const problems = checkedSvg(svg, ref);
    if (problems.length > 0) throw new HandoutError(problems);
    return svgPicture(svg, ref);
  }
  const image = await prepareRaster(data, ref, ctx.maxWidth, ctx.cacheDir);
  return { kind: 'raster', image, aspect: image.width / image.height };
}

/** QR codes by the address they hold: made once per process, so that drawing can reuse their form too. */
const qrCodes = new Map<string, Promise<PreparedPicture>>();

function qrCode(href: string, from: { file: string }): Promise<PreparedPicture> {
  let picture = qrCodes.get(href);
  if (!picture) {
    picture = qrPicture(href).then((vector) => ({ kind: 'vector', vector, svg: vectorSvg(vector), aspect: 1 }));
    qrCodes.set(href, picture);
    picture.catch(() => qrCodes.delete(href));
  }
  return picture.catch(() => {
    throw new HandoutError({
      ...from,
      message: `the address ${JSON.stringify(href.slice(0, 60))}… (${href.length} characters) is too long for a QR code`,
      hint: `use an address of at most ${MAX_ADDRESS.toLocaleString('en')} characters`,
    });
  });
}

export async function preparePicture(
  ref: string,
  ctx: PictureContext,
  from: { file: string },
): Promise<PreparedPicture> {
  const named = parsePictureRef(ref);
  switch (named.kind) {
    case 'qr':
      return qrCode(named.href, from);
    case 'asset':
      return assetPicture(named.path, ctx, from);
    case 'pictogram':
      return pictogram(named.id, ctx);
  }
}

/** All pictures at once; every failure is reported, not just the first. */
export async function preparePictures(
  refs: Iterable<string>,
  ctx: PictureContext,
  from: { file: string },
  /** Pictures named elsewhere than `from` (a brand's logo, in its brand file), with their place. */
  places: ReadonlyMap<string, { file: string }> = new Map(),
): Promise<Map<string, PreparedPicture>> {
  const unique = [...new Set(refs)];
  const settled = await Promise.allSettled(unique.map((ref) => preparePicture(ref, ctx, places.get(ref) ?? from)));
  const problems = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason] : []));
  if (problems.length > 0) {
    const known = problems.filter((p): p is HandoutError => p instanceof HandoutError);
    if (known.length < problems.length) throw problems.find((p) => !(p instanceof HandoutError));
    throw new HandoutError(known.flatMap((p) => p.diagnostics));
  }
  return new Map(unique.map((ref, i) => [ref, (settled[i] as PromiseFulfilledResult<PreparedPicture>).value]));
}
