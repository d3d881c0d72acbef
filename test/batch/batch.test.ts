/** Batch builds as CI runs them: parallel, incremental, sharded, reproducible, loud about failures. */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type BatchEvent, runBatch } from '../../src/batch/batch.js';
import { expandManifest, loadManifest } from '../../src/batch/manifest.js';
import { inShard, parseShard } from '../../src/batch/shard.js';
import { brandProblems } from '../../src/brand/check.js';
import { loadLibrary } from '../../src/content/library.js';
import { copyProject, editFile, filesBelow } from '../helpers/project.js';

const LEAFLET = 'content/handouts/smerter-i-ryggen.json';

/** A project copy with a second handout that uses no exercises, and a second brand. */
async function project(): Promise<string> {
  const root = await copyProject();
  const leaflet = JSON.parse(await readFile(path.join(root, LEAFLET), 'utf8'));
  leaflet.id = 'hvile';
  leaflet.sections = leaflet.sections.slice(0, 1);
  await editFile(root, 'content/handouts/hvile.json', () => JSON.stringify(leaflet, null, 2));
  const brand = JSON.parse(await readFile(path.join(root, 'content/brands/skovlund-sygehus.json'), 'utf8'));
  await editFile(root, 'content/brands/lille-klinik.json', () =>
    JSON.stringify({ ...brand, id: 'lille-klinik', organisation: 'Lille Klinik' }, null, 2),
  );
  await editFile(root, 'handouts.config.json', () =>
    JSON.stringify({
      handouts: ['content/handouts/smerter-i-ryggen.json', 'content/handouts/hvile.json'],
      brands: ['skovlund-sygehus', 'lille-*'],
    }),
  );
  return root;
}

async function batch(root: string, force = false) {
  const events: BatchEvent[] = [];
  const summary = await runBatch({ root, manifest: 'handouts.config.json', workers: 2, force }, (e) => events.push(e));
  const built = events.flatMap((e) => (e.kind === 'done' && e.result.ok ? [e.result.output] : [])).sort();
  const hashes = Object.fromEntries(
    events.flatMap((e) => (e.kind === 'done' && e.result.ok ? [[e.result.output, e.result.sha256]] : [])),
  );
  return { summary, built, hashes };
}

describe('handout batch', () => {
  it('builds every handout for every brand, then nothing until an input changes, then only what uses it', async () => {
    const root = await project();
    const first = await batch(root);
    expect(first.summary.failed).toEqual([]);
    expect(first.built).toEqual([
      'output/lille-klinik/da/hvile.pdf',
      'output/lille-klinik/da/smerter-i-ryggen.pdf',
      'output/skovlund-sygehus/da/hvile.pdf',
      'output/skovlund-sygehus/da/smerter-i-ryggen.pdf',
    ]);
    expect((await filesBelow(path.join(root, 'output'))).sort()).toEqual(
      first.built.map((f) => f.replace('output/', '')),
    );

    const again = await batch(root);
    expect(again.built).toEqual([]);
    expect(again.summary.unchanged).toBe(4);

    // A deleted or edited PDF is built again; one with the size and time recorded is not even read.
    const output = (file: string) => path.join(root, 'output', file);
    await rm(output('lille-klinik/da/hvile.pdf'));
    const edited = await readFile(output('skovlund-sygehus/da/hvile.pdf'));
    await writeFile(output('skovlund-sygehus/da/hvile.pdf'), edited.fill(0x20, 100, 200));
    await editFile(root, '.cache/handout-build.json', (t) => {
      const record = JSON.parse(t);
      record.outputs['output/skovlund-sygehus/da/smerter-i-ryggen.pdf'].sha256 = '0'.repeat(64);
      return JSON.stringify(record);
    });
    expect((await batch(root)).built).toEqual([
      'output/lille-klinik/da/hvile.pdf',
      'output/skovlund-sygehus/da/hvile.pdf',
    ]);

    await editFile(root, 'content/exercises/heel-slide.json', (t) =>
      t.replace('Hælen glider ud', 'Hælen glider langsomt ud'),
    );
    const changed = await batch(root);
    expect(changed.built).toEqual([
      'output/lille-klinik/da/smerter-i-ryggen.pdf',
      'output/skovlund-sygehus/da/smerter-i-ryggen.pdf',
    ]);

    await editFile(root, 'content/brands/lille-klinik.json', (t) => t.replace('Lille Klinik', 'Lille Klinik ApS'));
    expect((await batch(root)).built).toEqual([
      'output/lille-klinik/da/hvile.pdf',
      'output/lille-klinik/da/smerter-i-ryggen.pdf',
    ]);
  });

  it('gives byte-identical PDFs when it builds the same inputs again', async () => {
    const root = await project();
    const first = await batch(root);
    const second = await batch(root, true);
    expect(second.built.length).toBe(4);
    expect(second.hashes).toEqual(first.hashes);
  });

  it('goes on after a failure, lists it with its clear error, and keeps no PDF of it', async () => {
    const root = await project();
    await editFile(root, 'content/handouts/hvile.json', (t) => t.replace('"version": "1.2"', '"version": 1'));
    const { summary, built } = await batch(root);
    expect(built).toEqual([
      'output/lille-klinik/da/smerter-i-ryggen.pdf',
      'output/skovlund-sygehus/da/smerter-i-ryggen.pdf',
    ]);
    expect(summary.failed.map((f) => f.output)).toEqual([
      'output/lille-klinik/da/hvile.pdf',
      'output/skovlund-sygehus/da/hvile.pdf',
    ]);
    expect(summary.failed[0]?.message).toMatch(
      /content\/handouts\/hvile\.json:\d+:\d+: meta\.version: expected string, received number/,
    );
    expect(await filesBelow(path.join(root, 'output/lille-klinik/da'))).toEqual(['smerter-i-ryggen.pdf']);
  });

  it('splits the work into shards that are disjoint and cover everything', async () => {
    const root = await project();
    const library = await loadLibrary(root, brandProblems);
    const { manifest } = await loadManifest(root, 'handouts.config.json');
    // 2 handouts x 2 brands x 2 languages.
    const jobs = await expandManifest(
      { ...manifest, languages: ['da', 'en'], output: 'out/{lang}/{brand}/{handout}.pdf', outputFolder: 'out' },
      root,
      library,
      'm',
    );
    expect(jobs.length).toBe(8);
    for (const count of [1, 2, 3, 4]) {
      const shards = Array.from({ length: count }, (_, i) =>
        jobs.filter((j) => inShard(j.output, { index: i + 1, count })).map((j) => j.output),
      );
      expect(shards.flat().sort()).toEqual(jobs.map((j) => j.output).sort());
      expect(new Set(shards.flat()).size).toBe(jobs.length);
    }
    expect(() => parseShard('5/4')).toThrow(/1 <= i <= n/);
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
  });
});

describe('handout batch with programmes', () => {
  it('builds each programme in its own brand, and only again when something it uses changes', async () => {
    const root = await copyProject();
    await editFile(root, 'handouts.config.json', () =>
      JSON.stringify({ handouts: ['content/programmes/*.json'], brands: ['skovlund-sygehus'] }),
    );
    expect((await batch(root)).built).toEqual([
      'output/fysio-lindebakken/da/p-2026-0142.pdf',
      'output/idraetsklinikken-kvik/da/p-2026-0157.pdf',
    ]);
    expect((await batch(root)).built).toEqual([]);
    await editFile(root, 'content/exercises/bent-knee-fallout.json', (t) =>
      t.replace('Knæet ud til siden', 'Knæet falder ud til siden'),
    );
    expect((await batch(root)).built).toEqual(['output/fysio-lindebakken/da/p-2026-0142.pdf']);
  });
});
