/**
 * The studio in a real browser, as a physiotherapist uses it: compose a
 * programme by search and click, change a dose, save, and read back the saved
 * file and the PDF; preview a handout while its file changes on disk; and
 * axe-core on every view.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launch, skipReason } from '../helpers/browser.js';
import { readPdf } from '../helpers/pdf.js';
import { type TestStudio, testStudio } from '../helpers/studio.js';

const skip = skipReason();
if (skip) console.warn(skip);

let studio: TestStudio;
let browser: Browser;

beforeAll(async () => {
  if (skip) return;
  studio = await testStudio();
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await studio?.close();
  if (studio) await rm(studio.root, { recursive: true, force: true });
});

/** A page of the studio, opened with the address it prints; clicks and keys are counted. */
async function open(address = studio.url) {
  const page = await browser.newPage();
  // axe-core is put into the page as a script of its own, which the page's policy would refuse.
  await page.setBypassCSP(true);
  await page.setViewport({ width: 1400, height: 1000 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e instanceof Error ? e.message : String(e)));
  await page.goto(address);
  await page.waitForSelector('body[data-ready]');
  await idle(page);
  const count = { clicks: 0, keys: 0 };
  return {
    page,
    errors,
    count,
    async click(selector: string) {
      count.clicks++;
      await page.click(selector);
    },
    async type(selector: string, text: string) {
      count.keys += text.length;
      await page.type(selector, text);
    },
    /** Empty a field and type into it. */
    async retype(selector: string, text: string) {
      await page.click(selector, { count: 3 });
      count.clicks++;
      count.keys += 1 + text.length;
      await page.keyboard.press('Backspace');
      await page.type(selector, text);
    },
  };
}

/** Until the preview shows the form as it is now. */
async function idle(page: Page) {
  await page.waitForSelector('body:not([data-pending])', { timeout: 60_000 });
}

async function pdfOf(page: Page, frame: string) {
  const src = await page.$eval(frame, (f) => (f as HTMLIFrameElement).src);
  const bytes = await page.evaluate(async (url) => [...new Uint8Array(await (await fetch(url)).arrayBuffer())], src);
  return readPdf(new Uint8Array(bytes));
}

async function status(page: Page, pattern: RegExp) {
  await page.waitForFunction(
    (source) => new RegExp(source).test(document.getElementById('status')?.textContent ?? ''),
    {
      timeout: 60_000,
    },
    pattern.source,
  );
  return page.$eval('#status', (el) => el.textContent);
}

describe.skipIf(skip)('the studio in a browser', () => {
  it('composes a programme of three exercises by search and click, with a changed dose, and saves the file `handout build` reads', async () => {
    const { page, errors, count, click, type, retype } = await open();
    const started = performance.now();
    const caseNumber = await page.$eval('#f-id', (el) => (el as HTMLInputElement).value);
    expect(caseNumber).toMatch(/^p-\d{4}-\d{4}$/);

    await type('#f-client', 'Karen Munk');
    await type('#f-therapist', 'Ib Dahl, fysioterapeut');
    for (const [search, id] of [
      ['hælen', 'heel-slide'],
      ['alle fire', 'bird-dog'],
      ['bækken', 'glute-bridge'],
    ] as const) {
      await retype('#search', search);
      await click(`#results li[data-exercise="${id}"] button.add`);
    }
    // The second exercise gets 12 repetitions, not its own 6-8.
    await retype('#x1-reps', '12');
    // The third moves up, by keyboard.
    await page.focus('#chosen li:nth-child(3) button.up');
    await page.keyboard.press('Enter');
    count.keys++;
    expect(await page.evaluate(() => document.activeElement?.closest('li')?.dataset.exercise)).toBe('glute-bridge');
    await idle(page);
    await click('#save');
    expect(await status(page, /content\/programmes/)).toBe(`Gemt i content/programmes/${caseNumber}.json`);
    const seconds = (performance.now() - started) / 1000;

    const file = path.join(studio.root, 'content/programmes', `${caseNumber}.json`);
    const saved = JSON.parse(await readFile(file, 'utf8'));
    expect(saved).toMatchObject({
      $schema: '../../schemas/programme.schema.json',
      id: caseNumber,
      client: 'Karen Munk',
      therapist: 'Ib Dahl, fysioterapeut',
      weeks: 6,
      exercises: [
        { exercise: 'heel-slide' },
        { exercise: 'glute-bridge' },
        { exercise: 'bird-dog', dose: { reps: 12 } },
      ],
    });
    expect(saved.exercises[0].dose).toBeUndefined();
    expect(path.basename(file)).not.toMatch(/karen|munk/i);

    const pdf = await pdfOf(page, '#programme-frame');
    expect(pdf.text).toContain('Karen Munk');
    const titles = pdf.pages.flatMap((p) => p.lines.map((l) => l.text)).filter((l) => /^[123]\. /.test(l));
    expect(titles.slice(0, 3)).toEqual(['1. Hælen glider ud', '2. Bækkenløft', '3. Arm og ben på alle fire']);
    expect(pdf.text).toMatch(/2 × 12 gentagelser · hold 2 sek\. · hver side/);
    expect(errors).toEqual([]);

    // What a therapist would type for the same programme by hand, as compact JSON.
    const { $schema: _, ...by_hand } = saved;
    const typed = JSON.stringify(by_hand).length;
    console.log(
      `studio: three-exercise programme composed and saved in ${seconds.toFixed(1)} s with ${count.clicks} clicks and ${count.keys} keys; by hand: ${typed} characters of JSON`,
    );
  });

  it('shows a problem at the field it concerns, and opens a saved programme and starts a new one from it', async () => {
    const { page, click, retype } = await open();
    await retype('#f-weeks', '40');
    await idle(page);
    const weeks = await page.$eval('#f-weeks', (el) => ({
      invalid: el.getAttribute('aria-invalid'),
      message: document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent,
    }));
    expect(weeks).toEqual({ invalid: 'true', message: 'Fejl: too big: expected number to be <=26' });

    await page.select('#saved', 'p-2026-0142');
    await click('#open');
    await status(page, /Åbnede/);
    expect(await page.$eval('#f-client', (el) => (el as HTMLInputElement).value)).toBe('Anna Hansen');
    expect(await page.$$eval('#chosen > li', (items) => items.map((li) => li.dataset.exercise))).toEqual([
      'core-activation-supine',
      'heel-slide',
      'bent-knee-fallout',
      'supported-squat',
    ]);
    await click('#new-from');
    await status(page, /Nyt program/);
    expect(await page.$eval('#f-client', (el) => (el as HTMLInputElement).value)).toBe('');
    expect(await page.$eval('#f-id', (el) => (el as HTMLInputElement).value)).not.toBe('p-2026-0142');
    expect(await page.$$eval('#chosen > li', (items) => items.length)).toBe(4);
  });

  it('previews a handout and makes the preview again when its file changes on disk, with the warnings of check', async () => {
    const { page, click } = await open();
    await click('#show-handout');
    await page.select('#h-handout', 'muskelkorset');
    await page.waitForFunction(() => document.getElementById('handout-state')?.textContent?.startsWith('PDF'));
    const first = await pdfOf(page, '#handout-frame');
    expect(first.pages[0]?.text).toContain('Træn dit muskelkorset');

    const before = await page.$eval('body', (b) => Number(b.dataset.handoutPreviewed));
    const file = path.join(studio.root, 'content/handouts/muskelkorset.json');
    const text = await readFile(file, 'utf8');
    await writeFile(
      file,
      text
        .replace('"title": "Træn dit muskelkorset"', '"title": "Træn korsettet"')
        .replace(/"reviewDate": "[\d-]+"/, '"reviewDate": "2001-01-01"'),
    );
    await page.waitForFunction((n) => Number(document.body.dataset.handoutPreviewed) > n, { timeout: 60_000 }, before);
    const second = await pdfOf(page, '#handout-frame');
    expect(second.pages[0]?.lines.map((l) => l.text)).toContain('Træn korsettet');
    const problems = await page.$eval('#handout-problems', (el) => el.textContent);
    expect(problems).toMatch(/meta\.reviewDate: the review date 2001-01-01 has passed/);
    await writeFile(file, text);
  });

  it('passes axe-core on every view, in Danish and in English', async () => {
    const { page, click, type } = await open();
    await type('#search', 'hælen');
    await click('#results li button.add');
    await idle(page);
    expect(await axeViolations(page)).toEqual([]);
    await click('#show-handout');
    await page.waitForFunction(() => document.getElementById('handout-state')?.textContent?.startsWith('PDF'));
    expect(await axeViolations(page)).toEqual([]);

    const english = await open(`${studio.url}&lang=en`);
    expect(await english.page.$eval('html', (el) => el.lang)).toBe('en');
    expect(await english.page.$eval('#save', (el) => el.textContent)).toBe('Save');
    expect(await axeViolations(english.page)).toEqual([]);
  });
});
