/** Resolving scene points: [x, y], "near.hand", "1:far.toe" or ["near.hand", dx, dy]. */
import type { BodyJoint, PosedFigure, SideJoint, SideName } from './body.js';
import type { Vec2 } from './geometry.js';
import { JOINT_REF, type Point } from './scene.js';

export type Resolve = (p: Point) => Vec2;

/** A resolver over posed figures; a joint without a figure index means the first non-ghost figure. */
export function pointResolver(figures: readonly PosedFigure[]): Resolve {
  const main = Math.max(
    0,
    figures.findIndex((f) => !f.figure.ghost),
  );
  const joint = (ref: string): Vec2 => {
    const m = JOINT_REF.exec(ref);
    if (!m) throw new Error(`not a joint: "${ref}"`);
    const index = m[1] === undefined ? main : Number(m[1]);
    const fig = figures[index];
    if (!fig) throw new Error(`"${ref}": there is no figure ${index}`);
    const p = m[4] ? fig.joints[m[4] as BodyJoint] : fig.joints[m[2] as SideName][m[3] as SideJoint];
    return { x: p.x, y: p.y };
  };
  return (p) => {
    if (typeof p === 'string') return joint(p);
    if (p.length === 3) {
      const base = joint(p[0]);
      return { x: base.x + p[1], y: base.y + p[2] };
    }
    return { x: p[0], y: p[1] };
  };
}
