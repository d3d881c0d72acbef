/**
 * Forward kinematics of the pictogram person: joint angles in, joint
 * positions on screen out.
 *
 * The body is built in its own frame (x forwards, y up along the trunk,
 * z towards the "near" side), turned about its long axis (`turn`), pitched
 * (`trunk`), mirrored for `facing: "left"`, then seen by an orthographic
 * camera (`camera.turn`, `camera.tilt`) and placed so the pelvis is at `at`.
 */
import {
  add,
  type Circle,
  cos,
  dir,
  dirAngle,
  length,
  mul,
  rotAbout,
  rotX,
  rotY,
  rotZ,
  sin,
  sub,
  toDeg,
  unit,
  type Vec3,
  wrap,
} from './geometry.js';
import type { Figure, Limbs } from './scene.js';

/** Body proportions in scene units for scale 1 (standing height ≈ 207, head ≈ 1/7). */
export const BODY = {
  pelvisToNeck: 63,
  shoulderUp: 54,
  shoulderHalf: 14,
  hipHalf: 8.5,
  neckToHead: 19,
  upperArm: 35,
  forearm: 29,
  handOffset: 5.5,
  thigh: 51,
  shin: 50,
  ankleHeight: 9,
  footDrop: 4.5,
  heelBack: 4,
  toeForward: 19,
  r: {
    head: 14.5,
    neck: 6,
    shoulder: 7.5,
    elbow: 6,
    wrist: 5,
    hand: 6.5,
    hip: 10.5,
    knee: 8,
    ankle: 5.5,
    heel: 4.5,
    toe: 3.8,
  },
  /** The trunk is the hull of these spheres: [forwards, up, sideways, radius]; mirrored sideways. */
  trunk: [
    [-1, 0, 9, 13],
    [2, 24, 8, 13],
    [1.5, 41, 10, 15],
    [0, 54, 13, 10],
  ] as const,
} as const;

/**
 * The bending spine: lowBack is spread over pivots up the lumbar spine,
 * upperBack over pivots up the thoracic spine, twist over all of them, so a
 * bent back is a smooth curve. A point is moved by every pivot below it.
 */
const LOW_PIVOTS = [8, 16, 24, 32] as const;
const UPPER_PIVOTS = [39, 46, 52] as const;
/** Heights at which the trunk is sampled when the spine bends: spheres interpolated between BODY.trunk. */
const TRUNK_LEVELS = [0, 8, 16, 24, 32, 39, 46, 52, 54] as const;

/** BODY.trunk interpolated at height u: [forwards, up, sideways, radius]. */
function trunkAt(u: number): [number, number, number, number] {
  const t = BODY.trunk;
  for (let i = 0; i < t.length - 1; i++) {
    const a = t[i] as readonly number[];
    const b = t[i + 1] as readonly number[];
    if (u <= (b[1] as number) || i === t.length - 2) {
      const k = Math.min(1, Math.max(0, (u - (a[1] as number)) / ((b[1] as number) - (a[1] as number))));
      const lerp = (j: number) => (a[j] as number) + ((b[j] as number) - (a[j] as number)) * k;
      return [lerp(0), u, lerp(2), lerp(3)];
    }
  }
  return [0, u, 0, 0];
}

export interface Spine {
  bent: boolean;
  /** Moves a body-frame point that belongs to the spine at height u (arms, neck and head: the top). */
  at: (p: Vec3, u: number) => Vec3;
  /** The inverse of `at` for the top of the spine, for solving handAt. */
  upperInverse: (p: Vec3) => Vec3;
  /** The trunk spheres, [x, y, z, r] in the body frame, each side of the midline. */
  spheres: [Vec3, number][];
}

export function spineOf(fig: Figure): Spine {
  const low = fig.lowBack ?? 0;
  const up = fig.upperBack ?? 0;
  const tw = fig.twist ?? 0;
  const pivots = [
    ...LOW_PIVOTS.map((y) => ({ y, bend: low / LOW_PIVOTS.length })),
    ...UPPER_PIVOTS.map((y) => ({ y, bend: up / UPPER_PIVOTS.length })),
  ].map((p, _i, all) => ({ ...p, twist: tw / all.length, x: trunkAt(p.y)[0] }));
  const step = (q: Vec3, pv: (typeof pivots)[number], sign: 1 | -1): Vec3 => {
    const c: Vec3 = [pv.x, pv.y, 0];
    const d = sub(q, c);
    // Forwards: twist about the spine, then bend; backwards: the reverse.
    if (sign > 0) return add(c, rotZ(rotY(d, -pv.twist), -pv.bend));
    return add(c, rotY(rotZ(d, pv.bend), pv.twist));
  };
  const bent = low !== 0 || up !== 0 || tw !== 0;
  const at = (p: Vec3, u: number): Vec3 => {
    if (!bent) return p;
    let q = p;
    // Apply from the top pivot down, so each pivot also carries everything above it.
    for (let i = pivots.length - 1; i >= 0; i--) {
      const pv = pivots[i] as (typeof pivots)[number];
      if (pv.y < u) q = step(q, pv, 1);
    }
    return q;
  };
  const upperInverse = (p: Vec3): Vec3 => {
    if (!bent) return p;
    let q = p;
    for (const pv of pivots) q = step(q, pv, -1);
    return q;
  };
  // Unbent: exactly BODY.trunk; bent: more spheres along the curve, so it stays smooth.
  const samples: readonly (readonly [number, number, number, number])[] = bent ? TRUNK_LEVELS.map(trunkAt) : BODY.trunk;
  const spheres = samples.flatMap(([f, u, l, r]) => [l, -l].map((side): [Vec3, number] => [at([f, u, side], u), r]));
  return { bent, at, upperInverse, spheres };
}

/** The top of the spine: above every pivot. */
const TOP = Number.POSITIVE_INFINITY;

export interface Camera {
  turn: number;
  tilt: number;
}

export interface Angles {
  shoulder: number;
  elbow: number;
  armOut: number;
  handIn: number;
  hip: number;
  knee: number;
  ankle: number;
  legOut: number;
  kneeOut: number;
  footOut: number;
}

export type SideName = 'near' | 'far';
export type SideJoint = 'shoulder' | 'elbow' | 'wrist' | 'hand' | 'hip' | 'knee' | 'ankle' | 'heel' | 'toe';
export type BodyJoint = 'head' | 'neck' | 'chest' | 'belly' | 'pelvis';
export type Joints<P> = Record<BodyJoint, P> & Record<SideName, Record<SideJoint, P>>;

/** A projected point: screen x/y plus depth (larger = nearer the viewer). */
export interface ScreenPoint {
  x: number;
  y: number;
  depth: number;
}

export interface PosedFigure {
  figure: Figure;
  joints: Joints<ScreenPoint>;
  /** Trunk spheres on screen. */
  trunk: (ScreenPoint & { r: number })[];
  scale: number;
  /** The spine bends or twists: the trunk is drawn as segments between its spheres. */
  bent: boolean;
}

/** The limbs of one side: far inherits from near, minus targets its own angles replace. */
export function sideLimbs(fig: Figure, side: SideName): Limbs {
  const near = fig.near ?? {};
  if (side === 'near') return near;
  const far = fig.far;
  if (!far) return near;
  const merged: Limbs = { ...near, ...far };
  // An arm or leg the far side places itself does not inherit the near side's placement.
  if (far.handAt === undefined && (far.shoulder !== undefined || far.elbow !== undefined)) delete merged.handAt;
  if (far.footAt === undefined && (far.hip !== undefined || far.knee !== undefined)) delete merged.footAt;
  if (far.handAt !== undefined) {
    if (far.shoulder === undefined) delete merged.shoulder;
    if (far.elbow === undefined) delete merged.elbow;
  }
  if (far.footAt !== undefined) {
    if (far.hip === undefined) delete merged.hip;
    if (far.knee === undefined) delete merged.knee;
    if (far.ankle === undefined) delete merged.ankle;
  }
  return merged;
}

/** Screen → body frame, for solving handAt/footAt. Only defined for a plain side view. */
function screenToLocal(fig: Figure, cam: Camera, p: readonly [number, number]): Vec3 {
  if ((fig.turn ?? 0) !== 0 || cam.turn !== 0 || cam.tilt !== 0) {
    throw new Error('handAt/footAt only work in a plain side view (no figure turn, no camera turn or tilt)');
  }
  const s = fig.scale ?? 1;
  const mirror = fig.facing === 'left' ? -1 : 1;
  const world: Vec3 = [((p[0] - fig.at[0]) / s) * mirror, -(p[1] - fig.at[1]) / s, 0];
  return rotZ(world, fig.trunk ?? 0);
}

/** Two-bone solve in the sagittal plane: angle of the first bone (dirAngle) and the joint between. */
function twoBone(root: Vec3, target: Vec3, l1: number, l2: number, bendForward: boolean): [number, number] {
  const d: Vec3 = [target[0] - root[0], target[1] - root[1], 0];
  const dist = Math.min(Math.max(length(d), Math.abs(l1 - l2) + 0.01), l1 + l2 - 0.01);
  const alpha = toDeg(Math.acos((l1 * l1 + dist * dist - l2 * l2) / (2 * l1 * dist)));
  const a1 = dirAngle(d) + (bendForward ? -alpha : alpha);
  const mid = add(root, mul(dir(a1), l1));
  const end = add(root, mul(unit(d), dist));
  return [a1, dirAngle(sub(end, mid))];
}

/** Joint angles of one side, solving handAt / footAt. */
export function resolveAngles(fig: Figure, cam: Camera, side: SideName): Angles {
  const limbs = sideLimbs(fig, side);
  const z = side === 'near' ? 1 : -1;
  const a: Angles = {
    shoulder: limbs.shoulder ?? 0,
    elbow: limbs.elbow ?? 0,
    armOut: limbs.armOut ?? 0,
    handIn: limbs.handIn ?? 0,
    hip: limbs.hip ?? 0,
    knee: limbs.knee ?? 0,
    ankle: limbs.ankle ?? 0,
    legOut: limbs.legOut ?? 0,
    kneeOut: limbs.kneeOut ?? 0,
    footOut: limbs.footOut ?? 0,
  };
  if (limbs.handAt) {
    const root: Vec3 = [0, BODY.shoulderUp, z * BODY.shoulderHalf];
    const target = spineOf(fig).upperInverse(screenToLocal(fig, cam, limbs.handAt));
    const [upper, fore] = twoBone(root, target, BODY.upperArm, BODY.forearm + BODY.handOffset, true);
    a.shoulder = wrap(upper);
    a.elbow = wrap(fore - upper);
    a.handIn = 0;
  }
  if (limbs.footAt) {
    const root: Vec3 = [0, 0, z * BODY.hipHalf];
    const s = fig.scale ?? 1;
    const target = screenToLocal(fig, cam, [limbs.footAt[0], limbs.footAt[1] - BODY.ankleHeight * s]);
    const [thigh, shin] = twoBone(root, target, BODY.thigh, BODY.shin, false);
    a.hip = wrap(thigh);
    a.knee = wrap(thigh - shin);
    // A foot on the floor stays flat unless an ankle angle is given.
    if (limbs.ankle === undefined) a.ankle = wrap((fig.trunk ?? 0) - shin);
  }
  return a;
}

/**
 * One side's joints in the body frame. Each limb is built hanging straight
 * down with only its inner joints bent, then abducted (about the forward
 * axis), then flexed at the root (about the sideways axis), so abduction
 * keeps meaning "out to the side" whatever the flexion.
 */
function sideLocal(a: Angles, side: SideName): Record<SideJoint, Vec3> {
  const z = side === 'near' ? 1 : -1;
  const place = <K extends string>(chain: Record<K, Vec3>, root: Vec3, out: number, flex: number): Record<K, Vec3> =>
    Object.fromEntries(
      Object.entries<Vec3>(chain).map(([k, p]) => [k, add(root, rotZ(rotX(p, -z * out), flex))]),
    ) as Record<K, Vec3>;

  const foreDir = a.elbow;
  const elbow = mul(dir(0), BODY.upperArm);
  const wrist = add(elbow, mul(dir(foreDir), BODY.forearm));
  const hand = add(wrist, mul(dir(foreDir), BODY.handOffset));
  const shoulderAt: Vec3 = [0, BODY.shoulderUp, z * BODY.shoulderHalf];
  // handIn: the forearm swings in towards the midline about the upper arm axis (shoulder rotation).
  const armTwist = (p: Vec3): Vec3 => rotY(p, z * a.handIn);
  const arm = place(
    { shoulder: [0, 0, 0] as Vec3, elbow, wrist: armTwist(wrist), hand: armTwist(hand) },
    shoulderAt,
    a.armOut,
    a.shoulder,
  );

  const shinDir = -a.knee;
  const footDir = shinDir + 90 + a.ankle;
  const knee0 = mul(dir(0), BODY.thigh);
  const ankle0 = add(knee0, mul(dir(shinDir), BODY.shin));
  const sole = add(ankle0, mul(dir(shinDir), BODY.footDrop));
  const heel = add(sole, mul(dir(footDir), -BODY.heelBack));
  const toe = add(sole, mul(dir(footDir), BODY.toeForward));
  // footOut: the lower leg swings about the thigh axis (hip rotation).
  const twist = (p: Vec3): Vec3 => add(knee0, rotY(sub(p, knee0), z * a.footOut));
  const hipAt: Vec3 = [0, 0, z * BODY.hipHalf];
  const leg = place(
    { hip: [0, 0, 0] as Vec3, knee: knee0, ankle: twist(ankle0), heel: twist(heel), toe: twist(toe) },
    hipAt,
    a.legOut,
    a.hip,
  );

  if (a.kneeOut !== 0) {
    const axis = unit(sub(leg.ankle, leg.hip));
    const plus = rotAbout(leg.knee, leg.hip, axis, a.kneeOut);
    const minus = rotAbout(leg.knee, leg.hip, axis, -a.kneeOut);
    leg.knee = plus[2] * z >= minus[2] * z ? plus : minus;
  }
  return { ...arm, ...leg };
}

/** Body frame → screen. */
function projector(fig: Figure, cam: Camera): (p: Vec3) => ScreenPoint {
  const s = fig.scale ?? 1;
  const mirror = fig.facing === 'left' ? -1 : 1;
  const turn = fig.turn ?? 0;
  const trunk = fig.trunk ?? 0;
  return (p) => {
    const w = rotZ(rotY(p, -turn), -trunk);
    const x = w[0] * mirror;
    const sx = x * cos(cam.turn) - w[2] * sin(cam.turn);
    const d0 = x * sin(cam.turn) + w[2] * cos(cam.turn);
    const up = w[1] * cos(cam.tilt) - d0 * sin(cam.tilt);
    const depth = d0 * cos(cam.tilt) + w[1] * sin(cam.tilt);
    return { x: fig.at[0] + sx * s, y: fig.at[1] - up * s, depth: depth * s };
  };
}

export function poseFigure(fig: Figure, cam: Camera): PosedFigure {
  const project = projector(fig, cam);
  const spine = spineOf(fig);
  const upper = (p: Vec3): Vec3 => spine.at(p, TOP);
  const neck0: Vec3 = [0, BODY.pelvisToNeck, 0];
  const neck = upper(neck0);
  const head = upper(add(neck0, mul(dir(180 - (fig.neck ?? 0)), BODY.neckToHead)));
  const bendArm = (j: Record<SideJoint, Vec3>): Record<SideJoint, Vec3> =>
    spine.bent
      ? { ...j, shoulder: upper(j.shoulder), elbow: upper(j.elbow), wrist: upper(j.wrist), hand: upper(j.hand) }
      : j;
  const sides = {
    near: bendArm(sideLocal(resolveAngles(fig, cam, 'near'), 'near')),
    far: bendArm(sideLocal(resolveAngles(fig, cam, 'far'), 'far')),
  };
  const projectSide = (j: Record<SideJoint, Vec3>): Record<SideJoint, ScreenPoint> =>
    Object.fromEntries(Object.entries(j).map(([k, p]) => [k, project(p)])) as Record<SideJoint, ScreenPoint>;
  const s = fig.scale ?? 1;
  const trunk = spine.spheres.map(([p, r]) => ({ ...project(p), r: r * s }));
  return {
    figure: fig,
    scale: s,
    bent: spine.bent,
    trunk,
    joints: {
      pelvis: project([0, 0, 0]),
      chest: project(spine.at([16, 38, 0], 38)),
      belly: project(spine.at([15, 16, 0], 16)),
      neck: project(neck),
      head: project(head),
      near: projectSide(sides.near),
      far: projectSide(sides.far),
    },
  };
}

/** A screen circle for a joint. */
export const circleAt = (p: ScreenPoint, r: number, scale: number): Circle => ({ x: p.x, y: p.y, r: r * scale });
