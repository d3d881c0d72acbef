/** The exercise catalogue and the exercise library it shows: every exercise complete and pictured. */
import { beforeAll, describe, expect, it } from 'vitest';
import { tagLabelKey } from '../src/content/labels.js';
import { exercisePictureProblem } from '../src/content/library.js';
import { openProject, type Project, renderCatalog } from '../src/pipeline.js';
import { readPdf } from './helpers/pdf.js';
import { ROOT } from './helpers/project.js';

let project: Project;

beforeAll(async () => {
  project = await openProject(ROOT);
});

describe('the exercise library', () => {
  it('has about 30 exercises, each with a dose, steps and an illustration', () => {
    const exercises = [...project.library.exercises.values()].map((e) => e.value);
    expect(exercises.length).toBeGreaterThanOrEqual(30);
    expect([...project.library.broken.keys()]).toEqual([]);
    for (const e of exercises) {
      expect(Object.keys(e.dose).length, `${e.id} dose`).toBeGreaterThan(0);
      expect(e.steps.length, `${e.id} steps`).toBeGreaterThan(0);
      expect(exercisePictureProblem(project.library, e.id), `${e.id} picture`).toBeUndefined();
    }
  });
});

describe('tags', () => {
  it('every tag an exercise uses has a Danish and an English label', () => {
    for (const lang of ['da', 'en']) {
      const labels = project.library.labels.get(lang)?.value ?? {};
      for (const { value: e } of project.library.exercises.values())
        for (const tag of e.tags) expect(labels[tagLabelKey(tag)], `${lang}: ${e.id} tag ${tag}`).toBeDefined();
    }
  });
});

describe('handout catalog', () => {
  it('shows every exercise with its name, purpose, dose and id, grouped by category', async () => {
    const { pdf } = await renderCatalog(project, { brand: 'fysio-lindebakken' });
    const read = await readPdf(pdf);
    const text = read.text.replace(/\s+/g, ' ');
    for (const { value: e } of project.library.exercises.values()) {
      expect(text, e.id).toContain(e.name);
      expect(text, e.id).toContain(`id: ${e.id}`);
    }
    expect(text).toContain('Stabilitet og muskelkorset');
    // Tags print as Danish words with æ, ø and å, not as their ASCII ids.
    expect(text).toContain('Emner: lænd, ryg, liggende, lindrende');
    expect(text).not.toMatch(/Emner:[^·]*\b(laend|lob|staaende)\b/);
    expect(text).toContain('Udstrækning');
    expect(read.info.Title).toBe('Øvelseskatalog');
  });

  it('in large print for every brand, every id on a line of its own', async () => {
    for (const brand of project.library.brands.keys()) {
      const { pdf } = await renderCatalog(project, { brand, variant: 'large-print' });
      const text = (await readPdf(pdf)).text.replace(/\s+/g, ' ');
      for (const { value: e } of project.library.exercises.values())
        expect(text, `${brand} ${e.id}`).toContain(`id: ${e.id}`);
    }
  });

  it('in English with --lang en', async () => {
    const { pdf } = await renderCatalog(project, { brand: 'fysio-lindebakken', language: 'en' });
    const text = (await readPdf(pdf)).text.replace(/\s+/g, ' ');
    expect(text).toContain('Exercise catalogue');
    expect(text).toContain('Heel slides');
    expect(text).toContain('Stability and core');
    expect(text).toContain('Topics: lower back, back, lying down, relieving');
    expect(text).toContain('Equipment: an exercise band');
    expect(text).not.toContain('træningselastik');
  });
});
