/**
 * Renders every content/pictures/*.json to output/pictures/<id>.png and a
 * contact sheet output/pictures/_all.png, for looking at the pictograms.
 *
 *   npx --yes tsx scripts/preview-pictures.ts [--bench]
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { pictogramSvg } from '../src/pictures/pictogram.js';
import { type Palette, type Scene, SceneSchema } from '../src/pictures/scene.js';

const dir = 'content/pictures';
const out = 'output/pictures';
export const SAMPLE_PALETTE: Palette = { figure: '#1f4e79', prop: '#8a8f98', accent: '#d9822b', floor: '#b0b4ba' };

const scenes: [string, Scene][] = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => {
    const parsed = SceneSchema.safeParse(JSON.parse(readFileSync(join(dir, f), 'utf8')));
    if (!parsed.success) throw new Error(`${f}: ${parsed.error.message}`);
    return [f.replace(/\.json$/, ''), parsed.data];
  });

mkdirSync(out, { recursive: true });
const tiles: { id: string; png: Buffer }[] = [];
for (const [id, scene] of scenes) {
  const svg = pictogramSvg(scene, SAMPLE_PALETTE);
  writeFileSync(join(out, `${id}.svg`), svg);
  const png = await sharp(Buffer.from(svg), { density: 150 }).flatten({ background: '#ffffff' }).png().toBuffer();
  writeFileSync(join(out, `${id}.png`), png);
  tiles.push({ id, png });
}

// Contact sheet: thumbnails 400 px wide with the id underneath.
const TW = 400;
const TH = 330;
const cols = 4;
const rows = Math.ceil(tiles.length / cols);
const composites = await Promise.all(
  tiles.map(async (t, i) => {
    const x = (i % cols) * TW;
    const y = Math.floor(i / cols) * TH;
    const thumb = await sharp(t.png)
      .resize({ width: TW - 20, height: TH - 40, fit: 'contain', background: '#ffffff' })
      .toBuffer();
    const label = Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${TW}" height="30"><text x="${TW / 2}" y="20" font-family="sans-serif" font-size="16" text-anchor="middle" fill="#333">${t.id}</text></svg>`,
    );
    return [
      { input: thumb, left: x + 10, top: y + 5 },
      { input: label, left: x, top: y + TH - 34 },
    ];
  }),
);
await sharp({ create: { width: cols * TW, height: rows * TH, channels: 3, background: '#ffffff' } })
  .composite(composites.flat())
  .png()
  .toFile(join(out, '_all.png'));
console.log(`wrote ${tiles.length} pictures to ${out}/`);

if (process.argv.includes('--bench')) {
  const runs = 100;
  const t0 = performance.now();
  for (let r = 0; r < runs; r++) for (const [, scene] of scenes) pictogramSvg(scene, SAMPLE_PALETTE);
  const ms = (performance.now() - t0) / (runs * scenes.length);
  console.log(`pictogramSvg: ${ms.toFixed(3)} ms per picture (${runs} × ${scenes.length} renders)`);
}
