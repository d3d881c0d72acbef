import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type PosedFigure, poseFigure } from '../../src/pictures/body.js';
import { figureParts } from '../../src/pictures/figure.js';
import { pictogramSvg } from '../../src/pictures/pictogram.js';
import { type Figure, type Palette, type Scene, SceneSchema } from '../../src/pictures/scene.js';

const PALETTE: Palette = { figure: '#1f4e79', prop: '#8a8f98', accent: '#d9822b', floor: '#b0b4ba' };
const SIDE = { turn: 0, tilt: 0 };
const pose = (f: Partial<Figure>): PosedFigure => poseFigure({ at: [0, 0], ...f }, SIDE);
const load = (id: string): Scene => SceneSchema.parse(JSON.parse(readFileSync(`content/pictures/${id}.json`, 'utf8')));
const posed = (scene: Scene): PosedFigure[] =>
  scene.figures.map((f) => poseFigure(f, { turn: scene.camera?.turn ?? 0, tilt: scene.camera?.tilt ?? 0 }));

describe('spine bend (lowBack, upperBack, twist)', () => {
  it('at 0 is exactly the rigid trunk', () => {
    const rigid = pose({});
    const zero = pose({ lowBack: 0, upperBack: 0, twist: 0 });
    expect(zero.bent).toBe(false);
    expect(zero.trunk).toEqual(rigid.trunk);
    expect(zero.joints).toEqual(rigid.joints);
    expect(pictogramSvg({ figures: [{ at: [200, 150], lowBack: 0 }] }, PALETTE)).toBe(
      pictogramSvg({ figures: [{ at: [200, 150] }] }, PALETTE),
    );
  });

  it('lowBack + rounds the back forwards; the pelvis and legs stay', () => {
    const straight = pose({});
    const round = pose({ lowBack: 30 });
    expect(round.joints.head.x).toBeGreaterThan(straight.joints.head.x + 20);
    expect(round.joints.near.shoulder.x).toBeGreaterThan(straight.joints.near.shoulder.x + 10);
    expect(round.joints.pelvis).toEqual(straight.joints.pelvis);
    expect(round.joints.near.knee).toEqual(straight.joints.near.knee);
  });

  it('upperBack - bends only the upper back backwards', () => {
    const straight = pose({});
    const ext = pose({ upperBack: -25 });
    expect(ext.joints.head.x).toBeLessThan(straight.joints.head.x - 10);
    // The waist does not move.
    const waist = (p: PosedFigure) => p.trunk.find((t) => Math.abs(t.y + 24) < 0.5);
    expect(waist(ext)?.x).toBeCloseTo(waist(straight)?.x ?? Number.NaN, 6);
  });

  it('twist turns the shoulders about the spine but not the hips', () => {
    const t = pose({ twist: 45 });
    const straight = pose({});
    expect(t.joints.near.shoulder.depth).toBeLessThan(straight.joints.near.shoulder.depth - 3);
    expect(Math.abs(t.joints.near.shoulder.x - t.joints.far.shoulder.x)).toBeGreaterThan(10);
    expect(t.joints.near.hip).toEqual(straight.joints.near.hip);
  });

  it('handAt still puts the hand on its target with a bent back', () => {
    const target: [number, number] = [40, -10];
    const p = pose({ lowBack: 25, upperBack: 15, near: { handAt: target } });
    expect(p.joints.near.hand.x).toBeCloseTo(target[0], 1);
    expect(p.joints.near.hand.y).toBeCloseTo(target[1], 1);
  });

  it('draws a bent trunk as a chain of segments, so the back can curve', () => {
    const torso = (p: PosedFigure) => figureParts(p).find((part) => part.name === 'torso');
    expect(torso(pose({}))?.blobs).toHaveLength(3);
    expect(torso(pose({ lowBack: 20 }))?.blobs.length).toBeGreaterThan(4);
  });

  it('parses in a scene and renders', () => {
    const scene = SceneSchema.parse({ figures: [{ at: [200, 150], lowBack: 20, upperBack: -10, twist: 30 }] });
    expect(pictogramSvg(scene, PALETTE)).toContain('<path');
    expect(() => SceneSchema.parse({ figures: [{ at: [0, 0], lowBack: 400 }] })).toThrow();
  });
});

describe('new exercise pictures show the exercise', () => {
  it('glute-bridge: hips lifted into a straight shoulders-hips-knees line, shoulders and head down', () => {
    const scene = load('glute-bridge');
    const [up] = posed(scene).filter((p) => !p.figure.ghost) as [PosedFigure];
    const { pelvis, head } = up.joints;
    const { shoulder, knee, hand, heel } = up.joints.near;
    const floor = scene.props?.find((p) => p.type === 'mat');
    if (floor?.type !== 'mat') throw new Error('no mat');
    expect(pelvis.y).toBeLessThan(shoulder.y - 20); // hips lifted
    expect(floor.y - shoulder.y).toBeLessThan(30); // shoulders on the floor
    expect(floor.y - (head.y + 14.5 * up.scale)).toBeLessThan(6); // head resting on the floor
    expect(floor.y - hand.y).toBeLessThan(12); // arms along the floor
    expect(floor.y - heel.y).toBeLessThan(12); // feet flat
    // Shoulders, hips and knees in a line (no sagging or arching).
    const slope = (a: { x: number; y: number }, b: { x: number; y: number }) =>
      (Math.atan2(b.y - a.y, b.x - a.x) * 180) / Math.PI;
    expect(Math.abs(slope(shoulder, pelvis) - slope(pelvis, knee))).toBeLessThan(12);
  });

  it('bird-dog: the reaching hand and the stretched foot are in line with the back', () => {
    const [f] = posed(load('bird-dog')) as [PosedFigure];
    const { pelvis: a, neck: b } = f.joints;
    // Distance from the line through the pelvis and the neck.
    const off = (p: { x: number; y: number }) =>
      Math.abs((b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x)) / Math.hypot(b.x - a.x, b.y - a.y);
    expect(off(f.joints.far.hand)).toBeLessThan(15);
    expect(off(f.joints.near.ankle)).toBeLessThan(15);
    // ...and the other hand and knee are on the floor.
    expect(f.joints.near.hand.y).toBeGreaterThan(f.joints.pelvis.y + 50);
  });

  it('cat-camel: the back is rounded up above the dipped start pose', () => {
    const [dip, round] = posed(load('cat-camel')) as [PosedFigure, PosedFigure];
    const top = (p: PosedFigure) => Math.min(...p.trunk.map((t) => t.y - t.r));
    expect(top(round)).toBeLessThan(top(dip) - 10);
  });

  it('prone-leg-lift: the lifted foot is above the resting one', () => {
    const [f] = posed(load('prone-leg-lift')).filter((p) => !p.figure.ghost) as [PosedFigure];
    expect(f.joints.near.ankle.y).toBeLessThan(f.joints.far.ankle.y - 10);
  });
});
