/** The accessible HTML and text alternatives: the same content, in the same order, as the PDF. */
import { parse } from 'parse5';
import { describe, expect, it } from 'vitest';
import { openProject, render } from '../src/pipeline.js';
import { readPdf } from './helpers/pdf.js';
import { ROOT } from './helpers/project.js';

const LEAFLET = 'content/handouts/smerter-i-ryggen.json';

/** Positions of each needle in the haystack, which must be found and rise. */
function inOrder(haystack: string, needles: string[]): number[] {
  let from = 0;
  return needles.map((n) => {
    const at = haystack.indexOf(n, from);
    expect(at, n).toBeGreaterThanOrEqual(from);
    from = at;
    return at;
  });
}

describe('the HTML alternative', () => {
  it('holds every heading, exercise and alt text of the PDF, in the same order, and parses without an error', async () => {
    const result = await render(await openProject(ROOT), {
      handout: LEAFLET,
      brand: 'skovlund-sygehus',
      alternatives: ['html', 'txt'],
    });
    const html = result.html ?? '';
    const errors: string[] = [];
    parse(html, { onParseError: (e) => errors.push(`${e.code} at ${e.startLine}:${e.startCol}`) });
    expect(errors).toEqual([]);
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="da-DK">/);
    expect(html).not.toMatch(/<script/i);
    expect(html).toMatch(/<a href="tel:[+\d]+">12&nbsp;34&nbsp;56&nbsp;78<\/a>/);

    const pdf = await readPdf(result.pdf);
    const headings = pdf.pages.flatMap((p) =>
      p.lines.filter((l) => l.fontSize >= 15 && l.y > 100 && l.y < 780).map((l) => l.text),
    );
    expect(headings.length).toBeGreaterThan(10);
    inOrder(html.replace(/<[^>]+>/g, ''), headings);

    const alts = [...html.matchAll(/aria-label="([^"]+)"/g)].map((m) => m[1] as string);
    const figureAlts = result.pages.flatMap((p) =>
      p.items.flatMap((i) => (i.kind === 'picture' && i.tag !== undefined ? [i.alt] : [])),
    );
    expect(figureAlts.length).toBeGreaterThanOrEqual(14);
    expect(alts).toEqual(figureAlts.map((a) => a.replace(/"/g, '&quot;')));
  });

  it('as plain text: headings underlined, pictures by their alt text, exercise numbers as in the PDF', async () => {
    const result = await render(await openProject(ROOT), {
      handout: LEAFLET,
      brand: 'skovlund-sygehus',
      alternatives: ['txt'],
    });
    const text = result.text ?? '';
    expect(text).toMatch(/^Smerter i ryggen\n=+\n/);
    expect(text).toContain('[Billede: En person ligger på ryggen i en seng med en pude under knæene.]');
    inOrder(text, [
      'Hvilestillinger',
      'Løfteteknik',
      'Øvelse 1: Find muskelkorsettet',
      'Øvelse 7:',
      'Efter udskrivelsen',
      'Om denne pjece',
    ]);
  });
});
