import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { pictogramSvg } from '../../src/pictures/pictogram.js';
import { type Palette, PaletteSchema, type Scene, SceneSchema } from '../../src/pictures/scene.js';

const DIR = 'content/pictures';
const PALETTE: Palette = { figure: '#1f4e79', prop: '#8a8f98', accent: '#d9822b', floor: '#b0b4ba' };
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

function load(file: string): Scene {
  const parsed = SceneSchema.safeParse(JSON.parse(readFileSync(join(DIR, file), 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.message}`);
  return parsed.data;
}

/** Pixels that are clearly not white, after flattening onto white. */
async function inkedPixels(svg: string): Promise<{ inked: number; total: number }> {
  const { data, info } = await sharp(Buffer.from(svg), { density: 72 })
    .flatten({ background: '#ffffff' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  let inked = 0;
  for (let i = 0; i < data.length; i += info.channels) {
    if ((data[i] as number) + (data[i + 1] as number) + (data[i + 2] as number) < 600) inked++;
  }
  return { inked, total: info.width * info.height };
}

describe('content/pictures', () => {
  it('has pictures', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s parses with SceneSchema', (file) => {
    expect(() => load(file)).not.toThrow();
  });

  it.each(files)('%s renders to a non-blank SVG that sharp can rasterise', async (file) => {
    const svg = pictogramSvg(load(file), PALETTE);
    const { inked, total } = await inkedPixels(svg);
    expect(inked, `${file}: too few inked pixels`).toBeGreaterThan(total * 0.03);
    expect(inked, `${file}: almost all inked`).toBeLessThan(total * 0.9);
  });

  it.each(files)('%s renders deterministically', (file) => {
    const scene = load(file);
    expect(pictogramSvg(scene, PALETTE)).toBe(pictogramSvg(structuredClone(scene), PALETTE));
  });

  it.each(files)('%s uses only basic SVG', (file) => {
    const svg = pictogramSvg(load(file), PALETTE);
    for (const bad of ['<text', '<style', 'filter', 'mask', 'clipPath', '<use', 'class=', 'Gradient', 'marker']) {
      expect(svg, `${file} contains ${bad}`).not.toContain(bad);
    }
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 (400|600) 300"/);
    // Numbers are rounded to at most 1-2 decimals (4 only inside a frame matrix).
    expect(svg.replace(/matrix\([^)]*\)/g, '')).not.toMatch(/\d\.\d{3}/);
  });
});

describe('SceneSchema', () => {
  const minimal = { figures: [{ at: [200, 150] }] };

  it('accepts a minimal scene', () => {
    expect(SceneSchema.safeParse(minimal).success).toBe(true);
  });

  it('rejects unknown keys (typos)', () => {
    expect(SceneSchema.safeParse({ ...minimal, figurs: [] }).success).toBe(false);
    expect(SceneSchema.safeParse({ figures: [{ at: [200, 150], near: { kne: 90 } }] }).success).toBe(false);
    expect(SceneSchema.safeParse({ ...minimal, props: [{ type: 'pillow', x: 1, y: 2, widht: 3 }] }).success).toBe(
      false,
    );
  });

  it('rejects a bad joint reference', () => {
    const scene = { ...minimal, arrows: [{ from: 'near.nose', to: [1, 2] }] };
    expect(SceneSchema.safeParse(scene).success).toBe(false);
  });

  it('renders the minimal scene: a standing figure', () => {
    const svg = pictogramSvg(SceneSchema.parse(minimal), PALETTE);
    expect(svg).toContain('fill="#1f4e79"');
  });
});

describe('PaletteSchema', () => {
  it('accepts hex colours and rejects others', () => {
    expect(PaletteSchema.safeParse(PALETTE).success).toBe(true);
    expect(PaletteSchema.safeParse({ ...PALETTE, figure: 'blue' }).success).toBe(false);
  });
});
