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

/** Spine pivots in the body frame: the low back bends at the waist sphere, the upper back at the chest sphere. */
const LOW_PIVOT: Vec3 = [BODY.trunk[1][0], BODY.trunk[1][1], 0];
const UPPER_PIVOT: Vec3 = [BODY.trunk[2][0], BODY.trunk[2][1], 0];

/** Body-frame transforms of the bending spine: `mid` for the chest, `upper` for shoulders, arms, neck and head. */
export interface Spine {
  bent: boolean;
  mid: (p: Vec3) => Vec3;
  upper: (p: Vec3) => Vec3;
  /** The inverse of `upper`, for solving handAt. */
  upperInverse: (p: Vec3) => Vec3;
}

/**
 * lowBack / upperBack flex the spine (+ rounds forwards) at the waist and at
 * the chest; twist turns the upper body about the spine, half below the chest
 * and half above it. All 0: the rigid trunk.
 */
export function spineOf(fig: Figure): Spine {
  const low = fig.lowBack ?? 0;
  const up = fig.upperBack ?? 0;
  const tw = fig.twist ?? 0;
  const about = (p: Vec3, c: Vec3, deg: number): Vec3 => (deg === 0 ? p : add(c, rotZ(sub(p, c), -deg)));
  const spin = (p: Vec3, deg: number): Vec3 => {
    if (deg === 0) return p;
    const q = rotY([p[0] - LOW_PIVOT[0], p[1], p[2]], -deg);
    return [q[0] + LOW_PIVOT[0], q[1], q[2]];
  };
  const mid = (p: Vec3): Vec3 => about(spin(p, tw / 2), LOW_PIVOT, low);
  const upper = (p: Vec3): Vec3 => mid(about(spin(p, tw / 2), UPPER_PIVOT, up));
  const upperInverse = (p: Vec3): Vec3 => {
    const a = spin(about(p, LOW_PIVOT, -low), -tw / 2);
    return spin(about(a, UPPER_PIVOT, -up), -tw / 2);
  };
  return { bent: low !== 0 || up !== 0 || tw !== 0, mid, upper, upperInverse };
}

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
  const neck0: Vec3 = [0, BODY.pelvisToNeck, 0];
  const neck = spine.upper(neck0);
  const head = spine.upper(add(neck0, mul(dir(180 - (fig.neck ?? 0)), BODY.neckToHead)));
  const bendArm = (j: Record<SideJoint, Vec3>): Record<SideJoint, Vec3> =>
    spine.bent
      ? {
          ...j,
          shoulder: spine.upper(j.shoulder),
          elbow: spine.upper(j.elbow),
          wrist: spine.upper(j.wrist),
          hand: spine.upper(j.hand),
        }
      : j;
  const sides = {
    near: bendArm(sideLocal(resolveAngles(fig, cam, 'near'), 'near')),
    far: bendArm(sideLocal(resolveAngles(fig, cam, 'far'), 'far')),
  };
  const projectSide = (j: Record<SideJoint, Vec3>): Record<SideJoint, ScreenPoint> =>
    Object.fromEntries(Object.entries(j).map(([k, p]) => [k, project(p)])) as Record<SideJoint, ScreenPoint>;
  const s = fig.scale ?? 1;
  // Trunk spheres: the waist is the low pivot, the chest sphere bends with the low back, the shoulders with both.
  const bendTrunk = [(p: Vec3) => p, (p: Vec3) => p, spine.mid, spine.upper];
  const trunk = BODY.trunk.flatMap(([f, u, l, r], i) =>
    [l, -l].map((side) => ({ ...project((bendTrunk[i] ?? spine.upper)([f, u, side])), r: r * s })),
  );
  return {
    figure: fig,
    scale: s,
    bent: spine.bent,
    trunk,
    joints: {
      pelvis: project([0, 0, 0]),
      chest: project(spine.mid([16, 38, 0])),
      belly: project([15, 16, 0]),
      neck: project(neck),
      head: project(head),
      near: projectSide(sides.near),
      far: projectSide(sides.far),
    },
  };
}

/** A screen circle for a joint. */
export const circleAt = (p: ScreenPoint, r: number, scale: number): Circle => ({ x: p.x, y: p.y, r: r * scale });
