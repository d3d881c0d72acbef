/**
 * Reading a PDF back as a reader would see it: pages with their size, the lines
 * of text in reading order with positions, fonts, links and metadata.
 */
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface TextLine {
  text: string;
  /** From the top of the page, in points: the baseline. */
  y: number;
  x: number;
  fontSize: number;
}

export interface PageContent {
  width: number;
  height: number;
  lines: TextLine[];
  text: string;
  links: string[];
  fonts: { name: string; embedded: boolean }[];
}

export interface PdfContent {
  pages: PageContent[];
  info: Record<string, unknown>;
  metadata: string | undefined;
  outline: { title: string }[];
  text: string;
}

interface TextItem {
  str: string;
  transform: number[];
  height: number;
}

/** Items on one baseline (within 1 pt) become one line, left to right. */
function toLines(items: TextItem[], pageHeight: number): TextLine[] {
  const rows: { y: number; items: TextItem[] }[] = [];
  for (const item of items) {
    if (item.str === '') continue;
    const y = pageHeight - (item.transform[5] as number);
    const row = rows.find((r) => Math.abs(r.y - y) < 1);
    if (row) row.items.push(item);
    else rows.push({ y, items: [item] });
  }
  return rows
    .sort((a, b) => a.y - b.y)
    .map((r) => {
      const sorted = r.items.sort((a, b) => (a.transform[4] as number) - (b.transform[4] as number));
      return {
        text: sorted
          .map((i) => i.str)
          .join('')
          .replace(/\s+/g, ' ')
          .trim(),
        y: r.y,
        x: sorted[0]?.transform[4] as number,
        fontSize: Math.abs(sorted[0]?.transform[3] as number),
      };
    });
}

export async function readPdf(data: Uint8Array): Promise<PdfContent> {
  const doc = await getDocument({
    data: new Uint8Array(data),
    verbosity: 0,
    disableFontFace: true,
    useSystemFonts: false,
  }).promise;
  const pages: PageContent[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const { width, height } = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const lines = toLines(content.items as TextItem[], height);
    const annotations = await page.getAnnotations();
    const ops = await page.getOperatorList();
    const fontIds = new Set<string>();
    ops.fnArray.forEach((fn, i) => {
      if (fn === OPS.setFont) fontIds.add((ops.argsArray[i] as [string])[0]);
    });
    const fonts = [...fontIds].map((id) => {
      const font = page.commonObjs.get(id) as { name: string; missingFile: boolean };
      return { name: font.name, embedded: !font.missingFile };
    });
    pages.push({
      width,
      height,
      lines,
      text: lines.map((l) => l.text).join('\n'),
      links: annotations
        .filter((a: { subtype: string }) => a.subtype === 'Link')
        .map((a: { url?: string }) => a.url ?? ''),
      fonts,
    });
  }
  const meta = await doc.getMetadata();
  const outline = ((await doc.getOutline()) ?? []) as { title: string }[];
  await doc.destroy();
  return {
    pages,
    info: meta.info as Record<string, unknown>,
    metadata: meta.metadata?.getRaw?.() as string | undefined,
    outline,
    text: pages.map((p) => p.text).join('\n'),
  };
}

/** A path painted on a page: its colour (#rrggbb, black when none was set) and opacity. */
export interface Paint {
  kind: 'fill' | 'stroke';
  colour: string;
  opacity: number;
}

const FILLS = new Set<number>([OPS.fill, OPS.eoFill]);
const STROKES = new Set<number>([OPS.stroke, OPS.closeStroke]);
const BOTH = new Set<number>([OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);

/** Every path a page fills or strokes, in drawing order, forms (placed pictures) included. */
export async function paintsOf(data: Uint8Array, pageNumber = 1): Promise<Paint[]> {
  const doc = await getDocument({ data: new Uint8Array(data), verbosity: 0 }).promise;
  const ops = await (await doc.getPage(pageNumber)).getOperatorList();
  await doc.destroy();
  let state = { fill: '#000000', stroke: '#000000', fillOpacity: 1, strokeOpacity: 1 };
  const saved: (typeof state)[] = [];
  const paints: Paint[] = [];
  const paint = (op: number) => {
    if (FILLS.has(op) || BOTH.has(op)) paints.push({ kind: 'fill', colour: state.fill, opacity: state.fillOpacity });
    if (STROKES.has(op) || BOTH.has(op))
      paints.push({ kind: 'stroke', colour: state.stroke, opacity: state.strokeOpacity });
  };
  ops.fnArray.forEach((fn, i) => {
    const args = ops.argsArray[i] as unknown[];
    if (fn === OPS.save || fn === OPS.paintFormXObjectBegin) saved.push({ ...state });
    else if (fn === OPS.restore || fn === OPS.paintFormXObjectEnd) state = saved.pop() ?? state;
    else if (fn === OPS.setFillRGBColor) state.fill = args[0] as string;
    else if (fn === OPS.setStrokeRGBColor) state.stroke = args[0] as string;
    else if (fn === OPS.setGState) {
      for (const [key, value] of args[0] as [string, unknown][]) {
        if (key === 'ca') state.fillOpacity = value as number;
        if (key === 'CA') state.strokeOpacity = value as number;
      }
    } else if (fn === OPS.constructPath) paint(args[0] as number);
    else paint(fn);
  });
  return paints;
}
