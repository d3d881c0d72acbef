/** The discharge leaflet, end to end, read back from the PDF as a reader sees it. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { themeFor } from '../src/brand/theme.js';
import { BrandSchema, HandoutSchema } from '../src/content/schema.js';
import { openProject, render } from '../src/pipeline.js';
import { type PdfContent, readPdf } from './helpers/pdf.js';
import { ROOT } from './helpers/project.js';

const HANDOUT = 'content/handouts/smerter-i-ryggen.json';
const A4 = { width: 595.28, height: 841.89 };

let pdf: PdfContent;
let bytes: Uint8Array;
const source = HandoutSchema.parse(JSON.parse(await readFile(path.join(ROOT, HANDOUT), 'utf8')));
const exercises = await Promise.all(
  source.sections
    .flatMap((s) => s.blocks)
    .flatMap((b) => (b.type === 'exercises' ? b.items : []))
    .map(
      async (ref) =>
        JSON.parse(await readFile(path.join(ROOT, 'content/exercises', `${ref.exercise}.json`), 'utf8')) as {
          name: string;
        },
    ),
);

beforeAll(async () => {
  const project = await openProject(ROOT);
  bytes = (await render(project, { handout: HANDOUT, brand: 'skovlund-sygehus' })).pdf;
  pdf = await readPdf(bytes);
});

/** Index of the first line at or after `from` (across pages) containing `text`. */
function find(lines: string[], text: string, from = 0): number {
  return lines.findIndex((l, i) => i >= from && l.includes(text));
}

describe('the "Smerter i ryggen" leaflet', () => {
  it('is A4 on every page, with every font embedded', () => {
    expect(pdf.pages.length).toBeGreaterThan(3);
    for (const page of pdf.pages) {
      expect(page.width).toBeCloseTo(A4.width, 1);
      expect(page.height).toBeCloseTo(A4.height, 1);
      expect(page.fonts.length).toBeGreaterThan(0);
      for (const font of page.fonts) expect(font, font.name).toMatchObject({ embedded: true });
    }
  });

  it('shows every section heading and every exercise, in reading order', () => {
    const lines = pdf.pages.flatMap((p) => p.lines.map((l) => l.text));
    let at = 0;
    for (const section of source.sections) {
      const found = find(lines, section.title, at);
      expect(found, `section "${section.title}"`).toBeGreaterThanOrEqual(at);
      at = found;
    }
    at = 0;
    for (const exercise of exercises) {
      const found = find(lines, exercise.name, at);
      expect(found, `exercise "${exercise.name}"`).toBeGreaterThanOrEqual(0);
      at = found;
    }
  });

  it('numbers its pages "Side N af M"', () => {
    const n = pdf.pages.length;
    expect(pdf.pages[0]?.text).toContain(`Side 1 af ${n}`);
    expect(pdf.pages[n - 1]?.text).toContain(`Side ${n} af ${n}`);
    for (const [i, p] of pdf.pages.entries()) expect(p.text).toContain(`Side ${i + 1} af ${n}`);
  });

  it('keeps each exercise name on the same page as its dose', () => {
    for (const [i, exercise] of exercises.entries()) {
      const title = `Øvelse ${i + 1}: ${exercise.name}`;
      const page = pdf.pages.find((p) => p.text.includes(title));
      expect(page, title).toBeDefined();
      const lines = page?.lines ?? [];
      const name = lines.findIndex((l) => l.text.includes(title));
      const dose = lines.findIndex((l, i) => i > name && l.text.startsWith('Mængde:'));
      expect(dose, `dose of "${exercise.name}" on its page`).toBeGreaterThan(name);
    }
  });

  it('never ends a page with a heading', async () => {
    const theme = themeFor(
      BrandSchema.parse(JSON.parse(await readFile(path.join(ROOT, 'content/brands/skovlund-sygehus.json'), 'utf8'))),
    );
    const headingSizes = [theme.size.h2, theme.size.h3];
    // The test must see headings at all for its verdict to mean anything.
    expect(
      pdf.pages.flatMap((p) => p.lines).filter((l) => headingSizes.includes(Math.round(l.fontSize))).length,
    ).toBeGreaterThan(10);
    for (const [i, page] of pdf.pages.entries()) {
      // The body ends above the footer rule.
      const body = page.lines.filter((l) => l.y < A4.height - 70 && l.y > 100);
      const last = body.at(-1);
      expect(last, `page ${i + 1}`).toBeDefined();
      expect(headingSizes.includes(Math.round(last?.fontSize ?? 0)), `page ${i + 1} ends with "${last?.text}"`).toBe(
        false,
      );
    }
  });

  it('writes Danish letters as text a screen reader can read', () => {
    expect(pdf.text).toContain('Løfteteknik');
    expect(pdf.text).toMatch(/æ/);
    expect(pdf.text).toMatch(/å/);
  });

  it('carries the leaflet metadata: document id, version, review date, title, author, language', () => {
    expect(pdf.info.Title).toBe('Smerter i ryggen');
    expect(String(pdf.info.Author)).toContain('Skovlund Sygehus');
    expect(pdf.info.Language).toBe('da-DK');
    const lastPage = pdf.pages.at(-1)?.text ?? '';
    expect(lastPage).toContain(source.meta.documentId);
    expect(lastPage).toContain('Næste revision');
    for (const page of pdf.pages)
      expect(page.text).toContain(`${source.meta.documentId} · Version ${source.meta.version}`);
  });

  it('links the phone number and the web address', () => {
    const links = pdf.pages.flatMap((p) => p.links);
    expect(links).toContain('tel:12345678');
    expect(links.some((l) => l.startsWith('https://'))).toBe(true);
  });

  it('gives the same bytes for the same inputs', async () => {
    const again = (await render(await openProject(ROOT), { handout: HANDOUT, brand: 'skovlund-sygehus' })).pdf;
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });
});
