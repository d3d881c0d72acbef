/**
 * Content too long for a page, end to end: an exercise with thirty steps and a table
 * row of a thousand words go into the PDF whole, split across pages, nothing outside
 * the text area.
 */
import { describe, expect, it } from 'vitest';
import { openProject, render } from '../../src/pipeline.js';
import { readPdf } from '../helpers/pdf.js';
import { copyProject, editFile } from '../helpers/project.js';
import { outside, words } from './layout-helpers.js';

const STEPS = Array.from({ length: 30 }, (_, i) => `Trin nummer ${i + 1}: ${words(12, `t${i + 1}x`)}.`);

describe('content taller than a page', () => {
  it('prints every step of a very long exercise, in both variants, its card continued on the next page', async () => {
    const root = await copyProject();
    await editFile(root, 'content/exercises/bird-dog.json', (text) => {
      const exercise = JSON.parse(text);
      exercise.steps = STEPS;
      return JSON.stringify(exercise, null, 2);
    });
    const project = await openProject(root);
    for (const variant of ['standard', 'large-print'] as const) {
      const result = await render(project, {
        handout: 'content/handouts/forstaa-rygsmerter.json',
        brand: 'skovlund-sygehus',
        variant,
      });
      const pdf = await readPdf(result.pdf);
      const text = pdf.text.replace(/-\s*\n\s*/g, '').replace(/\s+/g, ' ');
      for (const step of STEPS) expect(text).toContain(step.replace(/^Trin nummer \d+: /, ''));
      expect(text).toContain('Øvelse 3: Arm og ben på alle fire (fortsat)');
      expect(outside(result.pages, variant)).toEqual([]);
    }
  });

  it('prints a table row taller than a page in full, the header repeated', async () => {
    const root = await copyProject();
    const answer = words(1000, 'svar');
    await editFile(root, 'content/handouts/forstaa-rygsmerter.json', (text) => {
      const handout = JSON.parse(text);
      const table = handout.sections
        .flatMap((s: { blocks: { type: string }[] }) => s.blocks)
        .find((b: { type: string }) => b.type === 'table');
      table.rows[0][1] = answer;
      return JSON.stringify(handout, null, 2);
    });
    const project = await openProject(root);
    const result = await render(project, {
      handout: 'content/handouts/forstaa-rygsmerter.json',
      brand: 'skovlund-sygehus',
    });
    const pdf = await readPdf(result.pdf);
    // Every word once, in order, though page furniture stands between the parts.
    expect(pdf.text.match(/svar\d+/g)).toEqual(answer.split(' '));
    const withHeader = pdf.pages.filter((p) => p.lines.some((l) => l.text === 'Myte Fakta'));
    expect(withHeader.length).toBeGreaterThanOrEqual(3);
    expect(outside(result.pages)).toEqual([]);
  });
});
