/** Movement arrows in the accent colour: straight/curved ({from, to, bend}) or arcs ({around, radius, start, end}). */
import { cos, sin, type Vec2 } from './geometry.js';
import type { Resolve } from './refs.js';
import type { Arrow } from './scene.js';
import { el, n } from './svg.js';

const WIDTH = 5;
const HEAD = 17;
const HALF = 9.5;
/** Extra stroke width of the paper-coloured halo under an arrow. */
const HALO = 5;

const norm = (v: Vec2): Vec2 => {
  const l = Math.hypot(v.x, v.y) || 1;
  return { x: v.x / l, y: v.y / l };
};

/** A filled head with its tip at `tip`, pointing along unit `t`. */
function head(tip: Vec2, t: Vec2, colour: string, grow: number): string {
  const bx = tip.x - t.x * HEAD;
  const by = tip.y - t.y * HEAD;
  const points = [
    [tip.x, tip.y],
    [bx - t.y * HALF, by + t.x * HALF],
    [bx + t.y * HALF, by - t.x * HALF],
  ]
    .map(([x, y]) => `${n(x as number)},${n(y as number)}`)
    .join(' ');
  return el('polygon', {
    points,
    fill: colour,
    stroke: colour,
    'stroke-width': 1.5 + grow,
    'stroke-linejoin': 'round',
  });
}

const shaft = (d: string, colour: string, grow: number): string =>
  el('path', { d, fill: 'none', stroke: colour, 'stroke-width': WIDTH + grow, 'stroke-linecap': 'round' });

function lineArrow(a: Vec2, b: Vec2, bend: number, both: boolean, colour: string, grow: number): string {
  const len = Math.hypot(b.x - a.x, b.y - a.y);
  const ctrl = { x: (a.x + b.x) / 2 + (b.y - a.y) * bend * 0.5, y: (a.y + b.y) / 2 - (b.x - a.x) * bend * 0.5 };
  const tEnd = norm({ x: b.x - ctrl.x, y: b.y - ctrl.y });
  const tStart = norm({ x: a.x - ctrl.x, y: a.y - ctrl.y });
  const cut = Math.min(HEAD * 0.7, len / 3);
  const end = { x: b.x - tEnd.x * cut, y: b.y - tEnd.y * cut };
  const start = both ? { x: a.x - tStart.x * cut, y: a.y - tStart.y * cut } : a;
  const d = `M${n(start.x)} ${n(start.y)}Q${n(ctrl.x)} ${n(ctrl.y)} ${n(end.x)} ${n(end.y)}`;
  return shaft(d, colour, grow) + head(b, tEnd, colour, grow) + (both ? head(a, tStart, colour, grow) : '');
}

function arcArrow(c: Vec2, r: number, start: number, end: number, both: boolean, colour: string, grow: number): string {
  const s = Math.sign(end - start) || 1;
  const at = (deg: number): Vec2 => ({ x: c.x + r * cos(deg), y: c.y - r * sin(deg) });
  const cutDeg = ((HEAD * 0.7) / r) * (180 / Math.PI);
  const e2 = end - s * cutDeg;
  const s2 = both ? start + s * cutDeg : start;
  const p0 = at(s2);
  const p1 = at(e2);
  const large = Math.abs(e2 - s2) > 180 ? 1 : 0;
  const sweep = s > 0 ? 0 : 1;
  const d = `M${n(p0.x)} ${n(p0.y)}A${n(r)} ${n(r)} 0 ${large} ${sweep} ${n(p1.x)} ${n(p1.y)}`;
  // Aim the head along the chord of its own length so it sits on the curve.
  const headTip = at(end);
  const back = at(end - s * (HEAD / r) * (180 / Math.PI));
  const t = norm({ x: headTip.x - back.x, y: headTip.y - back.y });
  let out = shaft(d, colour, grow) + head(headTip, t, colour, grow);
  if (both) {
    const tip0 = at(start);
    const fwd = at(start + s * (HEAD / r) * (180 / Math.PI));
    out += head(tip0, norm({ x: tip0.x - fwd.x, y: tip0.y - fwd.y }), colour, grow);
  }
  return out;
}

function arrowShape(a: Arrow, colour: string, resolve: Resolve, grow = 0): string {
  if ('around' in a) return arcArrow(resolve(a.around), a.radius, a.start, a.end, a.both ?? false, colour, grow);
  return lineArrow(resolve(a.from), resolve(a.to), a.bend ?? 0, a.both ?? false, colour, grow);
}

/**
 * One arrow. With `paper`, it is first drawn wider in the paper colour, so an
 * arrow crossing a figure stays readable (also in greyscale print).
 */
export function arrowSvg(a: Arrow, colour: string, resolve: Resolve, paper?: string): string {
  const shape = arrowShape(a, colour, resolve);
  if (!paper) return shape;
  return arrowShape(a, paper, resolve, HALO) + shape;
}
