/** A clinic's exercise sheet for one client, read back from the PDF. */
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/cli/build.js';
import { parseJson } from '../src/content/json.js';
import { clientInId } from '../src/content/programme.js';
import { HandoutError } from '../src/diagnostics.js';
import type { Page } from '../src/layout/types.js';
import { openProject, type Project, render } from '../src/pipeline.js';
import { readPdf } from './helpers/pdf.js';
import { copyProject, editFile, ROOT } from './helpers/project.js';
import { readQr } from './helpers/qr.js';
import { crop, renderPage } from './helpers/raster.js';
import { openPdf, taggedPages, walk } from './helpers/structure.js';

const ANNA = 'content/programmes/p-2026-0142.json';
let project: Project;

beforeAll(async () => {
  project = await openProject(ROOT);
});

async function labelFile(language: string): Promise<Record<string, string>> {
  return JSON.parse(await readFile(path.join(ROOT, 'content/labels', `${language}.json`), 'utf8'));
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Titles of exercise cards ("1. Find muskelkorsettet") on each page. */
function exerciseTitles(pages: { lines: { text: string; fontSize: number }[] }[], size: number) {
  return pages.map((p) =>
    p.lines.filter((l) => Math.abs(l.fontSize - size) < 0.5 && /^\d+\. /.test(l.text)).map((l) => l.text),
  );
}

describe("Anna Hansen's exercise sheet", () => {
  it('carries her name and date on every page, her exercises and doses, a diary for each week and the clinic contact', async () => {
    const result = await render(project, { handout: ANNA });
    expect(result.brand.id).toBe('fysio-lindebakken');
    const pdf = await readPdf(result.pdf);
    for (const page of pdf.pages) expect(page.text).toContain('Anna Hansen · 20. november 2026');
    expect(pdf.text).toContain('1. Find muskelkorsettet');
    expect(pdf.text).toContain('Mængde: 10 gentagelser · 3 gange dagligt');
    expect(pdf.text).toContain('Mængde: 3 × 10 gentagelser · 4 gange om ugen');
    expect(pdf.text).toContain('Note: Gå kun så langt ned, at det ikke gør ondt i ryggen.');
    for (let week = 1; week <= 6; week++) expect(pdf.text).toContain(`Uge ${week}`);
    expect(pdf.text).not.toContain('Uge 7');
    expect(pdf.text).toMatch(/Øvelse Man Tir Ons Tor Fre Lør Søn/);
    expect(pdf.pages.at(-1)?.text).toContain('Fysioterapi Lindebakken');
    expect(pdf.pages.flatMap((p) => p.links)).toContain('tel:23456789');
    // Two or three exercises share a page.
    const perPage = exerciseTitles(pdf.pages, 15).filter((t) => t.length > 0);
    expect(perPage.flat()).toHaveLength(4);
    expect(perPage.some((t) => t.length >= 2)).toBe(true);
  });

  it('prints a QR code that scans to the video of each exercise that has one', async () => {
    const result = await render(project, { handout: ANNA });
    const codes = result.pages.flatMap((page: Page) =>
      page.items.flatMap((item) =>
        item.kind === 'picture' && item.picture.startsWith('qr:') ? [{ page: page.number, item }] : [],
      ),
    );
    expect(codes.map((c) => c.item.picture)).toEqual([
      'qr:https://fysio-lindebakken.example/video/muskelkorset',
      'qr:https://fysio-lindebakken.example/video/haelen-glider',
    ]);
    for (const { page, item } of codes) {
      const region = crop(await renderPage(result.pdf, page), item.x, item.y, item.width, item.height);
      expect(readQr(region)).toBe(item.picture.slice(3));
    }
  });

  it('changes with the brand and nothing else', async () => {
    const own = await readPdf((await render(project, { handout: ANNA })).pdf);
    const other = await readPdf((await render(project, { handout: ANNA, brand: 'idraetsklinikken-kvik' })).pdf);
    expect(own.pages[0]?.fonts.some((f) => f.name.includes('OpenSans'))).toBe(true);
    expect(other.pages[0]?.fonts.some((f) => f.name.includes('AtkinsonHyperlegible'))).toBe(true);
    // Lines break (and words are hyphenated) in other places in another font: compare the words.
    const unhyphenate = (text: string) => text.replace(/(\p{Ll})- (\p{Ll})/gu, '$1$2');
    const body = (pdf: typeof own) =>
      pdf.pages.flatMap((p) => p.lines.filter((l) => l.y > 110 && l.y < 780).map((l) => l.text)).join(' ');
    const strip = (text: string) =>
      text.replace(
        /Fysioterapi Lindebakken|Idrætsklinikken Kvik|Privat fysioterapiklinik|Sportsfysioterapi og løbeklinik|[^ ]*@[^ ]*|https:\/\/[^ ]*|Tlf\. [\d ]+|[A-Za-zæøå]+ \d+, \d{4} [A-Za-zæøå]+/g,
        '',
      );
    expect(strip(unhyphenate(body(other))).replace(/\s+/g, ' ')).toBe(
      strip(unhyphenate(body(own))).replace(/\s+/g, ' '),
    );
  });

  it('in large print: body text 16 pt or more, every exercise whole', async () => {
    const pdf = await readPdf((await render(project, { handout: ANNA, variant: 'large-print' })).pdf);
    const bodyLines = pdf.pages.flatMap((p) => p.lines.filter((l) => l.y > 110 && l.y < 780));
    expect(bodyLines.length).toBeGreaterThan(100);
    expect(Math.min(...bodyLines.map((l) => l.fontSize))).toBeGreaterThanOrEqual(16);
    const perPage = exerciseTitles(pdf.pages, 15 * (16 / 13));
    expect(perPage.flat()).toHaveLength(4);
    expect(pdf.text).not.toContain('(fortsat)');
  });

  it('in English: English labels and exercises, dates and page numbers', async () => {
    const result = await render(project, { handout: ANNA, language: 'en' });
    const pdf = await readPdf(result.pdf);
    expect(pdf.text).toContain('Your exercise programme');
    expect(pdf.text).toContain('Anna Hansen · 20 November 2026');
    expect(pdf.text).toContain('1. Find your core muscles');
    expect(pdf.text).toContain('How much: 10 repetitions · 3 times a day');
    expect(pdf.text).toMatch(/Exercise Mon Tue Wed Thu Fri Sat Sun/);
    expect(pdf.pages[0]?.text).toContain(`Page 1 of ${pdf.pages.length}`);
    expect(pdf.info.Language).toBe('en-GB');
    expect(result.warnings).toEqual([]);
  });

  it('in English says nothing in Danish: not on the page, in a link or picture description, nor in the metadata', async () => {
    const result = await render(project, { handout: ANNA, language: 'en' });
    const doc = await openPdf(result.pdf);
    const said: string[] = [];
    for (const page of await taggedPages(doc)) walk(page.tree, (n) => n.alt && said.push(`alt: ${n.alt}`));
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      for (const a of (await page.getAnnotations()) as { contentsObj?: { str: string } }[])
        if (a.contentsObj?.str) said.push(`link: ${a.contentsObj.str}`);
    }
    await doc.destroy();
    const pdf = await readPdf(result.pdf);
    said.push(pdf.text, ...Object.values(pdf.info).map(String));
    expect(said).toContain('link: Call 23456789');
    expect(said.filter((s) => s.startsWith('alt: QR code: https://'))).toHaveLength(2);
    // Every fixed word of every Danish label that English says otherwise.
    const [da, en] = [await labelFile('da'), await labelFile('en')];
    const danish = Object.entries(da)
      .filter(([key, word]) => !key.startsWith('tag') && key !== '$schema' && word !== en[key])
      // "hold {n} sek." and "hold {n} sec." share "hold".
      .flatMap(([key, word]) => word.split(/\{\w+\}|,/).flatMap((w) => (en[key]?.includes(w.trim()) ? [] : [w.trim()])))
      .filter((w) => w.length >= 3);
    expect(danish).toEqual(expect.arrayContaining(['Ring', 'Skriv til', 'QR-kode:', 'Side', 'Tlf.']));
    for (const word of danish)
      expect(
        said.filter((s) => new RegExp(`(^|[^\\p{L}])${escapeRegExp(word)}($|[^\\p{L}])`, 'u').test(s)),
        word,
      ).toEqual([]);
  });

  it('falls back to Danish for a missing translation, and says so', async () => {
    const root = await copyProject();
    await editFile(root, 'content/exercises/heel-slide.json', (t) => {
      const exercise = JSON.parse(t);
      delete exercise.translations.en.steps;
      return JSON.stringify(exercise, null, 2);
    });
    const result = await render(await openProject(root), { handout: ANNA, language: 'en' });
    expect((await readPdf(result.pdf)).text).toContain('Skub den ene hæl langsomt frem');
    expect(result.warnings).toMatchObject([
      {
        file: 'content/exercises/heel-slide.json',
        severity: 'warning',
        message: 'no en translation of steps: shown in Danish',
      },
    ]);
  });

  it("prints the therapist's notes and advice in English where the programme translates them, and warns where not", async () => {
    const translated = await readPdf((await render(project, { handout: ANNA, language: 'en' })).pdf);
    const text = translated.text.replace(/\s+/g, ' ');
    expect(text).toContain('Start here. Feel with your hands that your top hand stays still.');
    expect(text).toContain('Go for a walk every day, preferably for 20–30 minutes.');
    expect(text).not.toContain('Gå en tur hver dag');

    const root = await copyProject();
    await editFile(root, ANNA, (t) => {
      const programme = JSON.parse(t);
      delete programme.translations;
      delete programme.exercises[3].translations;
      return JSON.stringify(programme, null, 2);
    });
    const result = await render(await openProject(root), { handout: ANNA, language: 'en' });
    expect((await readPdf(result.pdf)).text).toContain('Gå en tur hver dag');
    expect(result.warnings.map((w) => [w.path, w.message])).toEqual([
      ['exercises[3].note', 'the note is in "da", not "en": printed as written'],
      ['advice', 'the advice is in "da", not "en": printed as written'],
    ]);
  });

  it("keeps the client's name on the page only: not in the metadata, the file name or the build log", async () => {
    const result = await render(project, { handout: ANNA });
    const pdf = await readPdf(result.pdf);
    expect(pdf.text).toContain('Anna Hansen');
    expect(JSON.stringify(pdf.info)).not.toMatch(/Anna|Hansen/);
    expect(pdf.metadata).not.toMatch(/Anna|Hansen/);
    expect(result.id).toBe('p-2026-0142');
    const log: string[] = [];
    const report = await build(
      {
        root: ROOT,
        files: [path.join(ROOT, ANNA)],
        all: false,
        out: await mkdtemp(path.join(os.tmpdir(), 'sheet-')),
        pdfa: false,
        debug: false,
      },
      (l) => log.push(l),
    );
    expect(report.built).toHaveLength(1);
    expect(report.built[0]).toMatch(/fysio-lindebakken\/p-2026-0142\.pdf$/);
    expect(log.join('\n')).not.toMatch(/Anna|Hansen/);
  });

  it('refuses an unknown exercise with its place and the id that was meant', async () => {
    const root = await copyProject();
    await editFile(root, ANNA, (t) => t.replace('"exercise": "heel-slide"', '"exercise": "heel-slid"'));
    const error = await render(await openProject(root), { handout: ANNA }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HandoutError);
    expect((error as HandoutError).diagnostics).toEqual([
      expect.objectContaining({
        file: 'content/programmes/p-2026-0142.json',
        path: 'exercises[1].exercise',
        position: { line: 13, column: 7 },
        message: 'unknown exercise "heel-slid"',
        hint: 'did you mean "heel-slide"?',
      }),
    ]);
  });
});

describe("a programme's id", () => {
  const doc = (id: string, client: string) =>
    parseJson(`content/programmes/${id}.json`, JSON.stringify({ id, client }));
  const named = (id: string, client: string) => clientInId({ id, client }, doc(id, client)) !== undefined;

  it("is refused when it holds a word of the client's name, however æ, ø and å are written in ASCII", () => {
    expect(named('soeren-2026', 'Søren Ærø')).toBe(true);
    expect(named('p-soren', 'Søren Ærø')).toBe(true);
    expect(named('p-aeroe-1', 'Søren Ærø')).toBe(true);
    expect(named('p-aero-1', 'Søren Ærø')).toBe(true);
    expect(named('p-annahansen', 'Anna Hansen')).toBe(true);
    expect(named('p-2026-0142', 'Anna Hansen')).toBe(false);
    // Short words (initials, "Bo") are too common in ids to tell.
    expect(named('p-bo-1', 'Bo Li')).toBe(false);
  });

  it('is reported at "id" without the name, so the message can go into a log', () => {
    const problem = clientInId({ id: 'p-hansen', client: 'Anna Hansen' }, doc('p-hansen', 'Anna Hansen'));
    expect(problem).toMatchObject({ file: 'content/programmes/p-hansen.json', path: 'id' });
    expect(`${problem?.message} ${problem?.hint}`).not.toMatch(/hansen|anna/i);
  });
});
