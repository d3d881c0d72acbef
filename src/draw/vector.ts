/** Replaying a parsed vector picture with pdfkit, fitted into a box as SVG's "xMidYMid meet" would. */
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

export function drawVector(
  doc: PDFKit.PDFDocument,
  picture: VectorPicture,
  x: number,
  y: number,
  width: number,
  height: number,
): void {
  const [vx, vy, vw, vh] = picture.viewBox;
  const k = Math.min(width / vw, height / vh);
  doc.save();
  doc
    .translate(x + (width - vw * k) / 2, y + (height - vh * k) / 2)
    .scale(k)
    .translate(-vx, -vy);
  // Like an SVG viewport, nothing shows outside the viewBox.
  doc.rect(vx, vy, vw, vh).clip();
  for (const op of picture.ops) {
    doc.save();
    doc.transform(...op.matrix);
    trace(doc, op);
    paint(doc, op);
    doc.restore();
  }
  doc.restore();
}
