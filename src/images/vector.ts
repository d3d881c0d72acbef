/**
 * SVG of the simple kind our pictograms and most logos are (paths and basic
 * shapes with fill, stroke and transforms), parsed once into a list of shapes
 * that drawing replays with pdfkit. svg-to-pdfkit re-parses the SVG for every
 * document and was a third of a leaflet's drawing time; anything beyond this
 * subset (text, gradients, <use>, CSS) still goes to it.
 */
import { Parser } from 'htmlparser2';
import { parseSvgColour, type SvgColour } from './svg-colour.js';

/** [a, b, c, d, e, f] as in SVG's matrix(). */
export type Matrix = [number, number, number, number, number, number];

export interface VectorStyle {
  /** #rrggbb, or undefined for no paint; a colour's alpha is in the opacity. */
  fill: string | undefined;
  stroke: string | undefined;
  strokeWidth: number;
  lineCap: 'butt' | 'round' | 'square';
  lineJoin: 'miter' | 'round' | 'bevel';
  fillOpacity: number;
  strokeOpacity: number;
}

export type VectorShape =
  | { kind: 'path'; d: string }
  | { kind: 'rect'; x: number; y: number; width: number; height: number; rx: number }
  | { kind: 'circle'; cx: number; cy: number; r: number }
  | { kind: 'ellipse'; cx: number; cy: number; rx: number; ry: number }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number }
  | { kind: 'polygon'; points: [number, number][]; closed: boolean };

export interface VectorOp {
  shape: VectorShape;
  style: VectorStyle;
  matrix: Matrix;
}

export interface VectorPicture {
  viewBox: [number, number, number, number];
  ops: VectorOp[];
}

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const SHAPES = new Set(['path', 'rect', 'circle', 'ellipse', 'line', 'polygon', 'polyline']);
const STYLE_ATTRIBUTES = new Set([
  'color',
  'fill',
  'stroke',
  'stroke-width',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'fill-opacity',
  'stroke-opacity',
]);
const GEOMETRY = new Set([
  'd',
  'x',
  'y',
  'width',
  'height',
  'rx',
  'ry',
  'cx',
  'cy',
  'r',
  'x1',
  'y1',
  'x2',
  'y2',
  'points',
]);
const DESCRIPTIVE = new Set(['title', 'desc']);
const IGNORED = new Set(['xmlns', 'viewBox', 'version', 'id', 'transform']);

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

function numbers(text: string): number[] {
  return (text.match(/-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?/gi) ?? []).map(Number);
}

/** An SVG transform list as one matrix; undefined for a form we do not read. */
function parseTransform(text: string | undefined): Matrix | undefined {
  if (!text) return IDENTITY;
  let m = IDENTITY;
  for (const [, name, args] of text.matchAll(/(\w+)\s*\(([^)]*)\)/g)) {
    const v = numbers(args ?? '');
    let t: Matrix;
    if (name === 'matrix' && v.length === 6) t = v as Matrix;
    else if (name === 'translate') t = [1, 0, 0, 1, v[0] ?? 0, v[1] ?? 0];
    else if (name === 'scale') t = [v[0] ?? 1, 0, 0, v[1] ?? v[0] ?? 1, 0, 0];
    else if (name === 'rotate') {
      const a = ((v[0] ?? 0) * Math.PI) / 180;
      const [cx, cy] = [v[1] ?? 0, v[2] ?? 0];
      t = multiply(multiply([1, 0, 0, 1, cx, cy], [Math.cos(a), Math.sin(a), -Math.sin(a), Math.cos(a), 0, 0]), [
        1,
        0,
        0,
        1,
        -cx,
        -cy,
      ]);
    } else return undefined;
    m = multiply(m, t);
  }
  return m;
}

type Paint = Exclude<SvgColour, { kind: 'inherit' }>;

/** A style as it is inherited: paints may still be currentColor, resolved at each shape. */
interface Cascaded extends Omit<VectorStyle, 'fill' | 'stroke'> {
  fill: Paint;
  stroke: Paint;
  /** The `color` property, which currentColor names. */
  color: Paint;
}

/** An attribute's paint, the inherited one when it is absent; undefined for a value this subset does not draw. */
function paintOf(value: string | undefined, inherited: Paint): Paint | undefined {
  if (value === undefined) return inherited;
  const colour = parseSvgColour(value);
  if (colour?.kind === 'inherit') return inherited;
  return colour;
}

function cascade(a: Record<string, string>, parent: Cascaded): Cascaded | undefined {
  const opacity = a.opacity !== undefined ? Number(a.opacity) : 1;
  const color = paintOf(a.color, parent.color);
  const fill = paintOf(a.fill, parent.fill);
  const stroke = paintOf(a.stroke, parent.stroke);
  if (!color || !fill || !stroke) return undefined;
  return {
    // `color: currentColor` is its parent's colour.
    color: color.kind === 'current' ? parent.color : color,
    fill,
    stroke,
    strokeWidth: a['stroke-width'] !== undefined ? Number(a['stroke-width']) : parent.strokeWidth,
    lineCap: (a['stroke-linecap'] as VectorStyle['lineCap']) ?? parent.lineCap,
    lineJoin: (a['stroke-linejoin'] as VectorStyle['lineJoin']) ?? parent.lineJoin,
    fillOpacity: parent.fillOpacity * opacity * (a['fill-opacity'] !== undefined ? Number(a['fill-opacity']) : 1),
    strokeOpacity:
      parent.strokeOpacity * opacity * (a['stroke-opacity'] !== undefined ? Number(a['stroke-opacity']) : 1),
  };
}

/** A paint as a colour and its alpha; none for nothing to draw. */
function resolve(paint: Paint, color: Paint): { hex: string; alpha: number } | undefined {
  const used = paint.kind === 'current' ? color : paint;
  return used.kind === 'rgb' && used.alpha > 0 ? used : undefined;
}

function styleOf({ fill, stroke, color, ...rest }: Cascaded): VectorStyle {
  const [f, s] = [resolve(fill, color), resolve(stroke, color)];
  return {
    ...rest,
    fill: f?.hex,
    stroke: s?.hex,
    fillOpacity: rest.fillOpacity * (f?.alpha ?? 1),
    strokeOpacity: rest.strokeOpacity * (s?.alpha ?? 1),
  };
}

function shapeOf(name: string, a: Record<string, string>): VectorShape {
  const num = (k: string, d = 0) => (a[k] !== undefined ? Number(a[k]) : d);
  switch (name) {
    case 'path':
      return { kind: 'path', d: a.d ?? '' };
    case 'rect':
      return {
        kind: 'rect',
        x: num('x'),
        y: num('y'),
        width: num('width'),
        height: num('height'),
        rx: num('rx', num('ry')),
      };
    case 'circle':
      return { kind: 'circle', cx: num('cx'), cy: num('cy'), r: num('r') };
    case 'ellipse':
      return { kind: 'ellipse', cx: num('cx'), cy: num('cy'), rx: num('rx'), ry: num('ry') };
    case 'line':
      return { kind: 'line', x1: num('x1'), y1: num('y1'), x2: num('x2'), y2: num('y2') };
    default: {
      const v = numbers(a.points ?? '');
      const points: [number, number][] = [];
      for (let i = 0; i + 1 < v.length; i += 2) points.push([v[i] as number, v[i + 1] as number]);
      return { kind: 'polygon', points, closed: name === 'polygon' };
    }
  }
}

/** The shapes of an SVG, or undefined when it uses anything beyond the simple subset. */
export function parseVector(svg: string): VectorPicture | undefined {
  let viewBox: VectorPicture['viewBox'] | undefined;
  let supported = true;
  /** How deep inside <title> or <desc> the parser is. */
  let described = 0;
  const ops: VectorOp[] = [];
  const black: Paint = { kind: 'rgb', hex: '#000000', alpha: 1 };
  const base: Cascaded = {
    color: black,
    fill: black,
    stroke: { kind: 'none' },
    strokeWidth: 1,
    lineCap: 'butt',
    lineJoin: 'miter',
    fillOpacity: 1,
    strokeOpacity: 1,
  };
  const stack: { style: Cascaded; matrix: Matrix }[] = [{ style: base, matrix: IDENTITY }];
  const parser = new Parser(
    {
      onopentag(name, a) {
        const parent = stack.at(-1) as { style: Cascaded; matrix: Matrix };
        // A title or description names the picture for its author; nothing in it is drawn.
        if (described > 0 || DESCRIPTIVE.has(name)) {
          if (DESCRIPTIVE.has(name)) described++;
          stack.push(parent);
          return;
        }
        const known = (k: string) => STYLE_ATTRIBUTES.has(k) || GEOMETRY.has(k) || IGNORED.has(k);
        const transform = parseTransform(a.transform);
        const style = cascade(a, parent.style);
        if (
          !transform ||
          !style ||
          !Object.keys(a).every(known) ||
          (name !== 'svg' && name !== 'g' && !SHAPES.has(name))
        ) {
          supported = false;
          stack.push(parent);
          return;
        }
        if (name === 'svg') {
          const v = numbers(a.viewBox ?? '');
          if (v.length === 4) viewBox = v as VectorPicture['viewBox'];
        }
        const frame = { style, matrix: multiply(parent.matrix, transform) };
        stack.push(frame);
        if (SHAPES.has(name)) ops.push({ shape: shapeOf(name, a), style: styleOf(style), matrix: frame.matrix });
      },
      onclosetag(name) {
        stack.pop();
        if (DESCRIPTIVE.has(name)) described--;
      },
      ontext(text) {
        if (described === 0 && text.trim() !== '') supported = false;
      },
    },
    { xmlMode: true, recognizeSelfClosing: true },
  );
  parser.end(svg);
  return supported && viewBox ? { viewBox, ops } : undefined;
}

/** A parsed picture as SVG text again (for a QR code, which has no source SVG). */
export function vectorSvg(picture: VectorPicture): string {
  const shapes = picture.ops.map(({ shape, style, matrix }) => {
    const paint = `fill="${style.fill ?? 'none'}"${style.stroke ? ` stroke="${style.stroke}" stroke-width="${style.strokeWidth}"` : ''} transform="matrix(${matrix.join(' ')})"`;
    if (shape.kind === 'path') return `<path d="${shape.d}" ${paint}/>`;
    if (shape.kind === 'rect')
      return `<rect x="${shape.x}" y="${shape.y}" width="${shape.width}" height="${shape.height}" rx="${shape.rx}" ${paint}/>`;
    if (shape.kind === 'circle') return `<circle cx="${shape.cx}" cy="${shape.cy}" r="${shape.r}" ${paint}/>`;
    if (shape.kind === 'ellipse')
      return `<ellipse cx="${shape.cx}" cy="${shape.cy}" rx="${shape.rx}" ry="${shape.ry}" ${paint}/>`;
    if (shape.kind === 'line')
      return `<line x1="${shape.x1}" y1="${shape.y1}" x2="${shape.x2}" y2="${shape.y2}" ${paint}/>`;
    return `<${shape.closed ? 'polygon' : 'polyline'} points="${shape.points.map((p) => p.join(',')).join(' ')}" ${paint}/>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${picture.viewBox.join(' ')}">${shapes.join('')}</svg>`;
}
