/**
 * A picture's alt text and its scene must say the same thing about what a test
 * can see: the person's position (standing, sitting, lying on the back, side or
 * front, on all fours) and the props (chair, pillow, wedge, band, wall, table).
 * A screen-reader user and a sighted reader get the same instruction.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAngles } from '../../src/pictures/body.js';
import { type Prop, type Scene, SceneSchema } from '../../src/pictures/scene.js';
import { ROOT } from '../helpers/project.js';

type Position = 'standing' | 'sitting' | 'heels' | 'squat' | 'back' | 'side' | 'front' | 'fours';

/** Danish phrases of the alt texts, most specific first: "står på alle fire" is on all fours, not standing. */
const POSITION_WORDS: [RegExp, Position][] = [
  [/på alle fire/, 'fours'],
  [/ligger på ryggen/, 'back'],
  [/ligger på siden/, 'side'],
  [/ligger på maven/, 'front'],
  [/sidder på hælene/, 'heels'],
  [/sidder i en dyb knæbøjning/, 'squat'],
  [/\bsidder\b/, 'sitting'],
  [/\bstår\b/, 'standing'],
];

/** Props the alt text names, and the scene prop types that draw them. */
const PROP_WORDS: [RegExp, string[]][] = [
  [/\bstol|stoleryg/, ['chair']],
  [/\bpude|puder\b/, ['pillow']],
  [/skråkile/, ['wedge']],
  [/elastik/, ['band']],
  [/\bvæg/, ['wall']],
  [/\bbord\b/, ['table']],
  [/håndvægt/, ['dumbbell']],
  [/\bkasse\b/, ['box']],
  [/\bseng/, ['bed']],
];

/** A mattress: a soft block as long as a person lying down, thicker than an exercise mat (at most 6 units). */
const isMattress = (p: Prop) => p.type === 'block' && p.soft === true && p.size[0] >= 200 && p.size[1] >= 20;

/** The prop types a scene draws, a bed counted as one whether drawn flat or as a block in perspective. */
function drawnTypes(scene: Scene): Set<string> {
  const props = (scene.props ?? []).filter((p) => !('ghost' in p && p.ghost));
  const types = new Set<string>(props.map((p) => p.type));
  if (props.some(isMattress)) types.add('bed');
  return types;
}

function positionsOf(scene: Scene): Set<Position> {
  const out = new Set<Position>();
  const camera = { turn: scene.camera?.turn ?? 0, tilt: scene.camera?.tilt ?? 0 };
  const seats = (scene.props ?? []).flatMap((p) => (p.type === 'chair' ? [p] : []));
  for (const fig of scene.figures.filter((f) => !f.ghost)) {
    const trunk = fig.trunk ?? 0;
    const turn = Math.abs(fig.turn ?? 0);
    const legs = (['near', 'far'] as const).map((side) => resolveAngles(fig, camera, side));
    const hips = legs.map((l) => l.hip);
    const knee = Math.max(...legs.map((l) => l.knee));
    // The figure is placed by its pelvis: a chair's seat just under it means sitting on it.
    const onSeat = seats.some((c) => Math.abs(c.x - fig.at[0]) < 40 && c.y - fig.at[1] >= -5 && c.y - fig.at[1] <= 40);
    if (trunk <= -60) out.add(turn >= 45 ? 'side' : 'back');
    else if (!onSeat && trunk < 60 && Math.min(...hips) >= 90 && knee >= 90) out.add('squat');
    else if (trunk >= 30 && knee >= 60 && knee < 150) out.add('fours');
    else if (trunk >= 85) out.add('front');
    else if (knee >= 150) out.add('heels');
    else if (onSeat || (Math.abs(trunk) < 45 && Math.min(...hips) >= 60 && knee >= 45 && turn >= 45))
      out.add('sitting');
    else out.add('standing');
  }
  return out;
}

function loadScene(id: string): Scene {
  return SceneSchema.parse(JSON.parse(readFileSync(join(ROOT, 'content/pictures', `${id}.json`), 'utf8')));
}

/** Every picture with its alt text: the exercises' and the handouts' figures. */
function uses(): { where: string; picture: string; alt: string }[] {
  const out: { where: string; picture: string; alt: string }[] = [];
  for (const file of readdirSync(join(ROOT, 'content/exercises'))) {
    const e = JSON.parse(readFileSync(join(ROOT, 'content/exercises', file), 'utf8'));
    out.push({ where: `exercises/${file}`, picture: e.picture, alt: e.alt });
  }
  const walk = (value: unknown, where: string) => {
    if (Array.isArray(value)) for (const v of value) walk(v, where);
    else if (value && typeof value === 'object') {
      const o = value as Record<string, unknown>;
      if (typeof o.picture === 'string' && typeof o.alt === 'string')
        out.push({ where, picture: o.picture, alt: o.alt });
      for (const v of Object.values(o)) walk(v, where);
    }
  };
  for (const file of readdirSync(join(ROOT, 'content/handouts')))
    walk(JSON.parse(readFileSync(join(ROOT, 'content/handouts', file), 'utf8')), `handouts/${file}`);
  return out.filter((u) => !u.picture.startsWith('assets/'));
}

describe('alt text and scene agree', () => {
  const all = uses();

  it('covers every pictogram the content uses', () => {
    expect(all.length).toBeGreaterThan(35);
  });

  it.each(all.map((u) => [`${u.picture} (${u.where})`, u]))('%s: the position', (_, u) => {
    const word = POSITION_WORDS.find(([re]) => re.test(u.alt));
    if (!word) return; // the alt names no position ("løber let på stedet")
    expect([...positionsOf(loadScene(u.picture))], u.alt).toContain(word[1]);
  });

  it.each(all.map((u) => [`${u.picture} (${u.where})`, u]))('%s: the props', (_, u) => {
    const types = drawnTypes(loadScene(u.picture));
    for (const [re, drawn] of PROP_WORDS) {
      const named = re.test(u.alt);
      const shown = drawn.some((t) => types.has(t));
      expect(shown, `${re} in "${u.alt}" but the scene draws ${[...types].join(', ')}`).toBe(named || shown);
      if (named) expect(shown, `alt names ${re}, scene has ${[...types].join(', ')}`).toBe(true);
    }
    // What the eye sees first must be in the words: a chair, a pillow, a wedge or a band in the picture.
    for (const [type, re] of [
      ['chair', /stol/],
      ['pillow', /pude|puder/],
      ['wedge', /skråkile/],
      ['band', /elastik/],
      ['bed', /seng/],
    ] as const)
      if (types.has(type)) expect(u.alt, `the scene draws a ${type}`).toMatch(re);
  });
});

describe('the position classifier', () => {
  it('tells the positions apart on known scenes', () => {
    expect([...positionsOf(loadScene('bird-dog'))]).toContain('fours');
    expect([...positionsOf(loadScene('heel-slide'))]).toEqual(['back']);
    expect([...positionsOf(loadScene('clamshell'))]).toEqual(['side']);
    expect([...positionsOf(loadScene('back-extension'))]).toEqual(['front']);
    expect([...positionsOf(loadScene('seated-knee-extension'))]).toEqual(['sitting']);
    expect([...positionsOf(loadScene('arm-circles'))]).toEqual(['standing']);
  });
});
