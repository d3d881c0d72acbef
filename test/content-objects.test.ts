/** The library API takes content as objects as well as paths, checked as a file would be. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { HandoutContent, ProgrammeContent } from '../src/index.js';
import { openProject, type Project, render } from '../src/pipeline.js';
import { BASE } from './authoring/helpers.js';
import { readPdf } from './helpers/pdf.js';
import { ROOT } from './helpers/project.js';

let project: Project;
beforeAll(async () => {
  project = await openProject(ROOT);
});

const BRAND = 'skovlund-sygehus';

describe('content as objects', () => {
  it('renders a handout object as the same file renders', async () => {
    const handout = structuredClone(BASE) as HandoutContent;
    const fromObject = await render(project, { handout, brand: BRAND });
    expect(fromObject.id).toBe('rygtest');
    const text = (await readPdf(fromObject.pdf)).text;
    expect(text).toContain('Rygtest');
    expect(text).toContain('Lig ned en stund.');
  });

  it('renders a programme object for its own brand', async () => {
    const programme: ProgrammeContent = {
      id: 'p-9999',
      brand: 'fysio-lindebakken',
      client: 'Bo Jensen',
      date: '2026-11-20',
      therapist: 'Mette',
      weeks: 2,
      exercises: [{ exercise: 'pelvic-tilt' }],
    };
    const result = await render(project, { handout: programme });
    expect(result.brand.id).toBe('fysio-lindebakken');
    expect((await readPdf(result.pdf)).text).toContain('Bo Jensen');
  });

  it('names a bad object by its id and the place by JSON path', async () => {
    const handout = { ...structuredClone(BASE), title: '' } as HandoutContent;
    await expect(render(project, { handout, brand: BRAND })).rejects.toThrow(
      '(content object "rygtest"): title: expected some text, got an empty string',
    );
    const cyclic: Record<string, unknown> = { id: 'x' };
    cyclic.self = cyclic;
    await expect(render(project, { handout: cyclic as HandoutContent, brand: BRAND })).rejects.toThrow(
      /\(content object "x"\): the content cannot be written as JSON/,
    );
  });
});
