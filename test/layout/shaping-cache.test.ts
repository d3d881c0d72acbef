/**
 * The shaping cache (`.cache/shaping/`): a later process starts from the words an
 * earlier one shaped and writes the same bytes; a cache that is damaged, stale or
 * planted is ignored, never read or written through a link, and never fails a build.
 * Each build is a process of its own, as the cache is for the next process.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handout } from '../helpers/cli.js';
import { copyProject } from '../helpers/project.js';

const PROGRAMME = 'content/programmes/p-2026-0142.json';
const PDF = 'output/fysio-lindebakken/p-2026-0142.pdf';

let root: string;
let fresh: Buffer;

async function build(): Promise<Buffer> {
  const run = await handout(root, 'build', PROGRAMME);
  expect(run.stderr).not.toMatch(/error/i);
  expect(run.code).toBe(0);
  return readFile(path.join(root, PDF));
}

async function cacheFiles(): Promise<string[]> {
  return (await readdir(path.join(root, '.cache/shaping')).catch(() => [] as string[])).sort();
}

beforeAll(async () => {
  root = await copyProject();
  fresh = await build();
}, 60_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('shaping cache', () => {
  it('is written by a build, and a later build from it writes the same bytes without shaping again', async () => {
    const files = await cacheFiles();
    expect(files.length).toBeGreaterThan(0);
    const before = await Promise.all(files.map((f) => stat(path.join(root, '.cache/shaping', f))));
    expect(await build()).toEqual(fresh);
    const after = await Promise.all(files.map((f) => stat(path.join(root, '.cache/shaping', f))));
    // Every word came from the cache: nothing new to write.
    expect(after.map((s) => s.mtimeMs)).toEqual(before.map((s) => s.mtimeMs));
  }, 60_000);

  it('ignores a damaged, stale or planted cache, and words it does not draw as they are, and writes it anew', async () => {
    const [first] = await cacheFiles();
    const file = path.join(root, '.cache/shaping', first as string);
    const good = JSON.parse(await readFile(file, 'utf8'));
    const [word, run] = Object.entries(good.runs as Record<string, number[][]>)[0] as [string, number[][]];
    const [measured] = Object.keys(good.widths) as [string];
    const withRun = (glyphs: unknown[]) => JSON.stringify({ ...good, runs: { ...good.runs, [word]: glyphs } });
    const damaged: [string, string][] = [
      ['not JSON', '{"format": 1, "font": '],
      ['another format', JSON.stringify({ ...good, format: 2 })],
      ['another font', JSON.stringify({ ...good, font: '0'.repeat(64) })],
      ['a glyph the font lacks', withRun([[999_999, 500, 0, 0, 0, 97], ...run.slice(1)])],
      ['a glyph id that is no whole number', withRun([[1.5, 500, 0, 0, 0, 97]])],
      ['an advance that is not a number', withRun([[(run[0] as number[])[0], 'wide', 0, 0, 0, 97]])],
      ['a code point beyond Unicode', withRun([[(run[0] as number[])[0], 500, 0, 0, 0, 0x110000]])],
      ['a negative width', JSON.stringify({ ...good, widths: { ...good.widths, [word]: -1 } })],
      // Well formed, but not what the word looks like: another glyph, others' letters, glyphs over one another.
      [
        'a glyph for another character',
        withRun([[(run[0] as number[])[0] === 1 ? 2 : 1, ...(run[0] as number[]).slice(1)], ...run.slice(1)]),
      ],
      ['the letters of another word', withRun(run.map((g) => [...g.slice(0, 5), 0x78]))],
      ['glyphs moved over one another', withRun(run.map((g) => [g[0], -400, ...g.slice(2)]))],
      ['a width far from its glyphs', JSON.stringify({ ...good, widths: { ...good.widths, [measured]: 9 } })],
      ['a run that is no list', withRun({} as unknown as unknown[])],
    ];
    for (const [what, text] of damaged) {
      // Only this file damaged, and all words missing from the others: the build must shape them all again.
      await rm(path.join(root, '.cache/shaping'), { recursive: true, force: true });
      await mkdir(path.join(root, '.cache/shaping'), { recursive: true });
      await writeFile(file, text);
      expect(await build(), what).toEqual(fresh);
      expect(JSON.parse(await readFile(file, 'utf8')), what).toMatchObject({ format: 1, font: good.font });
    }
  }, 180_000);

  it('is never read or written through a symbolic link', async () => {
    const outside = await mkdtemp(path.join(os.tmpdir(), 'handout-outside-'));
    try {
      // A cache folder that links out of the project: nothing is written there.
      await rm(path.join(root, '.cache/shaping'), { recursive: true, force: true });
      await symlink(outside, path.join(root, '.cache/shaping'));
      expect(await build()).toEqual(fresh);
      expect(await readdir(outside)).toEqual([]);

      // A cache file that links to a file outside: not read, and replaced by a file of the project.
      await rm(path.join(root, '.cache/shaping'));
      await build();
      const [first] = await cacheFiles();
      const file = path.join(root, '.cache/shaping', first as string);
      // Well formed and plausible, but every word a fifth of an em wider: read, it would change the lines.
      const good = JSON.parse(await readFile(file, 'utf8'));
      const wide = Object.fromEntries(
        Object.entries(good.widths as Record<string, number>).map(([w, n]) => [w, n + 0.2]),
      );
      const planted = path.join(outside, 'planted.json');
      const plantedText = JSON.stringify({ ...good, widths: wide });
      await writeFile(planted, plantedText);
      await rm(file);
      await symlink(planted, file);
      expect(await build()).toEqual(fresh);
      expect(await readFile(planted, 'utf8')).toBe(plantedText);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  }, 120_000);
});
