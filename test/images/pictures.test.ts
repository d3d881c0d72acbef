/** Pictures in a real build: a clinic's own photo as a figure, processed once however often it is used. */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { forgetRasterMemory, sharpCallCount } from '../../src/images/raster.js';
import { openProject, render } from '../../src/pipeline.js';
import { readPdf } from '../helpers/pdf.js';
import { copyProject, editFile } from '../helpers/project.js';

const LEAFLET = 'content/handouts/smerter-i-ryggen.json';

describe('a photo in a handout', () => {
  it('is embedded once per document, and a second build takes it from the cache instead of sharp', async () => {
    const root = await copyProject();
    // A 3000x2000 "photo" with EXIF orientation, as a phone would save it.
    await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#88aacc' } })
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toFile(path.join(root, 'assets/rygøvelse.jpg'));
    const leaflet = JSON.parse(await readFile(path.join(root, LEAFLET), 'utf8'));
    const figure = {
      picture: 'assets/rygøvelse.jpg',
      alt: 'Foto af en fysioterapeut, der viser øvelsen.',
      caption: 'Vores fysioterapeut viser øvelsen.',
    };
    // The same photo twice in one handout.
    leaflet.sections[0].blocks.push({ type: 'figures', items: [figure, figure] });
    await editFile(root, LEAFLET, () => JSON.stringify(leaflet));
    forgetRasterMemory();
    const before = sharpCallCount();
    const project = await openProject(root);
    const first = await render(project, { handout: LEAFLET, brand: 'skovlund-sygehus' });
    expect(sharpCallCount() - before).toBe(1);
    await render(project, { handout: LEAFLET, brand: 'skovlund-sygehus' });
    expect(sharpCallCount() - before).toBe(1);
    // A new process starts with an empty memory; the disk cache in .cache/images serves it.
    forgetRasterMemory();
    await render(await openProject(root), { handout: LEAFLET, brand: 'skovlund-sygehus' });
    expect(sharpCallCount() - before).toBe(1);

    const raw = Buffer.from(first.pdf).toString('latin1');
    expect(raw.match(/\/Subtype \/Image/g)?.length).toBe(1);
    expect(raw).toMatch(/\/Filter \/DCTDecode/);
    expect((await readPdf(first.pdf)).text).toContain('Vores fysioterapeut viser øvelsen.');
  });

  it('names the file when a picture is not an image', async () => {
    const root = await copyProject();
    await writeFile(path.join(root, 'assets/notes.png'), 'not a picture');
    const leaflet = JSON.parse(await readFile(path.join(root, LEAFLET), 'utf8'));
    leaflet.sections[0].blocks.push({ type: 'figures', items: [{ picture: 'assets/notes.png', alt: 'Noter' }] });
    await editFile(root, LEAFLET, () => JSON.stringify(leaflet));
    await expect(render(await openProject(root), { handout: LEAFLET, brand: 'skovlund-sygehus' })).rejects.toThrow(
      /assets\/notes\.png: cannot use image: it is not an image sharp can read/,
    );
  });
});
