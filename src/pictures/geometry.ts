/** Small pure vector helpers for the pictogram renderer. Angles are in degrees. */

export type Vec3 = readonly [number, number, number];
export interface Vec2 {
  readonly x: number;
  readonly y: number;
}
/** A circle on screen: the building block of every body shape. */
export interface Circle extends Vec2 {
  readonly r: number;
}

const RAD = Math.PI / 180;
export const sin = (deg: number): number => Math.sin(deg * RAD);
export const cos = (deg: number): number => Math.cos(deg * RAD);
export const toDeg = (rad: number): number => rad / RAD;

export const add = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
export const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
export const mul = (a: Vec3, k: number): Vec3 => [a[0] * k, a[1] * k, a[2] * k];
export const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
export const cross = (a: Vec3, b: Vec3): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];
export const length = (a: Vec3): number => Math.sqrt(dot(a, a));
export const unit = (a: Vec3): Vec3 => {
  const l = length(a);
  return l === 0 ? [0, 0, 0] : mul(a, 1 / l);
};

/**
 * A direction in the sagittal plane (x forwards, y up) given as an angle from
 * straight down, + rotating towards forwards: 0 down, 90 forwards, 180 up.
 */
export const dir = (deg: number): Vec3 => [sin(deg), -cos(deg), 0];
/** The inverse of `dir` for the x/y part of a vector. */
export const dirAngle = (v: Vec3): number => toDeg(Math.atan2(v[0], -v[1]));

/** Rotation about the x axis (forwards) by deg, counter-clockwise looking down the axis. */
export const rotX = (p: Vec3, deg: number): Vec3 => [
  p[0],
  p[1] * cos(deg) - p[2] * sin(deg),
  p[1] * sin(deg) + p[2] * cos(deg),
];
/** Rotation about the y axis (up). */
export const rotY = (p: Vec3, deg: number): Vec3 => [
  p[0] * cos(deg) + p[2] * sin(deg),
  p[1],
  -p[0] * sin(deg) + p[2] * cos(deg),
];
/** Rotation about the z axis (towards the viewer). */
export const rotZ = (p: Vec3, deg: number): Vec3 => [
  p[0] * cos(deg) - p[1] * sin(deg),
  p[0] * sin(deg) + p[1] * cos(deg),
  p[2],
];
/** Rodrigues rotation of p about the line through `origin` along unit `axis`. */
export const rotAbout = (p: Vec3, origin: Vec3, axis: Vec3, deg: number): Vec3 => {
  const v = sub(p, origin);
  const c = cos(deg);
  const s = sin(deg);
  const r = add(add(mul(v, c), mul(cross(axis, v), s)), mul(axis, dot(axis, v) * (1 - c)));
  return add(origin, r);
};

/** Normalise an angle to (-180, 180]. */
export const wrap = (deg: number): number => {
  const a = ((((deg + 180) % 360) + 360) % 360) - 180;
  return a === -180 ? 180 : a;
};

/** Convex hull (counter-clockwise on screen) of a set of circles, sampled every 15°. */
export function hullOfCircles(circles: readonly Circle[]): Vec2[] {
  const pts: Vec2[] = [];
  for (const c of circles) {
    for (let k = 0; k < 24; k++) pts.push({ x: c.x + c.r * cos(k * 15), y: c.y + c.r * sin(k * 15) });
  }
  return convexHull(pts);
}

/** Andrew's monotone chain. */
export function convexHull(points: readonly Vec2[]): Vec2[] {
  const pts = [...points].sort((a, b) => a.x - b.x || a.y - b.y);
  if (pts.length < 3) return pts;
  const turn = (o: Vec2, a: Vec2, b: Vec2): number => (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
  const lower: Vec2[] = [];
  for (const p of pts) {
    while (lower.length >= 2 && turn(lower[lower.length - 2] as Vec2, lower[lower.length - 1] as Vec2, p) <= 0) {
      lower.pop();
    }
    lower.push(p);
  }
  const upper: Vec2[] = [];
  for (let i = pts.length - 1; i >= 0; i--) {
    const p = pts[i] as Vec2;
    while (upper.length >= 2 && turn(upper[upper.length - 2] as Vec2, upper[upper.length - 1] as Vec2, p) <= 0) {
      upper.pop();
    }
    upper.push(p);
  }
  return lower.slice(0, -1).concat(upper.slice(0, -1));
}
