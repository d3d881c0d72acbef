/**
 * The README's pictures of the studio, made by the browser the tests drive:
 * a programme composed in the form with its live preview, and a handout's preview
 * with its warnings. Works on a copy of the project, so nothing here is written to.
 *
 *   npm run screenshots      # writes docs/studio/*.png
 */
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { startStudio } from '../src/studio/server.js';
import { launchChromium } from './chromium.js';

const OUT = path.resolve('docs/studio');

async function idle(page: Page) {
  await page.waitForSelector('body:not([data-pending])', { timeout: 60_000 });
}

const root = await mkdtemp(path.join(os.tmpdir(), 'handout-screenshots-'));
for (const part of ['content', 'templates', 'assets']) await cp(part, path.join(root, part), { recursive: true });
const studio = await startStudio({ root });
const browser = await launchChromium();
try {
  await mkdir(OUT, { recursive: true });
  const page = await browser.newPage();
  await page.setViewport({ width: 1440, height: 960 });
  await page.goto(studio.url);
  await page.waitForSelector('body[data-ready]');
  await page.type('#f-client', 'Karen Munk');
  await page.type('#f-therapist', 'Ib Dahl, fysioterapeut');
  for (const [search, id] of [
    ['hælen', 'heel-slide'],
    ['bækken', 'glute-bridge'],
    ['alle fire', 'bird-dog'],
  ] as const) {
    await page.click('#search', { count: 3 });
    await page.type('#search', search);
    await page.click(`#results li[data-exercise="${id}"] button.add`);
  }
  await page.click('#x2-reps', { count: 3 });
  await page.type('#x2-reps', '12');
  await page.type('#x2-note', 'Hold ryggen helt stille, mens du strækker.');
  await idle(page);
  // Let the browser's PDF viewer draw its first page.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await page.evaluate(() => document.getElementById('chosen-heading')?.scrollIntoView());
  await page.screenshot({ path: path.join(OUT, 'compose.png') });
  await page.click('#search', { count: 3 });
  await page.keyboard.press('Backspace');
  await page.select('#filter-category', 'stability');
  await page.evaluate(() => document.getElementById('library-heading')?.scrollIntoView());
  await page.screenshot({ path: path.join(OUT, 'library.png') });

  await page.evaluate(() => window.scrollTo(0, 0));
  await page.click('#show-handout');
  await page.select('#h-handout', 'loeb-med-rygsmerter');
  await page.waitForFunction(() => document.getElementById('handout-state')?.textContent?.startsWith('PDF'), {
    timeout: 60_000,
  });
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await page.screenshot({ path: path.join(OUT, 'handout.png') });
  for (const name of ['compose', 'library', 'handout']) console.log(`wrote docs/studio/${name}.png`);
} finally {
  await browser.close();
  await studio.close();
  await rm(root, { recursive: true, force: true });
}
