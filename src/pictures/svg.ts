/** Deterministic SVG text helpers: numbers rounded to 0.1, attributes in a fixed order. */
import type { Vec2 } from './geometry.js';

/** A number rounded to one decimal (or `digits`), without "-0". */
export function n(v: number, digits = 1): string {
  const f = 10 ** digits;
  const r = Math.round(v * f) / f;
  return Object.is(r, -0) || r === 0 ? '0' : String(r);
}

/** A closed polygon path, "M x y L ... Z". */
export function polygonD(points: readonly Vec2[]): string {
  return `${points.map((p, i) => `${i === 0 ? 'M' : 'L'}${n(p.x)} ${n(p.y)}`).join('')}Z`;
}

export type Attrs = Record<string, string | number | undefined>;

/** One SVG element; attributes in insertion order, numbers rounded. */
export function el(name: string, attrs: Attrs): string {
  const parts = Object.entries(attrs)
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([k, v]) => `${k}="${typeof v === 'number' ? n(v) : v}"`);
  return `<${name} ${parts.join(' ')}/>`;
}

export function group(children: readonly string[], attrs: Attrs = {}): string {
  if (children.length === 0) return '';
  const parts = Object.entries(attrs)
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? n(v) : v}"`);
  return `<g${parts.join('')}>${children.join('')}</g>`;
}

function parseHex(hex: string): [number, number, number] {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  return [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
}

/** Mix colour a towards colour b by t (0 = a, 1 = b); returns #rrggbb. */
export function mix(a: string, b: string, t: number): string {
  const ca = parseHex(a);
  const cb = parseHex(b);
  return `#${ca
    .map((v, i) => Math.round(v + ((cb[i] as number) - v) * t))
    .map((v) => v.toString(16).padStart(2, '0'))
    .join('')}`;
}
