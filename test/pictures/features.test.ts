import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { arrowSvg } from '../../src/pictures/arrows.js';
import { type PosedFigure, poseFigure, type ScreenPoint } from '../../src/pictures/body.js';
import { figureParts } from '../../src/pictures/figure.js';
import { pictogramSvg, sceneSize } from '../../src/pictures/pictogram.js';
import { propColours, propSvg } from '../../src/pictures/props.js';
import { pointResolver } from '../../src/pictures/refs.js';
import { type Figure, type Palette, type Prop, type Scene, SceneSchema } from '../../src/pictures/scene.js';

const PALETTE: Palette = { figure: '#1f4e79', prop: '#8a8f98', accent: '#d9822b', floor: '#b0b4ba' };
const SIDE = { turn: 0, tilt: 0 };
const colours = propColours(PALETTE.prop, PALETTE.floor, '#ffffff');
const noRefs = pointResolver([]);
const draw = (p: Prop) => propSvg(p, colours, noRefs, 400, SIDE);
const load = (id: string): Scene => SceneSchema.parse(JSON.parse(readFileSync(`content/pictures/${id}.json`, 'utf8')));
const posed = (scene: Scene): PosedFigure[] =>
  scene.figures.map((f) => poseFigure(f, { turn: scene.camera?.turn ?? 0, tilt: scene.camera?.tilt ?? 0 }));
/** Sum of r+g+b of the first colour of an attribute, e.g. 'stroke', that is not the white paper. */
const brightness = (svg: string, attr: string): number => {
  const hex =
    [...svg.matchAll(new RegExp(`${attr}="#([0-9a-f]{6})"`, 'g'))].map((m) => m[1]).find((h) => h !== 'ffffff') ??
    '000000';
  return [0, 2, 4].reduce((t, i) => t + Number.parseInt(hex.slice(i, i + 2), 16), 0);
};

describe('ghost props', () => {
  it('are drawn in colours faded towards the paper', () => {
    const band: Prop = { type: 'band', from: [10, 10], to: [90, 10] };
    const box: Prop = { type: 'box', x: 50, y: 100 };
    for (const p of [band, box]) {
      const solid = draw(p);
      const ghost = draw({ ...p, ghost: true } as Prop);
      expect(ghost).not.toBe(solid);
      expect(brightness(ghost, 'stroke')).toBeGreaterThan(brightness(solid, 'stroke'));
    }
  });

  it('parse in a scene and render', () => {
    const scene = SceneSchema.parse({
      props: [{ type: 'box', x: 200, y: 280, ghost: true }],
      figures: [{ at: [200, 150] }],
    });
    expect(pictogramSvg(scene, PALETTE)).toContain('<rect');
  });
});

describe('band', () => {
  it('is a broad strip with a paper edge', () => {
    const svg = draw({ type: 'band', from: [10, 10], to: [90, 10] });
    expect(svg).toContain('stroke-width="13"');
    expect(svg).toContain('stroke-width="9"');
  });
});

describe('wedge', () => {
  it('is filled in a tone darker than other props, so it stands out on a seat', () => {
    const wedge = draw({ type: 'wedge', x: 100, y: 200, thickEnd: 'left' });
    const box = draw({ type: 'box', x: 100, y: 200 });
    expect(brightness(wedge, 'fill')).toBeLessThan(brightness(box, 'fill'));
  });
});

describe('table inset', () => {
  const legXs = (svg: string) => [...svg.matchAll(/<line x1="([\d.]+)"/g)].map((m) => Number(m[1]));
  it('defaults to legs 8 units in from the ends', () => {
    expect(legXs(draw({ type: 'table', x: 200, y: 150, width: 100, floor: 280 }))).toEqual([158, 242]);
  });
  it('moves the legs in', () => {
    expect(legXs(draw({ type: 'table', x: 200, y: 150, width: 100, floor: 280, inset: 30 }))).toEqual([180, 220]);
  });
});

describe('handIn', () => {
  const fig = (handIn: number): Figure => ({ at: [0, 0], near: { shoulder: 0, elbow: 90, armOut: 20, handIn } });
  // Seen from the front (camera turn 90) the body's midline is at x = 0 and sideways distance is |x|.
  const FRONT = { turn: 90, tilt: 0 };

  it('swings the forearm in towards the midline, on both sides', () => {
    for (const side of ['near', 'far'] as const) {
      const out = poseFigure(fig(0), FRONT).joints[side];
      const inn = poseFigure(fig(60), FRONT).joints[side];
      expect(Math.abs(inn.hand.x)).toBeLessThan(Math.abs(out.hand.x) - 20);
      // The upper arm does not move.
      expect(inn.elbow.x).toBeCloseTo(out.elbow.x, 6);
      expect(inn.elbow.y).toBeCloseTo(out.elbow.y, 6);
    }
  });

  it('keeps the forearm length', () => {
    const j = poseFigure(fig(70), SIDE).joints.near;
    const j0 = poseFigure(fig(0), SIDE).joints.near;
    const len = (a: { x: number; y: number; depth: number }, b: { x: number; y: number; depth: number }) =>
      Math.hypot(a.x - b.x, a.y - b.y, a.depth - b.depth);
    expect(len(j.elbow, j.wrist)).toBeCloseTo(len(j0.elbow, j0.wrist), 6);
  });

  it('is ignored when handAt places the hand', () => {
    const at: [number, number] = [30, -20];
    const p = poseFigure({ at: [0, 0], near: { handAt: at, handIn: 50 } }, SIDE);
    expect(p.joints.near.hand.x).toBeCloseTo(at[0], 1);
    expect(p.joints.near.hand.y).toBeCloseTo(at[1], 1);
  });
});

describe('arrows', () => {
  const arrow = { from: [10, 10] as [number, number], to: [100, 10] as [number, number] };
  it('get a paper halo underneath when the paper colour is given', () => {
    const svg = arrowSvg(arrow, '#d9822b', noRefs, '#ffffff');
    expect(svg.indexOf('stroke="#ffffff"')).toBeGreaterThanOrEqual(0);
    expect(svg.indexOf('stroke="#ffffff"')).toBeLessThan(svg.indexOf('stroke="#d9822b"'));
    expect(arrowSvg(arrow, '#d9822b', noRefs)).not.toContain('#ffffff');
  });
  it('are haloed in scenes', () => {
    const svg = pictogramSvg(load('heel-slide'), { ...PALETTE, paper: '#fefefe' });
    expect(svg).toContain('stroke="#fefefe" stroke-width="10"');
  });
});

describe('paint order overrides (front / back)', () => {
  const base: Figure = { at: [200, 150], trunk: -90, near: { hip: 100, knee: 130, legOut: 40, footOut: -80 } };
  const order = (f: Figure) => figureParts(poseFigure(f, { turn: 60, tilt: 30 })).map((p) => p.name);

  it('leave the depth order alone when unset or empty', () => {
    expect(order({ ...base, front: [], back: [] })).toEqual(order(base));
    expect(pictogramSvg({ figures: [{ ...base, front: [] }] }, PALETTE)).toBe(
      pictogramSvg({ figures: [base] }, PALETTE),
    );
  });

  it('paint listed limbs last (front) or first (back), keeping the rest in depth order', () => {
    const plain = order(base);
    const front = order({ ...base, front: ['near-leg'] });
    expect(front.at(-1)).toBe('near-leg');
    expect(front.filter((n) => n !== 'near-leg')).toEqual(plain.filter((n) => n !== 'near-leg'));
    const back = order({ ...base, back: ['far-arm', 'near-arm'] });
    expect(back.slice(0, 2).sort()).toEqual(['far-arm', 'near-arm']);
    expect(back.indexOf('torso')).toBeGreaterThan(1);
  });

  it('reject unknown limb names', () => {
    expect(SceneSchema.safeParse({ figures: [{ at: [0, 0], front: ['near-foot'] }] }).success).toBe(false);
  });
});

/** Checks on what the corrected pictures show, so a later edit does not bring the old misreadings back. */
describe('pictures show the exercise', () => {
  it('band-arm-raise: both hands overhead, band between them, ghost arms at shoulder height', () => {
    const scene = load('band-arm-raise');
    const [ghost, main] = posed(scene) as [PosedFigure, PosedFigure];
    for (const side of ['near', 'far'] as const) {
      expect(main.joints[side].hand.y).toBeLessThan(main.joints.head.y - 20);
      expect(Math.abs(ghost.joints[side].hand.y - ghost.joints[side].shoulder.y)).toBeLessThan(25);
    }
    const bands = (scene.props ?? []).filter((p) => p.type === 'band');
    expect(bands.map((b) => [b.from, b.to])).toContainEqual(['near.hand', 'far.hand']);
    expect(
      Math.hypot(main.joints.near.hand.x - main.joints.far.hand.x, main.joints.near.hand.y - main.joints.far.hand.y),
    ).toBeGreaterThan(40);
  });

  it('lifting-technique: moderate squat, hands on a box in front of the feet', () => {
    const scene = load('lifting-technique');
    const [f] = posed(scene) as [PosedFigure];
    const j = f.joints.near;
    const thigh = (Math.atan2(j.hip.y - j.knee.y, j.knee.x - j.hip.x) * 180) / Math.PI;
    expect(-thigh).toBeGreaterThan(20); // hip above the knee: not a deep squat
    expect(-thigh).toBeLessThan(60);
    const box = scene.props?.find((p) => p.type === 'box');
    if (box?.type !== 'box') throw new Error('no box');
    const w = box.width ?? 52;
    expect(box.x - w / 2).toBeGreaterThan(j.ankle.x);
    expect(j.hand.x).toBeGreaterThan(box.x - w / 2);
    expect(j.hand.x).toBeLessThan(box.x + w / 2);
    expect(j.hand.y).toBeGreaterThan(box.y - (box.height ?? 40) - 5);
  });

  it('sitting-wedge-cushion: the wedge lies under the pelvis, thick end at the back', () => {
    const scene = load('sitting-wedge-cushion');
    const [f] = posed(scene) as [PosedFigure];
    const wedge = scene.props?.find((p) => p.type === 'wedge');
    if (wedge?.type !== 'wedge') throw new Error('no wedge');
    const w = wedge.width ?? 44;
    expect(Math.abs(f.joints.pelvis.x - wedge.x)).toBeLessThan(w / 2);
    expect(wedge.thickEnd).toBe(f.figure.facing === 'left' ? 'right' : 'left');
    expect(f.joints.near.hand.y).toBeLessThan(f.joints.near.hip.y); // forearms up on the table
  });

  it('heel-slide: the ghost knee stands clear of the other bent knee', () => {
    const [ghost, main] = posed(load('heel-slide')) as [PosedFigure, PosedFigure];
    expect(main.joints.far.knee.y - ghost.joints.near.knee.y).toBeGreaterThan(8);
  });

  it('core-activation-supine: both hands rest on the belly, one each side of the navel', () => {
    const [f] = posed(load('core-activation-supine')) as [PosedFigure];
    const { near, far, belly, chest } = f.joints;
    const along = (x: number) => (x - belly.x) * Math.sign(f.joints.pelvis.x - chest.x);
    expect(along(near.hand.x) * along(far.hand.x)).toBeLessThan(0);
    for (const h of [near.hand, far.hand]) expect(Math.abs(h.y - belly.y)).toBeLessThan(15);
  });
  const SIDE_VIEW = { turn: 0, tilt: 0 };
  /** Joints in the world frame (x along the floor, y up, depth towards the viewer), in body units. */
  const world = (f: Figure) => poseFigure({ ...f, at: [0, 0], scale: 1 }, SIDE_VIEW).joints;
  const dist3 = (a: ScreenPoint, b: ScreenPoint) => Math.hypot(a.x - b.x, a.y - b.y, a.depth - b.depth);
  /** Distance from p to the segment a-b, in 3D. */
  const toSegment = (p: ScreenPoint, a: ScreenPoint, b: ScreenPoint) => {
    const [abx, aby, abz] = [b.x - a.x, b.y - a.y, b.depth - a.depth];
    const [apx, apy, apz] = [p.x - a.x, p.y - a.y, p.depth - a.depth];
    const t = Math.max(0, Math.min(1, (abx * apx + aby * apy + abz * apz) / (abx ** 2 + aby ** 2 + abz ** 2)));
    return Math.hypot(apx - t * abx, apy - t * aby, apz - t * abz);
  };

  it('piriformis-stretch: on the back, the near ankle rests across the far thigh, knee out, painted in front', () => {
    const scene = load('piriformis-stretch');
    const [fig] = scene.figures as [Figure];
    expect(fig.trunk).toBe(-90);
    const j = world(fig);
    // The crossed ankle lies on the far thigh, near the knee.
    expect(toSegment(j.near.ankle, j.far.hip, j.far.knee)).toBeLessThan(14);
    expect(dist3(j.near.ankle, j.far.knee)).toBeLessThan(25);
    // The crossed knee points out to the side; its shin runs across, level.
    expect(j.near.knee.depth - j.far.knee.depth).toBeGreaterThan(35);
    expect(Math.abs(j.near.knee.y - j.near.ankle.y)).toBeLessThan(10);
    // The bottom thigh is pulled up; hands reach towards it.
    expect(-j.far.knee.y).toBeGreaterThan(40);
    expect(dist3(j.near.hand, j.far.knee)).toBeLessThan(30);
    // Seen from the feet end, with the crossed leg painted over the other one.
    expect(scene.camera?.turn ?? 0).toBeGreaterThan(20);
    const parts = figureParts(posed(scene)[0] as PosedFigure).map((p) => p.name);
    expect(parts.indexOf('near-leg')).toBeGreaterThan(parts.indexOf('far-leg'));
  });

  it('book-opener: lying on the side, knees stacked; the top arm goes from the bottom hand over to the other side', () => {
    const scene = load('book-opener');
    const [start, open] = scene.figures as [Figure, Figure];
    expect(start.ghost).toBe(true);
    for (const f of [start, open]) {
      expect(f.trunk).toBe(-90);
      expect(Math.abs(f.turn ?? 0)).toBe(90);
    }
    const top = (f: Figure) => (world(f).near.shoulder.y < world(f).far.shoulder.y ? 'near' : 'far');
    const s = world(start);
    const o = world(open);
    const t = top(start);
    const b = t === 'near' ? 'far' : 'near';
    // Knees bent forwards and stacked, the same in both poses.
    expect(Math.abs(s.near.knee.depth - s.far.knee.depth)).toBeLessThan(5);
    expect(o.near.knee).toEqual(s.near.knee);
    // Start: both hands forwards together; end: the top hand on the other side, the bottom hand stays.
    const front = Math.sign(s[b].hand.depth);
    expect(dist3(s[t].hand, s[b].hand)).toBeLessThan(20);
    expect(front * o[t].hand.depth).toBeLessThan(-50);
    expect(front * o[b].hand.depth).toBeGreaterThan(50);
    expect(Math.abs(o[t].hand.y - o[b].hand.y)).toBeLessThan(10); // back down near the floor
    expect(scene.arrows?.some((a) => 'around' in a)).toBe(true);
  });

  it('pallof-press: the band comes from the side; the arms press it straight forward from the chest', () => {
    const scene = load('pallof-press');
    const [start, press] = scene.figures as [Figure, Figure];
    expect(start.ghost).toBe(true);
    const s = world(start);
    const p = world(press);
    for (const side of ['near', 'far'] as const) {
      expect(Math.abs(s[side].hand.depth)).toBeLessThan(8); // hands together in front of the chest
      expect(s[side].hand.x - s.chest.x).toBeLessThan(20);
      expect(p[side].hand.x - s[side].hand.x).toBeGreaterThan(30); // pressed forwards
      expect(Math.abs(p[side].hand.y - s[side].hand.y)).toBeLessThan(10); // at chest height
      expect(dist3(p[side].shoulder, p[side].hand)).toBeGreaterThan(66); // arms straight
    }
    // On the page, the band does not continue the line of the arms.
    const [, main] = posed(scene) as [PosedFigure, PosedFigure];
    const band = scene.props?.find((b) => b.type === 'band' && !b.ghost);
    if (band?.type !== 'band' || !Array.isArray(band.from) || band.from.length !== 2) throw new Error('no band');
    const h = main.joints.near.hand;
    const sh = main.joints.near.shoulder;
    const angle = (dx: number, dy: number) => Math.atan2(dy, dx);
    const between =
      Math.abs(angle(band.from[0] - h.x, band.from[1] - h.y) - angle(sh.x - h.x, sh.y - h.y)) * (180 / Math.PI);
    expect(Math.min(between, 360 - between)).toBeGreaterThan(45);
  });

  const BED_STEPS = ['bed-roll-to-side', 'bed-elbow-push', 'bed-sitting-edge'];

  it('the three bed steps: one camera, one bed, and the whole person in a large figure', () => {
    const [first, ...rest] = BED_STEPS.map(load) as [Scene, ...Scene[]];
    for (const scene of rest) {
      expect(scene.camera).toEqual(first.camera);
      expect(scene.props).toEqual(first.props);
    }
    for (const scene of [first, ...rest]) {
      for (const f of posed(scene)) {
        expect(f.scale).toBeGreaterThanOrEqual(1.5);
        const r = 14.5 * f.scale; // the head's radius: the largest joint
        const joints = [f.joints.head, ...Object.values(f.joints.near), ...Object.values(f.joints.far)];
        for (const j of joints) {
          expect(j.x - r).toBeGreaterThan(0);
          expect(j.x + r).toBeLessThan(400);
          expect(j.y - r).toBeGreaterThan(0);
          expect(j.y + r).toBeLessThan(300);
        }
      }
    }
  });

  it('bed-elbow-push: legs over the edge, pushing up on the lower elbow and the upper hand, both on the mattress', () => {
    const [fig] = load('bed-elbow-push').figures as [Figure];
    expect(Math.abs(fig.turn ?? 0)).toBe(90); // on the side
    expect(fig.trunk).toBeGreaterThan(-60); // coming up ...
    expect(fig.trunk).toBeLessThan(-30); // ... not yet sitting
    const j = world(fig);
    const [lower, upper] =
      j.near.shoulder.y > j.far.shoulder.y ? (['near', 'far'] as const) : (['far', 'near'] as const);
    // y grows downwards: the mattress lies about a hip's radius below the pelvis.
    const mattress = j.pelvis.y + 10;
    expect(Math.abs(j[lower].elbow.y - mattress)).toBeLessThan(6);
    expect(Math.abs(j[upper].hand.y - mattress)).toBeLessThan(6);
    // The lower forearm lies flat; its upper arm stands under the shoulder.
    expect(Math.abs(j[lower].wrist.y - j[lower].elbow.y)).toBeLessThan(6);
    expect(j[lower].elbow.y - j[lower].shoulder.y).toBeGreaterThan(28);
    // The upper hand is planted in front of the body, apart from the elbow.
    expect(j[upper].hand.depth - j.chest.depth).toBeGreaterThan(10);
    expect(dist3(j[upper].hand, j[lower].elbow)).toBeGreaterThan(25);
    for (const side of ['near', 'far'] as const) {
      expect(j[side].knee.depth).toBeGreaterThan(40); // thighs forwards, over the edge
      expect(j[side].ankle.y - j[side].knee.y).toBeGreaterThan(40); // lower legs hang down
    }
  });

  /** The share of the picture's width and height the non-ghost figures span, after the frame's zoom. */
  const span = (scene: Scene): { width: number; height: number } => {
    const [w, h] = sceneSize(scene);
    const [fx, fy, fw] = scene.frame ?? [0, 0, w];
    const k = w / fw;
    const points = posed(scene)
      .filter((f) => !f.figure.ghost)
      .flatMap((f) => {
        const r = 14.5 * f.scale;
        return [f.joints.head, ...Object.values(f.joints.near), ...Object.values(f.joints.far)].flatMap((j) => [
          [(j.x - r - fx) * k, (j.y - r - fy) * k],
          [(j.x + r - fx) * k, (j.y + r - fy) * k],
        ]);
      });
    const extent = (i: 0 | 1) =>
      Math.max(...points.map((p) => p[i] as number)) - Math.min(...points.map((p) => p[i] as number));
    return { width: extent(0) / w, height: extent(1) / h };
  };

  it('lying figures fill their picture: most of its width, and a box around them of a fifth of it or more', () => {
    const lying = readdirSync('content/pictures')
      .map((f) => f.replace(/\.json$/, ''))
      .filter((id) =>
        load(id)
          .figures.filter((f) => !f.ghost)
          .every((f) => (f.trunk ?? 0) <= -60 || (f.trunk ?? 0) >= 85),
      );
    expect(lying.length).toBeGreaterThan(10);
    for (const id of lying) {
      const { width, height } = span(load(id));
      expect(width, id).toBeGreaterThan(0.6);
      expect(width * height, id).toBeGreaterThan(0.22);
    }
  });

  it('squat-to-stand: both figures are large, most of the picture high', () => {
    expect(span(load('squat-to-stand')).height).toBeGreaterThan(0.65);
  });

  it('seated-knee-extension: both knees straight, from both knees bent', () => {
    const [ghost, main] = load('seated-knee-extension').figures as [Figure, Figure];
    expect(ghost.ghost).toBe(true);
    const [g, m] = [world(ghost), world(main)];
    for (const side of ['near', 'far'] as const) {
      expect(Math.abs(m[side].ankle.y - m[side].hip.y)).toBeLessThan(15); // the leg points straight ahead
      expect(g[side].ankle.y - g[side].knee.y).toBeGreaterThan(40); // the lower leg hangs
    }
  });

  it('rest-side-pillow-legs: the pillow lies between the knees, painted over the far leg', () => {
    const scene = load('rest-side-pillow-legs');
    const [f] = posed(scene) as [PosedFigure];
    const pillow = scene.props?.find((p) => p.type === 'pillow' && p.layer === 'front');
    if (pillow?.type !== 'pillow') throw new Error('no pillow in front of the legs');
    const { near, far } = f.joints;
    const between = { x: (near.knee.x + far.knee.x) / 2, y: (near.knee.y + far.knee.y) / 2 };
    expect(Math.hypot(pillow.x - between.x, pillow.y - between.y)).toBeLessThan(25);
  });

  it('standing-thoracic-extension: the upper back bends backwards, not only the head', () => {
    const [ghost, main] = posed(load('standing-thoracic-extension')) as [PosedFigure, PosedFigure];
    expect(main.figure.upperBack ?? 0).toBeLessThanOrEqual(-20);
    expect(Math.abs(main.figure.lowBack ?? 0)).toBeLessThanOrEqual(5); // the low back stays still
    // Facing right: backwards is to the left; the shoulders and the neck go back with the head.
    expect(ghost.joints.near.shoulder.x - main.joints.near.shoulder.x).toBeGreaterThan(5);
    expect(ghost.joints.neck.x - main.joints.neck.x).toBeGreaterThan(12);
  });

  it('child-pose: the head is painted over the arms, the hands reach forwards along the floor', () => {
    const scene = load('child-pose');
    const [f] = posed(scene) as [PosedFigure];
    const parts = figureParts(f).map((p) => p.name);
    expect(parts.indexOf('torso')).toBeGreaterThan(parts.indexOf('near-arm'));
    expect(parts.indexOf('torso')).toBeGreaterThan(parts.indexOf('far-arm'));
    const mat = scene.props?.find((p) => p.type === 'mat');
    if (mat?.type !== 'mat') throw new Error('no mat');
    expect(mat.y - f.joints.near.hand.y).toBeLessThan(10);
    expect(f.joints.near.hand.x).toBeGreaterThan(f.joints.head.x + 30);
    expect(mat.y - f.joints.head.y).toBeLessThan(25); // forehead down towards the floor
    expect(f.joints.near.ankle.x).toBeLessThan(f.joints.near.knee.x); // sitting back on the heels
  });
});
