/**
 * Props: furniture and equipment drawn in scene coordinates. Each is a light
 * fill with a firm outline in the prop colour, so they sit back behind the
 * solid figure when printed in black and white.
 */
import type { Camera } from './body.js';
import { cos, sin, type Vec2 } from './geometry.js';
import type { Resolve } from './refs.js';
import type { Prop } from './scene.js';
import { el, mix, n } from './svg.js';

export interface PropColours {
  line: string;
  fill: string;
  soft: string;
  floor: string;
  paper: string;
}

export function propColours(prop: string, floor: string, paper: string): PropColours {
  return { line: prop, fill: mix(prop, paper, 0.7), soft: mix(prop, paper, 0.88), floor, paper };
}

const SW = 3;
const outlined = (c: PropColours, fill = c.fill) => ({
  fill,
  stroke: c.line,
  'stroke-width': SW,
  'stroke-linejoin': 'round',
});
const rect = (x: number, y: number, w: number, h: number, rx: number, attrs: Record<string, string | number>): string =>
  el('rect', { x, y, width: w, height: h, rx, ...attrs });
const bar = (x1: number, y1: number, x2: number, y2: number, width: number, colour: string): string =>
  el('line', { x1, y1, x2, y2, stroke: colour, 'stroke-width': width, 'stroke-linecap': 'round' });

type Of<T extends Prop['type']> = Extract<Prop, { type: T }>;

/** A box seen by the scene camera: the visible faces of [length, height, depth]. */
function block(p: Of<'block'>, c: PropColours, cam: Camera): string {
  const [lx, ly, lz] = p.size;
  const project = (x: number, y: number, z: number): Vec2 => {
    const sx = x * cos(cam.turn) - z * sin(cam.turn);
    const d0 = x * sin(cam.turn) + z * cos(cam.turn);
    const up = y * cos(cam.tilt) - d0 * sin(cam.tilt);
    return { x: p.at[0] + sx, y: p.at[1] - up };
  };
  const hx = lx / 2;
  const hz = lz / 2;
  const face = (pts: [number, number, number][], fill: string) =>
    el('polygon', {
      points: pts
        .map(([x, y, z]) => project(x, y, z))
        .map((q) => `${n(q.x)},${n(q.y)}`)
        .join(' '),
      ...outlined(c, fill),
    });
  const top = p.soft ? c.soft : c.fill;
  const side = p.soft ? c.fill : c.line;
  const out: string[] = [];
  // Front (towards the viewer) and the end the camera is turned towards, then the top.
  out.push(
    face(
      [
        [-hx, 0, hz],
        [hx, 0, hz],
        [hx, -ly, hz],
        [-hx, -ly, hz],
      ],
      side,
    ),
  );
  const endX = sin(cam.turn) > 0.01 ? hx : sin(cam.turn) < -0.01 ? -hx : undefined;
  if (endX !== undefined)
    out.push(
      face(
        [
          [endX, 0, hz],
          [endX, 0, -hz],
          [endX, -ly, -hz],
          [endX, -ly, hz],
        ],
        side,
      ),
    );
  if (cam.tilt > 0)
    out.push(
      face(
        [
          [-hx, 0, -hz],
          [hx, 0, -hz],
          [hx, 0, hz],
          [-hx, 0, hz],
        ],
        top,
      ),
    );
  return out.join('');
}

function bed(p: Of<'bed'>, c: PropColours): string {
  const t = p.thickness ?? 22;
  const depth = p.depth ?? 0;
  const frameY = p.y + t;
  const out: string[] = [];
  if (p.headboard) {
    const hx = p.headboard === 'left' ? p.x - 10 : p.x + p.width;
    const bottom = p.floor ?? frameY + 10;
    out.push(rect(hx, p.y - depth - 46, 10, bottom - (p.y - depth - 46), 4, outlined(c)));
  }
  if (p.floor !== undefined) {
    for (const lx of [p.x + 12, p.x + p.width - 12]) out.push(bar(lx, frameY, lx, p.floor - 2, 8, c.line));
  }
  out.push(rect(p.x, frameY - 2, p.width, 9, 2, { fill: c.line }));
  out.push(rect(p.x, p.y - depth, p.width, t + depth, 8, outlined(c, c.soft)));
  if (depth > 0) out.push(bar(p.x + 4, p.y, p.x + p.width - 4, p.y, 2, c.line));
  return out.join('');
}

function pillow(p: Of<'pillow'>, c: PropColours): string {
  const w = p.width ?? 56;
  const h = p.height ?? 18;
  const transform = p.angle ? `rotate(${n(p.angle)} ${n(p.x)} ${n(p.y)})` : undefined;
  return el('rect', {
    x: p.x - w / 2,
    y: p.y - h / 2,
    width: w,
    height: h,
    rx: Math.min(h / 2, w / 2),
    ...outlined(c, c.paper),
    transform,
  });
}

function chair(p: Of<'chair'>, c: PropColours): string {
  const w = p.width ?? 46;
  const back = p.back ?? 62;
  const dirn = p.facing === 'left' ? -1 : 1;
  const backX = p.x - (dirn * w) / 2 + dirn * 3;
  const frontX = p.x + (dirn * w) / 2 - dirn * 4;
  return [
    bar(backX, p.floor - 2, backX - dirn * 5, p.y - back, 6, c.line),
    bar(frontX, p.y + 4, frontX + dirn * 2, p.floor - 2, 6, c.line),
    rect(backX - dirn * 5 - 5 + dirn * -1, p.y - back + 2, 10, back * 0.5, 5, outlined(c)),
    rect(p.x - w / 2, p.y, w, 7, 3, { fill: c.line }),
  ].join('');
}

function table(p: Of<'table'>, c: PropColours): string {
  const l = p.x - p.width / 2;
  const r = p.x + p.width / 2;
  const inset = Math.min(p.inset ?? 8, p.width / 2);
  return [
    bar(l + inset, p.y + 4, l + inset, p.floor - 2, 6, c.line),
    bar(r - inset, p.y + 4, r - inset, p.floor - 2, 6, c.line),
    rect(l, p.y, p.width, 8, 3, { fill: c.line }),
  ].join('');
}

function wall(p: Of<'wall'>, c: PropColours): string {
  const top = p.top ?? 0;
  const x = p.side === 'right' ? p.x : p.x - 16;
  return (
    el('rect', { x, y: top, width: 16, height: p.bottom - top, fill: c.fill }) +
    bar(p.x, top, p.x, p.bottom, SW, c.line)
  );
}

function box(p: Of<'box'>, c: PropColours): string {
  const w = p.width ?? 52;
  const h = p.height ?? 40;
  const l = p.x - w / 2;
  const top = p.y - h;
  return [
    rect(l, top, w, h, 3, outlined(c)),
    bar(l + 2, top + h * 0.25, l + w - 2, top + h * 0.25, 2, c.line),
    rect(p.x - w * 0.16, top + h * 0.42, w * 0.32, Math.max(5, h * 0.13), 3, { fill: c.line }),
  ].join('');
}

function wedge(p: Of<'wedge'>, c: PropColours): string {
  const w = p.width ?? 44;
  const thick = p.thick ?? 13;
  const thin = p.thin ?? 3;
  const l = p.x - w / 2;
  const r = p.x + w / 2;
  const [hl, hr] = p.thickEnd === 'left' ? [thick, thin] : [thin, thick];
  const points = [
    [l, p.y],
    [r, p.y],
    [r, p.y - hr],
    [l, p.y - hl],
  ]
    .map(([x, y]) => `${n(x as number)},${n(y as number)}`)
    .join(' ');
  // A mid tone, darker than other soft props, so the cushion stands out from the seat and the body.
  return el('polygon', { points, ...outlined(c, mix(c.line, c.paper, 0.45)) });
}

function ball(p: Of<'ball'>, c: PropColours): string {
  const seam = `M${n(p.x - p.r * 0.92)} ${n(p.y - p.r * 0.3)}Q${n(p.x)} ${n(p.y + p.r * 0.35)} ${n(p.x + p.r * 0.92)} ${n(p.y - p.r * 0.3)}`;
  return (
    el('circle', { cx: p.x, cy: p.y, r: p.r, ...outlined(c) }) +
    el('path', { d: seam, fill: 'none', stroke: c.line, 'stroke-width': 2, 'stroke-linecap': 'round' })
  );
}

function band(p: Of<'band'>, c: PropColours, resolve: Resolve): string {
  const a = resolve(p.from);
  const b = resolve(p.to);
  const sag = p.sag ?? 0;
  const d = `M${n(a.x)} ${n(a.y)}Q${n((a.x + b.x) / 2)} ${n((a.y + b.y) / 2 + sag * 2)} ${n(b.x)} ${n(b.y)}`;
  const stroke = (colour: string, width: number) =>
    el('path', { d, fill: 'none', stroke: colour, 'stroke-width': width, 'stroke-linecap': 'round' });
  // A flat elastic: a broad dark strip with a paper edge so it reads over the figure.
  return stroke(c.paper, 13) + stroke(c.line, 9) + stroke(c.fill, 2.5);
}

function dumbbell(p: Of<'dumbbell'>, c: PropColours, resolve: Resolve): string {
  const at: Vec2 = resolve(p.at);
  const a = p.angle ?? 0;
  const ux = cos(a);
  const uy = sin(a);
  const end = (k: number) => ({ x: at.x + ux * k, y: at.y + uy * k });
  const e1 = end(-14);
  const e2 = end(14);
  const plate = (q: Vec2) =>
    el('rect', {
      x: q.x - 5,
      y: q.y - 11,
      width: 10,
      height: 22,
      rx: 4,
      fill: c.line,
      transform: a ? `rotate(${n(a)} ${n(q.x)} ${n(q.y)})` : undefined,
    });
  return bar(e1.x, e1.y, e2.x, e2.y, 5, c.line) + plate(e1) + plate(e2);
}

/** Prop colours faded towards the paper, for props that belong to a ghost pose. */
export function ghostColours(c: PropColours): PropColours {
  return {
    line: mix(c.line, c.paper, 0.6),
    fill: mix(c.fill, c.paper, 0.6),
    soft: mix(c.soft, c.paper, 0.5),
    floor: mix(c.floor, c.paper, 0.6),
    paper: c.paper,
  };
}

/** SVG for one prop. */
export function propSvg(p: Prop, colours: PropColours, resolve: Resolve, width: number, cam: Camera): string {
  const c = p.ghost ? ghostColours(colours) : colours;
  switch (p.type) {
    case 'floor':
      return bar(p.from ?? 10, p.y, p.to ?? width - 10, p.y, 4, c.floor);
    case 'mat':
      return rect(p.x, p.y, p.width, p.thickness ?? 6, 3, { fill: c.fill });
    case 'surface':
      return el('polygon', {
        points: p.points.map(([x, y]) => `${n(x)},${n(y)}`).join(' '),
        fill: c.soft,
        stroke: c.soft,
        'stroke-width': 8,
        'stroke-linejoin': 'round',
      });
    case 'block':
      return block(p, c, cam);
    case 'bed':
      return bed(p, c);
    case 'pillow':
      return pillow(p, c);
    case 'chair':
      return chair(p, c);
    case 'table':
      return table(p, c);
    case 'wall':
      return wall(p, c);
    case 'box':
      return box(p, c);
    case 'wedge':
      return wedge(p, c);
    case 'ball':
      return ball(p, c);
    case 'band':
      return band(p, c, resolve);
    case 'dumbbell':
      return dumbbell(p, c, resolve);
  }
}
