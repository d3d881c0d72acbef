/**
 * What a process keeps between documents (shaped words and lines, broken paragraphs,
 * widest words, merged labels, fill colours) makes them faster, never different:
 * every document is the same bytes whichever documents the process made before it.
 */
import { describe, expect, it, vi } from 'vitest';
import type * as Pipeline from '../src/pipeline.js';
import { ROOT } from './helpers/project.js';

type Make = (pipeline: typeof Pipeline, project: Pipeline.Project) => Promise<{ pdf: Uint8Array }>;

const leaflet =
  (handout: string, brand: string, variant?: 'large-print'): Make =>
  (p, project) =>
    p.render(project, { handout: `content/handouts/${handout}.json`, brand, variant });
const programme =
  (id: string, options: { language?: string; variant?: 'large-print' } = {}): Make =>
  (p, project) =>
    p.render(project, { handout: `content/programmes/${id}.json`, ...options });

// The same words at other sizes and widths: leaflets, their large print, programmes
// (the leaflets' exercises on cards of another width), English, the catalogue.
const DOCUMENTS: [string, Make][] = [
  ['smerter-i-ryggen', leaflet('smerter-i-ryggen', 'skovlund-sygehus')],
  ['muskelkorset', leaflet('muskelkorset', 'fysio-lindebakken')],
  ['smerter-i-ryggen large print', leaflet('smerter-i-ryggen', 'skovlund-sygehus', 'large-print')],
  ['p-2026-0142', programme('p-2026-0142')],
  ['catalogue', (p, project) => p.renderCatalog(project, { brand: 'skovlund-sygehus' })],
  ['loeb-med-rygsmerter', leaflet('loeb-med-rygsmerter', 'idraetsklinikken-kvik')],
  ['p-2026-0142 in English', programme('p-2026-0142', { language: 'en' })],
  ['p-2026-0157 large print', programme('p-2026-0157', { variant: 'large-print' })],
  ['forstaa-rygsmerter large print', leaflet('forstaa-rygsmerter', 'fysio-lindebakken', 'large-print')],
];

/** A fresh copy of every module: nothing kept from an earlier document. */
async function freshPipeline() {
  vi.resetModules();
  const pipeline: typeof Pipeline = await import('../src/pipeline.js');
  return { pipeline, project: await pipeline.openProject(ROOT) };
}

describe('caches kept by a process', () => {
  it('give every document the bytes it has when made alone, whatever was made before it', async () => {
    const alone = new Map<string, Buffer>();
    for (const [name, make] of DOCUMENTS) {
      const { pipeline, project } = await freshPipeline();
      alone.set(name, Buffer.from((await make(pipeline, project)).pdf));
    }
    const { pipeline, project } = await freshPipeline();
    for (const order of [DOCUMENTS, [...DOCUMENTS].reverse()])
      for (const [name, make] of order) {
        const bytes = Buffer.from((await make(pipeline, project)).pdf);
        expect(bytes.equals(alone.get(name) as Buffer), name).toBe(true);
      }
  }, 180_000);
});
