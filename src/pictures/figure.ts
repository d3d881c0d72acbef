/**
 * A posed figure as drawable parts: the torso (trunk, neck, head) and four
 * limbs, each a set of convex blobs (hulls of joint circles). Parts are
 * painted back to front; each gets a thin paper-coloured halo so a limb in
 * front of the trunk or the other limb stays readable.
 */
import { BODY, circleAt, type PosedFigure, type ScreenPoint, type SideName } from './body.js';
import { type Circle, hullOfCircles } from './geometry.js';
import { el, mix, polygonD } from './svg.js';

export interface Part {
  name: 'torso' | `${SideName}-arm` | `${SideName}-leg`;
  depth: number;
  /** Drawn in the lighter colour: the limb's root is farther from the viewer than the other side's. */
  behind: boolean;
  blobs: Circle[][];
}

const meanDepth = (pts: readonly ScreenPoint[]): number => pts.reduce((t, p) => t + p.depth, 0) / pts.length;

export function figureParts(f: PosedFigure): Part[] {
  const { joints: j, scale: s } = f;
  const c = (p: ScreenPoint, r: number): Circle => circleAt(p, r, s);
  const torso: Part = {
    name: 'torso',
    depth: meanDepth(f.trunk),
    behind: false,
    blobs: [
      // A bent spine: one hull per segment between neighbouring spheres, so the back can curve.
      ...(f.bent
        ? Array.from({ length: f.trunk.length / 2 - 1 }, (_, i) =>
            f.trunk.slice(2 * i, 2 * i + 4).map((t) => ({ x: t.x, y: t.y, r: t.r })),
          )
        : [f.trunk.map((t) => ({ x: t.x, y: t.y, r: t.r }))]),
      [c(j.neck, BODY.r.neck), c(j.head, BODY.r.neck)],
      [c(j.head, BODY.r.head)],
    ],
  };
  const other = (side: SideName): SideName => (side === 'near' ? 'far' : 'near');
  const limbs = (['far', 'near'] as const).flatMap((side): Part[] => {
    const l = j[side];
    return [
      {
        name: `${side}-leg`,
        depth: meanDepth([l.hip, l.knee, l.ankle]),
        behind: l.hip.depth < j[other(side)].hip.depth - 0.5,
        blobs: [
          [c(l.hip, BODY.r.hip), c(l.knee, BODY.r.knee)],
          [c(l.knee, BODY.r.knee), c(l.ankle, BODY.r.ankle)],
          [c(l.heel, BODY.r.heel), c(l.toe, BODY.r.toe)],
        ],
      },
      {
        name: `${side}-arm`,
        depth: meanDepth([l.elbow, l.wrist]),
        behind: l.shoulder.depth < j[other(side)].shoulder.depth - 0.5,
        blobs: [
          [c(l.shoulder, BODY.r.shoulder), c(l.elbow, BODY.r.elbow)],
          [c(l.elbow, BODY.r.elbow), c(l.wrist, BODY.r.wrist)],
          [c(l.hand, BODY.r.hand)],
        ],
      },
    ];
  });
  // Stable back-to-front order; in a tie the torso goes first so limbs lie on it.
  const sorted = [torso, ...limbs]
    .map((p, i) => ({ p, i }))
    .sort((a, b) => a.p.depth - b.p.depth || a.i - b.i)
    .map((x) => x.p);
  // The figure may move limbs to the back or the front, where depth alone paints them wrongly.
  const back: readonly string[] = f.figure.back ?? [];
  const front: readonly string[] = f.figure.front ?? [];
  if (back.length === 0 && front.length === 0) return sorted;
  const rank = (p: Part): number => (back.includes(p.name) ? 0 : front.includes(p.name) ? 2 : 1);
  return sorted
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i)
    .map((x) => x.p);
}

export interface FigureColours {
  near: string;
  far: string;
  paper: string;
}

export function figureColours(base: string, paper: string, ghost: string | undefined, isGhost: boolean): FigureColours {
  const near = isGhost ? (ghost ?? mix(base, paper, 0.74)) : base;
  return { near, far: mix(near, paper, isGhost ? 0.3 : 0.42), paper };
}

/** SVG for one part: halo first, then the fill. */
export function partSvg(part: Part, colours: FigureColours, scale: number): string {
  const d = part.blobs.map((b) => polygonD(hullOfCircles(b))).join('');
  const halo = el('path', {
    d,
    fill: colours.paper,
    stroke: colours.paper,
    'stroke-width': 5 * scale,
    'stroke-linejoin': 'round',
  });
  return halo + el('path', { d, fill: part.behind ? colours.far : colours.near });
}
