/**
 * What the per-process caches (shaped words, picture forms) must never change:
 * the same inputs give the same bytes, whatever the process rendered before.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openProject, render } from '../../src/pipeline.js';
import { ROOT } from '../helpers/project.js';

const LEAFLET = { handout: 'content/handouts/smerter-i-ryggen.json', brand: 'skovlund-sygehus' };
const PROGRAMME = { handout: 'content/programmes/p-2026-0142.json' };

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The PDF's objects as text: dictionaries are written uncompressed, streams are not read. */
const objects = (pdf: Uint8Array) => Buffer.from(pdf).toString('latin1');

describe('the PDF bytes', () => {
  it('are the same in a fresh process and after other documents in this one', async () => {
    const project = await openProject(ROOT);
    const first = sha256((await render(project, PROGRAMME)).pdf);
    await render(project, LEAFLET);
    await render(project, { ...LEAFLET, brand: 'fysio-lindebakken' });
    expect(sha256((await render(project, PROGRAMME)).pdf)).toBe(first);

    const fresh = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `import { createHash } from 'node:crypto';
         import { openProject, render } from './src/pipeline.ts';
         const pdf = (await render(await openProject('.'), ${JSON.stringify(PROGRAMME)})).pdf;
         console.log(createHash('sha256').update(pdf).digest('hex'));`,
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(fresh.stderr).toBe('');
    expect(fresh.stdout.trim()).toBe(first);
  }, 60_000);

  it('hold each picture once, placed by reference wherever it is used', async () => {
    const project = await openProject(ROOT);
    const result = await render(project, LEAFLET);
    const uses = result.pages.flatMap((p) => p.items.flatMap((i) => (i.kind === 'picture' ? [i.picture] : [])));
    const pictures = new Set(uses);
    // The logo is in every page's header: far more uses than pictures.
    expect(uses.length).toBeGreaterThan(pictures.size + 5);
    expect(objects(result.pdf).match(/\/Subtype \/Form/g)?.length).toBe(pictures.size);
  }, 60_000);
});
