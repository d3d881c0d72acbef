/** A PDF page as pixels (pdfjs with its bundled canvas), to scan QR codes and look at pictures in tests. */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface Pixels {
  data: Uint8ClampedArray;
  width: number;
  height: number;
  /** Pixels per PDF point. */
  scale: number;
}

export async function renderPage(pdf: Uint8Array, pageNumber: number, scale = 4): Promise<Pixels> {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  const page = await doc.getPage(pageNumber);
  const viewport = page.getViewport({ scale });
  const factory = (
    doc as unknown as {
      canvasFactory: { create(w: number, h: number): { canvas: unknown; context: CanvasRenderingContext2D } };
    }
  ).canvasFactory;
  const { canvas, context } = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
  await page.render({ canvasContext: context, canvas, viewport } as unknown as Parameters<typeof page.render>[0])
    .promise;
  const image = context.getImageData(0, 0, Math.ceil(viewport.width), Math.ceil(viewport.height));
  await doc.destroy();
  return { data: image.data, width: image.width, height: image.height, scale };
}

/** A rectangle of a page (in points), with a white margin around it. */
export function crop(pixels: Pixels, x: number, y: number, width: number, height: number, margin = 8): Pixels {
  const k = pixels.scale;
  const [x0, y0] = [Math.max(0, Math.floor((x - margin) * k)), Math.max(0, Math.floor((y - margin) * k))];
  const [w, h] = [
    Math.min(pixels.width - x0, Math.ceil((width + 2 * margin) * k)),
    Math.min(pixels.height - y0, Math.ceil((height + 2 * margin) * k)),
  ];
  const data = new Uint8ClampedArray(w * h * 4);
  for (let row = 0; row < h; row++) {
    data.set(
      pixels.data.subarray(((y0 + row) * pixels.width + x0) * 4, ((y0 + row) * pixels.width + x0 + w) * 4),
      row * w * 4,
    );
  }
  return { data, width: w, height: h, scale: k };
}
