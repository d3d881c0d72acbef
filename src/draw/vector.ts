/**
 * Drawing a parsed vector picture, fitted into a box as SVG's "xMidYMid meet"
 * would. A picture is drawn as a form XObject: its operators are made (and
 * deflated) once per process, written once per document, and every use places
 * it by reference. Pictograms and logos come back on every page and in every
 * document, and re-parsing their paths each time was a large part of drawing.
 */
import { deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import type { VectorOp, VectorPicture } from '../images/vector.js';

function trace(doc: PDFKit.PDFDocument, op: VectorOp): void {
  const s = op.shape;
  switch (s.kind) {
    case 'path':
      doc.path(s.d);
      break;
    case 'rect':
      if (s.rx > 0) doc.roundedRect(s.x, s.y, s.width, s.height, s.rx);
      else doc.rect(s.x, s.y, s.width, s.height);
      break;
    case 'circle':
      doc.circle(s.cx, s.cy, s.r);
      break;
    case 'ellipse':
      doc.ellipse(s.cx, s.cy, s.rx, s.ry);
      break;
    case 'line':
      doc.moveTo(s.x1, s.y1).lineTo(s.x2, s.y2);
      break;
    case 'polygon':
      for (const [i, [x, y]] of s.points.entries()) {
        if (i === 0) doc.moveTo(x, y);
        else doc.lineTo(x, y);
      }
      if (s.closed) doc.closePath();
      break;
  }
}

function paint(doc: PDFKit.PDFDocument, op: VectorOp): void {
  const { fill, stroke, strokeWidth, lineCap, lineJoin, fillOpacity, strokeOpacity } = op.style;
  // A line has no inside: SVG never fills it.
  const filled = fill !== undefined && op.shape.kind !== 'line';
  if (stroke) doc.lineWidth(strokeWidth).lineCap(lineCap).lineJoin(lineJoin).strokeOpacity(strokeOpacity);
  if (filled) doc.fillOpacity(fillOpacity);
  if (filled && stroke) doc.fillAndStroke(fill, stroke);
  else if (filled) doc.fill(fill);
  else if (stroke) doc.stroke(stroke);
}

/** A picture's operators, deflated, and the graphics states (opacities) they name. */
interface RecordedPicture {
  stream: Uint8Array;
  states: Record<string, object>;
}

const recorded = new WeakMap<VectorPicture, RecordedPicture>();
let scratch: PDFKit.PDFDocument | undefined;

/**
 * pdfkit turns shapes and SVG path data into operators: let it write them into
 * a stand-in page of a scratch document that is never output, and keep them.
 */
function record(picture: VectorPicture): RecordedPicture {
  scratch ??= new PDFDocument({ autoFirstPage: false, font: null as unknown as string });
  const lines: string[] = [];
  const states: Record<string, PDFKit.PDFKitReference> = {};
  // The part of a page that drawing shapes touches: the content stream and the opacities' graphics states.
  (scratch as { page: unknown }).page = { write: (chunk: string) => lines.push(chunk), ext_gstates: states };
  for (const op of picture.ops) {
    scratch.save();
    scratch.transform(...op.matrix);
    trace(scratch, op);
    paint(scratch, op);
    scratch.restore();
  }
  const text = lines.map((line) => `${line}\n`).join('');
  return {
    stream: deflateSync(Buffer.from(text, 'latin1')),
    states: Object.fromEntries(Object.entries(states).map(([name, ref]) => [name, ref.data])),
  };
}

/**
 * The form XObjects of one document: each picture written once, with the
 * graphics states its forms share, and placed by reference at every use.
 */
export class VectorForms {
  private readonly forms = new Map<VectorPicture, { name: string; form: PDFKit.PDFKitReference }>();
  private readonly states = new Map<string, PDFKit.PDFKitReference>();
  constructor(private readonly doc: PDFKit.PDFDocument) {}

  private state(data: object): PDFKit.PDFKitReference {
    const key = JSON.stringify(data);
    let state = this.states.get(key);
    if (!state) {
      state = this.doc.ref({ ...data });
      state.end(undefined);
      this.states.set(key, state);
    }
    return state;
  }

  private formFor(picture: VectorPicture) {
    let placed = this.forms.get(picture);
    if (!placed) {
      let made = recorded.get(picture);
      if (!made) {
        made = record(picture);
        recorded.set(picture, made);
      }
      const [vx, vy, vw, vh] = picture.viewBox;
      const form = this.doc.ref({
        Type: 'XObject',
        Subtype: 'Form',
        FormType: 1,
        BBox: [vx, vy, vx + vw, vy + vh],
        Resources: {
          ExtGState: Object.fromEntries(Object.entries(made.states).map(([name, data]) => [name, this.state(data)])),
        },
        // Deflated once per process; pdfkit leaves a stream that has a filter as it is.
        Filter: 'FlateDecode',
      });
      form.end(made.stream);
      placed = { name: `Fm${this.forms.size + 1}`, form };
      this.forms.set(picture, placed);
    }
    return placed;
  }

  draw(picture: VectorPicture, x: number, y: number, width: number, height: number): void {
    const { doc } = this;
    const { name, form } = this.formFor(picture);
    doc.page.xobjects[name] = form;
    const [vx, vy, vw, vh] = picture.viewBox;
    const k = Math.min(width / vw, height / vh);
    doc.save();
    doc
      .translate(x + (width - vw * k) / 2, y + (height - vh * k) / 2)
      .scale(k)
      .translate(-vx, -vy);
    // Like an SVG viewport, nothing shows outside the viewBox.
    doc.rect(vx, vy, vw, vh).clip();
    doc.addContent(`/${name} Do`);
    doc.restore();
  }
}
