import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { arrowSvg } from '../../src/pictures/arrows.js';
import { type PosedFigure, poseFigure } from '../../src/pictures/body.js';
import { pictogramSvg } from '../../src/pictures/pictogram.js';
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
});
