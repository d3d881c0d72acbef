/** The content library's handouts, built for every brand and read back for their key facts. */
import { beforeAll, describe, expect, it } from 'vitest';
import { themeFor, type Variant } from '../src/brand/theme.js';
import { brandById, brandIds } from '../src/content/library.js';
import { openProject, type Project, render } from '../src/pipeline.js';
import { readPdf } from './helpers/pdf.js';
import { ROOT } from './helpers/project.js';
import { renderPage } from './helpers/raster.js';

/** Phrases and numbers each handout must show, checked on the PDF text. */
const KEY_FACTS: Record<string, string[]> = {
  'smerter-i-ryggen': [
    'Kontakt straks',
    'Akut: ring med det samme',
    'samme dag',
    'har eller har haft kræft',
    'Hvilestillinger',
    'Løfteteknik',
    'Mængde: 10–15 gentagelser',
    'hold 20 sek. · hver side',
    'Efter udskrivelsen',
    'Transport',
  ],
  muskelkorset: [
    'Kontakt straks',
    'Ring til din læge i dag',
    'har eller har haft kræft',
    '15–20 gentagelser',
    'som der står ved »Mængde«',
    'roligt tempo',
    'flere gange om dagen',
    'må ikke gøre ondt',
    'Pilates',
    'Tai chi',
    'hold 15–20 sek.',
  ],
  'forstaa-rygsmerter': [
    'Kontakt straks',
    'Ring til din læge i dag',
    'har eller har haft kræft',
    '80 %',
    'Mere end 90 %',
    'Myte',
    'Fakta',
    '»Min ryg er slidt.«',
    '»Jeg har en dårlig holdning.«',
    'Airaksinen O',
    'Searle A',
  ],
  'loeb-med-rygsmerter': [
    'Akut: ring med det samme',
    'Ring til din læge i dag',
    'Bestil tid hos din læge inden for en uge',
    'har eller har haft kræft',
    'skridtet',
    'holde på eller ikke komme af med urin',
    'feber',
    'taber dig, uden at du kan forklare hvorfor',
    'Grønt lys: ingen smerter',
    'Gult lys: under 5, og ikke værre dagen efter',
    'Rødt lys: 5 eller mere, eller værre dagen efter',
    '1 2 min 3 min 4 8 min',
    '2 3 min 2 min 4 12 min',
    '3 5 min 2 min 4 20 min',
    '4 8 min 2 min 3 24 min',
    '24–48 timer',
    '48 timers pause',
    'doi:10.1186/s12891-020-03357-4',
    'doi:10.1002/14651858.CD009790.pub2',
    'doi:10.1177/19417381231221125',
    'doi:10.1002/jor.24809',
    'doi:10.2519/jospt.2022.10612',
    'doi:10.1016/j.jshs.2022.02.001',
    'doi:10.1002/14651858.CD012004',
    'doi:10.1002/14651858.CD011279.pub3',
    'doi:10.1016/S2665-9913(23)00098-X',
  ],
  'opvarmning-og-nedkoeling': [
    'Kontakt straks',
    'Akut: ring med det samme',
    'har eller har haft kræft',
    '5–10 minutter',
    '20–30 sekunder',
    '10–15 minutter',
    'Vent 48–72 timer',
    'nedsat følelse i huden',
    'At springe opvarmningen over',
    'Bishop D',
  ],
};

let project: Project;
beforeAll(async () => {
  project = await openProject(ROOT);
});

/** The sign of cauda equina a patient must meet early: numbness in the saddle area. */
const SADDLE = /skridtet/;

/**
 * The page (1-based) where a line naming the saddle-area sign stands in a danger
 * box: the pixel on the box's left bar, level with the line, has the danger colour.
 */
async function emergencyBoxPage(pdf: Uint8Array, brand: string, variant: Variant): Promise<number | undefined> {
  const theme = themeFor(brandById(project.library, brand), variant);
  const bar = theme.colour.callout.danger.bar;
  const want = [1, 3, 5].map((i) => Number.parseInt(bar.slice(i, i + 2), 16));
  const pages = (await readPdf(pdf)).pages;
  for (const [i, page] of pages.entries()) {
    for (const line of page.lines.filter((l) => SADDLE.test(l.text))) {
      const pixels = await renderPage(pdf, i + 1, 2);
      const [x, y] = [Math.round((theme.frame.left + 2.5) * 2), Math.round((line.y - line.fontSize * 0.35) * 2)];
      const at = (y * pixels.width + x) * 4;
      const got = [0, 1, 2].map((c) => pixels.data[at + c] as number);
      if (got.every((v, c) => Math.abs(v - (want[c] as number)) < 24)) return i + 1;
    }
  }
  return undefined;
}

describe('every handout', () => {
  it.each(Object.keys(KEY_FACTS))('%s builds for every brand and shows its key facts', async (id) => {
    const brands = brandIds(project.library);
    expect(brands.length).toBe(3);
    for (const brand of brands) {
      const result = await render(project, { handout: `content/handouts/${id}.json`, brand });
      const pdf = await readPdf(result.pdf);
      // Lines joined, and soft line ends undone, so that a phrase split over two lines is still found.
      const text = pdf.text.replace(/\s+/g, ' ');
      for (const fact of KEY_FACTS[id] ?? []) expect(text, `${id} for ${brand}: "${fact}"`).toContain(fact);
    }
  });

  // A patient must meet the emergency signs before the exercises: in a danger box on page 1 or 2.
  it.each(Object.keys(KEY_FACTS))('%s: a danger box on page 1 or 2 names numbness in the saddle area', async (id) => {
    const cases: [string, Variant][] = [
      ...brandIds(project.library).map((brand): [string, Variant] => [brand, 'standard']),
      ['skovlund-sygehus', 'large-print'],
    ];
    for (const [brand, variant] of cases) {
      const result = await render(project, { handout: `content/handouts/${id}.json`, brand, variant });
      const page = await emergencyBoxPage(result.pdf, brand, variant);
      expect(page, `${id} for ${brand} (${variant})`).toBeDefined();
      expect(page, `${id} for ${brand} (${variant})`).toBeLessThanOrEqual(2);
    }
  });

  it('links every DOI to doi.org', async () => {
    const result = await render(project, {
      handout: 'content/handouts/loeb-med-rygsmerter.json',
      brand: 'skovlund-sygehus',
    });
    const links = (await readPdf(result.pdf)).pages.flatMap((p) => p.links);
    for (const fact of KEY_FACTS['loeb-med-rygsmerter'] ?? []) {
      if (fact.startsWith('doi:')) expect(links).toContain(`https://doi.org/${fact.slice(4)}`);
    }
  });
});
