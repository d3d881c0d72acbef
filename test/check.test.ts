/** Clinical governance: provenance on every page, review dates, versions that go up. */

import { describe, expect, it } from 'vitest';
import { runBatch } from '../src/batch/batch.js';
import { checkProject } from '../src/check.js';
import { doseConflicts, doseMentions } from '../src/content/dose-text.js';
import { formatDiagnostic } from '../src/diagnostics.js';
import { openProject, render } from '../src/pipeline.js';
import { readPdf } from './helpers/pdf.js';
import { copyProject, editFile, ROOT } from './helpers/project.js';
import { readQr } from './helpers/qr.js';
import { crop, renderPage } from './helpers/raster.js';

const LEAFLET = 'content/handouts/smerter-i-ryggen.json';

describe('provenance', () => {
  it('prints document id, version and content hash on every page; one changed word changes the hash', async () => {
    const first = await render(await openProject(ROOT), { handout: LEAFLET, brand: 'skovlund-sygehus' });
    expect(first.hash).toMatch(/^[0-9a-f]{8}$/);
    const pdf = await readPdf(first.pdf);
    for (const page of pdf.pages)
      expect(page.text).toContain(`Dok.-id PI-RYG-0042 · Version 1.2 · Intern kode ${first.hash}`);

    const root = await copyProject();
    await editFile(root, LEAFLET, (t) => t.replace('Hvilestillinger', 'Hvilestilinger'));
    const changed = await render(await openProject(root), { handout: LEAFLET, brand: 'skovlund-sygehus' });
    expect(changed.hash).not.toBe(first.hash);
  });

  it('ends with a QR code to the leaflet’s canonical address', async () => {
    const result = await render(await openProject(ROOT), { handout: LEAFLET, brand: 'skovlund-sygehus' });
    const last = result.pages.at(-1);
    const qr = last?.items.find((i) => i.kind === 'picture' && i.picture.startsWith('qr:'));
    expect(qr?.kind === 'picture' && qr.picture).toBe('qr:https://skovlund-sygehus.example/ryg/smerter-i-ryggen');
    if (!last || !qr || qr.kind !== 'picture') return;
    const region = crop(await renderPage(result.pdf, last.number), qr.x, qr.y, qr.width, qr.height);
    expect(readQr(region)).toBe('https://skovlund-sygehus.example/ryg/smerter-i-ryggen');
  });
});

describe('handout check', () => {
  it('fails a leaflet past its review date, naming the date, and warns when it is near', async () => {
    const passed = (await checkProject(ROOT, { today: '2028-11-02', warnDays: 60 })).map(formatDiagnostic);
    expect(passed).toContain(
      'content/handouts/smerter-i-ryggen.json:12:5: meta.reviewDate: the review date 2028-11-01 has passed: this leaflet must not be handed out until it is reviewed (review it, then set a new reviewDate and version)',
    );
    const near = await checkProject(ROOT, { today: '2028-10-01', warnDays: 60 });
    expect(near.find((d) => d.file === LEAFLET)).toMatchObject({
      severity: 'warning',
      message: 'due for review in 31 days (2028-11-01)',
    });
    expect(await checkProject(ROOT, { today: '2027-01-01', warnDays: 60 })).toEqual([]);
  });

  it('notices a changed leaflet whose version did not go up, and is content when it does', async () => {
    const root = await copyProject();
    await editFile(root, 'handouts.config.json', () =>
      JSON.stringify({ handouts: [LEAFLET], brands: ['skovlund-sygehus'] }),
    );
    await runBatch({ root, manifest: 'handouts.config.json', workers: 1, force: false }, () => {});
    const today = { today: '2027-01-01', warnDays: 60 };
    expect(await checkProject(root, today)).toEqual([]);

    await editFile(root, LEAFLET, (t) => t.replace('Hvilestillinger', 'Gode hvilestillinger'));
    const [problem] = await checkProject(root, today);
    expect(problem).toMatchObject({ file: LEAFLET, path: 'meta.version', position: { line: 10, column: 5 } });
    expect(problem?.message).toMatch(
      /^the content changed since version 1\.2 was built \([0-9a-f]{8}, now [0-9a-f]{8}\), but the version did not go up$/,
    );

    await editFile(root, LEAFLET, (t) => t.replace('"version": "1.2"', '"version": "1.3"'));
    expect(await checkProject(root, today)).toEqual([]);
  });
});

describe('handout check: plain language', () => {
  it('keeps the sample handouts under LIX 40, and warns about a hard section with its longest sentence', async () => {
    expect(await checkProject(ROOT, { today: '2027-01-01', warnDays: 60, lixMax: 40 })).toEqual([]);
    const root = await copyProject();
    const hard =
      'Rehabiliteringsforløbets individualiserede træningsprogrammering forudsætter systematisk evaluering af funktionsniveauet, smerteintensiteten og belastningstolerancen gennem hele interventionsperioden, hvorefter progressionen tilpasses.';
    await editFile(root, LEAFLET, (t) =>
      t
        .replace(/"intro": "[^"]*"/, `"intro": "${hard}"`)
        .replace(
          '"title": "Hvilestillinger",\n      "blocks": [',
          `"title": "Hvilestillinger",\n      "blocks": [{ "type": "paragraph", "text": "${Array(6).fill(hard).join(' ')}" },`,
        ),
    );
    const warnings = await checkProject(root, { today: '2027-01-01', warnDays: 60, lixMax: 40 });
    const section = warnings.find((w) => w.path === 'sections[1].title');
    expect(section).toMatchObject({ severity: 'warning' });
    expect(section?.message).toMatch(/^LIX \d+(\.\d)? in "Hvilestillinger", above 40$/);
    expect(section?.hint).toContain('Rehabiliteringsforløbets');
  });

  it('warns about text in capitals', async () => {
    const root = await copyProject();
    await editFile(root, LEAFLET, (t) => t.replace('"Smerter i ryggen"', '"SMERTER I RYGGEN OG BENENE"'));
    const warnings = await checkProject(root, { today: '2027-01-01', warnDays: 60 });
    expect(warnings.map((w) => w.message)).toContain(
      '"SMERTER I RYGGEN OG BENENE" is written in capitals: harder to read, and read out letter by letter',
    );
  });
});

describe('handout check: a dose lives in dose only', () => {
  it('finds numbers with a dose unit in running text, Danish and English', () => {
    expect(doseMentions('Hold stillingen i 2 sekunder. Tag 3 sæt med 8–10 gentagelser, 2 gange dagligt.')).toEqual([
      { text: '2 sekunder', field: 'holdSeconds', amount: 2 },
      { text: '3 sæt', field: 'sets', amount: 3 },
      { text: '8–10 gentagelser', field: 'reps', amount: [8, 10] },
      { text: '2 gange dagligt', field: 'timesPerDay', amount: 2 },
    ]);
    expect(doseMentions('Stay like this for about 20 seconds, 3 times a week.')).toEqual([
      { text: '20 seconds', field: 'holdSeconds', amount: 20 },
      { text: '3 times a week', field: 'timesPerWeek', amount: 3 },
    ]);
    expect(doseMentions('Løb 1–2 minutter. Læg 5–10 % mere på. Gå 24–48 timer.')).toEqual([]);
    expect(doseConflicts('Hold i 20–30 sekunder.', { holdSeconds: [20, 30] })).toEqual([]);
    expect(doseConflicts('Hold i 20 sekunder.', { holdSeconds: 30 })).toHaveLength(1);
    expect(doseConflicts('Hold i 20 sekunder.', { reps: 10 })).toHaveLength(1);
  });

  it('warns where a step contradicts the dose a handout or programme gives, and where a note does', async () => {
    const root = await copyProject();
    await editFile(root, 'content/exercises/bird-dog.json', (t) =>
      t.replace('"Hold stillingen."', '"Hold stillingen i 2 sekunder."'),
    );
    await editFile(root, 'content/programmes/p-2026-0142.json', (t) =>
      t.replace('"Start her.', '"Start her med 5 gentagelser.'),
    );
    const lines = (await checkProject(root, { today: '2027-01-01', warnDays: 60 })).map(formatDiagnostic);
    expect(lines).toContain(
      'content/exercises/bird-dog.json:14:5: warning: steps[1]: "2 sekunder" in the text, but content/handouts/opvarmning-og-nedkoeling.json (sections[2].blocks[1].items[0]) gives the dose "2 × 6–8 gentagelser · hold 5 sek. · hver side" (a dose lives in `dose` only: take the number out of the text)',
    );
    expect(lines.find((l) => l.startsWith('content/programmes/p-2026-0142.json'))).toMatch(
      /exercises\[0\]\.note: "5 gentagelser" in the note, but the dose here is "10 gentagelser · 3 gange dagligt/,
    );
    expect(lines).toHaveLength(2);
  });
});

describe('handout check: a progression carries no amount', () => {
  it('warns for any dose amount in a progression, in every language, even one equal to a dose', async () => {
    const root = await copyProject();
    await editFile(root, 'content/exercises/bird-dog.json', (t) =>
      t
        .replace('"Hold stillingen lidt længere, før du skifter side.', '"Hold stillingen i 5 sekunder.')
        .replace('"Hold the position a little longer before you change sides.', '"Hold the position for 5 seconds.'),
    );
    const lines = (await checkProject(root, { today: '2027-01-01', warnDays: 60 })).map(formatDiagnostic);
    // opvarmning-og-nedkoeling gives bird-dog a 5-second hold: the card would say it twice.
    expect(lines).toEqual([
      expect.stringMatching(
        /^content\/exercises\/bird-dog\.json:\d+:\d+: warning: progression: "5 sekunder" in the progression of "bird-dog"/,
      ),
      expect.stringMatching(/translations\.en\.progression: "5 seconds" in the progression of "bird-dog"/),
    ]);
  });
});

describe('clear print by construction', () => {
  it('refuses a template that tries to justify text or set a tiny font: the markup has no way to say it', async () => {
    const root = await copyProject();
    await editFile(root, 'templates/partials/block.hbs', (t) =>
      t.replace('<p>{{text}}</p>', '<p align="justify" size="6">{{text}}</p>'),
    );
    const { validateProject } = await import('../src/validate.js');
    const lines = (await validateProject(root)).map(formatDiagnostic);
    expect(lines).toContain(
      'templates/partials/block.hbs:2:30: unknown attribute "align" on <p> (<p> takes no attributes)',
    );
    expect(lines).toContain(
      'templates/partials/block.hbs:2:30: unknown attribute "size" on <p> (<p> takes no attributes)',
    );
  });
});
