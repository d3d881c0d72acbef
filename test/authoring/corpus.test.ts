/**
 * Every bad input gets a clear answer: the file, the place (JSON path and
 * line:col, or the template's line:col), what was wrong and a fix where one can
 * be guessed; exit code 1; no stack trace; nothing left in the output folder.
 *
 * The handouts are small edits of test/fixtures/authoring/base.json, whose line
 * numbers are known. All CLI runs are started at once (a few at a time) in
 * beforeAll; each test waits for its own.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HandoutError } from '../../src/diagnostics.js';
import { openProject, render } from '../../src/pipeline.js';
import { readPdf } from '../helpers/pdf.js';
import { copyProject, editFile, filesBelow } from '../helpers/project.js';
import {
  BASE_TEXT,
  editLine,
  editValue,
  failureLines,
  handout,
  limiter,
  type RunResult,
  STACK_LINE,
} from './helpers.js';

const BRAND = 'skovlund-sygehus';
const HAS_DEV_FULL = existsSync('/dev/full');
const queue = limiter(2);
const temporary: string[] = [];

interface RefusedCase {
  name: string;
  /** The handout file's text; none: the file is not written (it does not exist). */
  text?: string;
  /** Every diagnostic line of the failure, `F` standing for the handout's path (a RegExp where the product's vocabulary grows). */
  expected: (string | RegExp)[];
  /** Only the first diagnostic is asserted (see the report: the others are noise to be fixed). */
  firstOnly?: boolean;
  brand?: string;
}

const picture = (ref: string) => editLine(26, (t) => t.replace('"rest-supine-pillow-knees"', JSON.stringify(ref)));
const paragraph = (text: string) => editLine(20, (t) => t.replace('"Lig ned en stund."', JSON.stringify(text)));
const TOO_LONG =
  'F:20:11: sections[0].blocks[0].text: expected at most 20,000 characters: split long text into paragraphs';
/** 10 MB in one string: refused by its file size before it is parsed. */
const TEN_MB = 10_000_000;
const LONG_WORD = 'Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft'.repeat(3);

const REFUSED: RefusedCase[] = [
  // Malformed JSON
  {
    name: 'trailing-comma',
    text: editLine(12, (t) => `${t},`),
    // One diagnostic: the parser's second complaint at the same place ("value expected") is gone.
    expected: ['F:13:3: malformed JSON: property name expected (look for a trailing comma before } or ])'],
  },
  {
    name: 'unclosed-string',
    text: editLine(3, (t) => t.replace('"Rygtest",', '"Rygtest,')),
    expected: ['F:3:12: malformed JSON: unexpected end of string (a string is not closed with ")'],
    firstOnly: true,
  },
  {
    name: 'empty-file',
    text: '',
    expected: ['F: the file is empty (a content file holds one JSON object: { … })'],
  },
  {
    name: 'blank-file',
    text: '  \n\n',
    expected: ['F: the file is empty (a content file holds one JSON object: { … })'],
  },
  {
    name: 'missing-file',
    expected: ['F: cannot read the file: it does not exist'],
  },
  {
    name: 'duplicate-key',
    text: editLine(3, (t) => `${t} "title": "Igen",`),
    expected: ['F:3:23: "title" is given twice in the same object (keep one of them)'],
  },
  {
    name: 'duplicate-key-nested',
    text: editLine(36, (t) => `${t}, "exercise": "bird-dog"`),
    expected: ['F:36:41: "exercise" is given twice in the same object (keep one of them)'],
  },
  {
    // 10,000 nested arrays as a field value; the error is where nesting passes 64 (5 levels are the handout's own).
    name: 'deep-nesting',
    text: editLine(20, (t) => t.replace('"Lig ned en stund."', `${'['.repeat(10_000)}${']'.repeat(10_000)}`)),
    expected: ['F:20:78: JSON nested more than 64 levels deep (content files need only a few levels)'],
  },
  {
    name: 'comment',
    text: editLine(3, (t) => `${t} // titlen`),
    expected: ['F:3:23: malformed JSON: invalid comment token (JSON does not allow comments)'],
  },
  // Shapes and types
  { name: 'top-level-array', text: '[]\n', expected: ['F:1:1: expected object, received array'] },
  {
    name: 'empty-object',
    text: '{}\n',
    expected: [
      'F:1:1: id: missing required field "id" (expected string)',
      'F:1:1: title: missing required field "title" (expected string)',
      'F:1:1: meta: missing required field "meta" (expected object)',
      'F:1:1: sections: missing required field "sections" (expected array)',
    ],
  },
  {
    name: 'no-sections',
    text: editValue((h) => {
      h.sections = [];
    }),
    expected: ['F:14:3: sections: a handout needs at least one section'],
  },
  {
    name: 'missing-title',
    text: editValue((h) => void delete h.title),
    expected: ['F:1:1: title: missing required field "title" (expected string)'],
  },
  {
    name: 'wrong-type-text',
    text: editLine(20, (t) => t.replace('"Lig ned en stund."', '42')),
    expected: ['F:20:11: sections[0].blocks[0].text: expected string, received number'],
  },
  {
    name: 'wrong-type-boolean',
    text: editLine(23, (t) => t.replace('"figures",', '"figures", "numbered": "yes",')),
    expected: ['F:23:30: sections[0].blocks[1].numbered: expected boolean, received string'],
  },
  {
    name: 'empty-text',
    text: editLine(20, (t) => t.replace('"Lig ned en stund."', '""')),
    expected: ['F:20:11: sections[0].blocks[0].text: expected some text, got an empty string'],
  },
  {
    name: 'bad-id',
    text: editLine(2, (t) => t.replace('"rygtest"', '"Ryg Test"')),
    expected: ['F:2:3: id: expected a lower-case id such as "bird-dog" (a-z, 0-9 and single dashes)'],
  },
  {
    name: 'bad-language',
    text: editLine(5, (t) => t.replace('"da"', '"english"')),
    expected: ['F:5:3: language: expected a language tag such as "da" or "da-DK"'],
  },
  {
    name: 'impossible-date',
    text: editLine(10, (t) => t.replace('"2026-11-01"', '"2026-13-45"')),
    expected: ['F:10:5: meta.date: expected a real date (YYYY-MM-DD)'],
  },
  {
    name: 'february-30',
    text: editLine(11, (t) => t.replace('"2028-11-01"', '"2028-02-30"')),
    expected: ['F:11:5: meta.reviewDate: expected a real date (YYYY-MM-DD)'],
  },
  // Text too long to be a paragraph: refused in seconds, not laid out for minutes (or out of memory).
  { name: 'one-char-too-many', text: paragraph('a'.repeat(20_001)), expected: [TOO_LONG] },
  {
    name: 'many-words',
    text: paragraph(`${Array.from({ length: 49_999 }, (_, i) => `ord${i % 1000}`).join(' ')} slutord`),
    expected: [TOO_LONG],
  },
  // 1 MB of words in one field: under the file limit, over the field limit.
  { name: 'one-mb-of-words', text: paragraph('ord '.repeat(250_000).trim()), expected: [TOO_LONG] },
  {
    name: 'ten-mb-word',
    text: paragraph('a'.repeat(TEN_MB)),
    expected: ['F: the file has 10,000,857 bytes, more than the 2,097,152 (2 MiB) a content file may have'],
  },
  {
    name: 'bad-version',
    text: editLine(9, (t) => t.replace('"1.0"', '"v1"')),
    expected: ['F:9:5: meta.version: expected a version such as "1.0" or "2.1.3"'],
  },
  {
    name: 'crlf-line-endings',
    text: editLine(9, (t) => t.replace('"1.0"', '1')).replace(/\n/g, '\r\n'),
    expected: ['F:9:5: meta.version: expected string, received number'],
  },
  {
    name: 'four-figures',
    text: editValue((h) => {
      const items = h.sections[0].blocks[1].items;
      h.sections[0].blocks[1].items = [...items, ...items, ...items, ...items];
    }),
    expected: ['F:24:11: sections[0].blocks[1].items: at most three pictures fit side by side'],
  },
  {
    name: 'bad-dose-range',
    text: editLine(36, (t) => t.replace('"heel-slide"', '"heel-slide", "dose": { "reps": [15, 10] }')),
    expected: ['F:36:51: sections[0].blocks[2].items[0].dose.reps: expected a range [min, max] with min below max'],
  },
  {
    name: 'unknown-tone',
    text: editValue((h) => void h.sections[0].blocks.push({ type: 'callout', tone: 'warn', text: 'Pas på.' })),
    expected: ['F:42:11: sections[0].blocks[3].tone: invalid option: expected one of "info"|"warning"|"danger"'],
  },
  // Unknown fields, also the ones that could pollute a prototype
  {
    name: 'unknown-field',
    text: editLine(5, (t) => t.replace('"da",', '"da", "farve": "rød",')),
    expected: ['F:5:21: farve: unknown field "farve" (remove it or check its spelling)'],
  },
  {
    name: 'proto-key',
    text: editLine(2, (t) => `  "__proto__": { "polluted": true }, ${t.trim()}`),
    expected: ['F:2:3: __proto__: unknown field "__proto__" (remove it or check its spelling)'],
  },
  {
    name: 'constructor-key',
    text: editLine(2, (t) => `  "constructor": { "prototype": { "polluted": true } }, ${t.trim()}`),
    expected: ['F:2:3: constructor: unknown field "constructor" (remove it or check its spelling)'],
  },
  // Unknown names, with did-you-mean
  {
    name: 'unknown-block-type',
    text: editLine(19, (t) => t.replace('"paragraph"', '"paragrahp"')),
    expected: ['F:19:11: sections[0].blocks[0].type: unknown type "paragrahp" (did you mean "paragraph"?)'],
  },
  {
    name: 'missing-block-type',
    text: editValue((h) => void delete h.sections[0].blocks[0].type),
    // Other block types are being added: the list must name at least these.
    expected: [
      /^F:18:9: sections\[0\]\.blocks\[0\]\.type: missing "type" \(expected one of "paragraph", "subheading", "list", (?=.*"figures")(?=.*"exercises")(?=.*"callout")("[a-z-]+", )*"[a-z-]+"\)$/,
    ],
  },
  {
    name: 'unknown-exercise',
    text: editLine(36, (t) => t.replace('"heel-slide"', '"heel-slidr"')),
    expected: [
      'F:36:15: sections[0].blocks[2].items[0].exercise: unknown exercise "heel-slidr" (did you mean "heel-slide"?)',
    ],
  },
  {
    name: 'unknown-picture',
    text: picture('rest-supine-pillow-knee'),
    expected: [
      'F:26:15: sections[0].blocks[1].items[0].picture: unknown picture "rest-supine-pillow-knee" (did you mean "rest-supine-pillow-knees"?)',
    ],
  },
  {
    name: 'unknown-brand',
    text: BASE_TEXT,
    brand: 'skovlund-sygehsu',
    expected: ['content/brands: unknown brand "skovlund-sygehsu" (did you mean "skovlund-sygehus"?)'],
  },
  // Image paths and images
  {
    name: 'picture-dotdot',
    text: picture('../../etc/passwd'),
    expected: [
      'F:26:15: sections[0].blocks[1].items[0].picture: expected a picture id (content/pictures/<id>.json) or a file under assets/',
    ],
  },
  {
    name: 'picture-absolute',
    text: picture('/etc/passwd'),
    expected: [
      'F:26:15: sections[0].blocks[1].items[0].picture: expected a picture id (content/pictures/<id>.json) or a file under assets/',
    ],
  },
  // build reports what it names outside the file at its place in the handout, as validate does.
  {
    name: 'build-img-missing',
    text: picture('assets/nope.png'),
    expected: ['F:26:15: sections[0].blocks[1].items[0].picture: file "assets/nope.png" does not exist'],
  },
  {
    name: 'build-img-outside',
    text: picture('assets/../../etc/passwd.png'),
    expected: [
      'F:26:15: sections[0].blocks[1].items[0].picture: file "assets/../../etc/passwd.png" is outside the project (use a path under assets/)',
    ],
  },
  {
    name: 'build-img-link',
    text: picture('assets/outside.png'),
    expected: [
      'F:26:15: sections[0].blocks[1].items[0].picture: file "assets/outside.png" links to a place outside the project',
    ],
  },
  {
    name: 'build-unknown-template',
    text: editLine(6, (t) => t.replace('"leaflet"', '"leaflett"')),
    expected: ['F:6:3: template: unknown template "leaflett" (did you mean "leaflet"?)'],
  },
  {
    name: 'not-an-image',
    text: picture('assets/photo.png'),
    expected: [
      'assets/photo.png: cannot use image: it is not an image sharp can read (JPEG, PNG, WebP, AVIF, TIFF, GIF or SVG)',
    ],
  },
  // A word no line can hold, even hyphenated (a capital: a name is never split), is refused, not cut.
  {
    name: 'long-word',
    text: editValue((h) => {
      h.id = 'long-word';
      h.sections[0].blocks[0].text = `Kort ${LONG_WORD} slut.`;
    }),
    expected: [
      /^F: the word "Donaudampfschifffahrtselektriz…" \(\d+ letters\) is wider than its \d+ pt column and cannot be hyphenated; shorten it or add a break point \(a space or a hyphen\)$/,
    ],
  },
  {
    name: 'decompression-bomb',
    text: picture('assets/bomb.png'),
    expected: ['assets/bomb.png: cannot use image: it is larger than 80,000,000 pixels (a decompression bomb?)'],
  },
];

/** The refused handouts, built two runs of many files each (one process per case would take long). */
const CHUNKS: RefusedCase[][] = [0, 1].map((k) => REFUSED.filter((c) => !c.brand).filter((_, i) => i % 2 === k));
const runOf = (c: RefusedCase) =>
  c.brand
    ? { key: 'unknown-brand', out: 'unknown-brand', count: 1 }
    : (() => {
        const k = CHUNKS.findIndex((chunk) => chunk.includes(c));
        return { key: `refused-${k}`, out: `refused-${k}`, count: (CHUNKS[k] as RefusedCase[]).length };
      })();

/** Handouts that go wrong only in `handout validate` runs (the build side of some is in the todo list below). */
const VALIDATED: Record<string, string> = {
  'img-missing': picture('assets/nope.png'),
  'img-outside': picture('assets/../../etc/passwd.png'),
  'img-link': picture('assets/outside.png'),
  'unknown-template': editLine(6, (t) => t.replace('"leaflet"', '"leaflett"')),
  // Several problems of different kinds in one file: every one must be reported in one run.
  'many-references': editValue((h) => {
    h.template = 'leaflett';
    h.sections[0].blocks[0].text = 'Stærk 💪';
    h.sections[0].blocks[1].items[0].picture = 'assets/nope.png';
    h.sections[0].blocks[1].items.push({ picture: 'rest-side-pillow-leg', alt: 'En person ligger på siden.' });
    h.sections[0].blocks[2].items[0].exercise = 'heel-slidr';
  }),
  'many-schema': editValue((h) => {
    h.meta.version = 1;
    h.meta.date = '1. november 2026';
    delete h.meta.author;
    h.sections[0].blocks[0].txt = h.sections[0].blocks[0].text;
    delete h.sections[0].blocks[0].text;
    h.sections[0].blocks[1].items[0].alt = '';
  }),
  // validate once crashed with a stack trace here.
  'deep-nesting-validate': editLine(20, (t) =>
    t.replace('"Lig ned en stund."', `${'['.repeat(10_000)}${']'.repeat(10_000)}`),
  ),
  glyphs: editValue((h) => {
    h.id = 'glyphs';
    h.sections[0].blocks[0].text = 'Stærk 💪 مرحبا 背痛';
  }),
};

/** Handouts that must render. */
const LITERAL_TITLE = 'Ryg & <b>{{titel}}</b>';
const LITERAL_TEXT = 'Skriv <page-break/> og {{x}} og <b>fed</b> og &amp; her.';
/** Exactly 20,000 characters of words. */
const LONGEST_TEXT = `${Array.from({ length: 3_332 }, (_, i) => `ord${String(i % 100).padStart(2, '0')}`).join(' ')} slutord.`;
const RENDERED: Record<string, string> = {
  literal: editValue((h) => {
    h.id = 'literal';
    h.title = LITERAL_TITLE;
    h.sections[0].blocks[0].text = LITERAL_TEXT;
    h.sections[0].blocks[1].items[0].caption = '<figur picture="x"/> &lt;';
  }),
  // Optional fields left out: no subtitle (pdfkit once got Subject: undefined and threw).
  'no-subtitle': editValue((h) => {
    h.id = 'no-subtitle';
    delete h.subtitle;
  }),
  // A UTF-8 byte-order mark, as editors on Windows may save one, is not part of the JSON.
  bom: `\ufeff${editValue((h) => {
    h.id = 'bom';
  })}`,
  // The longest text a field may hold (20,000 characters): laid out on several pages.
  'longest-text': editValue((h) => {
    h.id = 'longest-text';
    h.sections[0].blocks[0].text = LONGEST_TEXT;
  }),
};

let root: string;
let outsideDir: string;
const runs = new Map<string, Promise<RunResult>>();
const templateRoots = new Map<string, string>();
let batchRoot: string;

/** A PNG whose header claims 100000 x 100000 pixels (the data is a few bytes). */
function bombPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([head, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(100_000, 0);
  ihdr.writeUInt32BE(100_000, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.alloc(1000))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * Templates of our own, added to a project copy (the project's templates change under us): a handout
 * names the main one with "template": "authoring". Each broken set gets its own project copy.
 */
const TEMPLATES: Record<string, Record<string, string>> = {
  'block-mismatch': {
    'templates/authoring.hbs':
      '<h1>{{handout.title}}</h1>\n{{#if handout.subtitle}}<p>{{handout.subtitle}}</p>{{/each}}\n',
  },
  'unknown-element': {
    'templates/authoring.hbs': '<h1>{{handout.title}}</h1>\n{{> authoring-part}}\n',
    'templates/partials/authoring-part.hbs':
      '<figures>\n  <figur picture="heel-slide" alt="x">{{handout.title}}</figur>\n</figures>\n',
  },
  'unknown-attribute': {
    'templates/authoring.hbs':
      '<h1>{{handout.title}}</h1>\n<callout tone="info" colour="red">\n  <p>{{handout.subtitle}}</p>\n</callout>\n',
  },
  'missing-field': { 'templates/authoring.hbs': '<h1>{{handout.title}}</h1>\n<p>{{handout.titel}}</p>\n' },
};
const AUTHORING_HANDOUT = editLine(6, (t) => t.replace('"leaflet"', '"authoring"'));

function start(key: string, cwd: string, args: string[], options?: Parameters<typeof handout>[2]) {
  runs.set(
    key,
    queue(() => handout(cwd, args, options)),
  );
}

function result(key: string): Promise<RunResult> {
  const run = runs.get(key);
  if (!run) throw new Error(`no run ${key}`);
  return run;
}

beforeAll(async () => {
  root = await copyProject();
  outsideDir = await mkdtemp(path.join(os.tmpdir(), 'handout-outside-'));
  temporary.push(root, outsideDir);
  await writeFile(path.join(outsideDir, 'secret.png'), bombPng());
  await writeFile(path.join(root, 'assets/photo.png'), 'This is a text file, not a photo.\n');
  await writeFile(path.join(root, 'assets/bomb.png'), bombPng());
  await symlink(path.join(outsideDir, 'secret.png'), path.join(root, 'assets/outside.png'));
  for (const c of REFUSED) {
    const text = c.text;
    if (text !== undefined) await editFile(root, `content/handouts/${c.name}.json`, () => text);
  }
  for (const [name, text] of Object.entries({ ...VALIDATED, ...RENDERED, base: BASE_TEXT }))
    await editFile(root, `content/handouts/${name}.json`, () => text);
  // A template of our own that uses a label nobody defined.
  await writeFile(
    path.join(root, 'templates/authoring-label.hbs'),
    '<h1>{{handout.title}}</h1>\n<p>{{label "tittel"}}</p>\n',
  );
  await editFile(root, 'content/handouts/unknown-label.json', () =>
    editLine(6, (t) => t.replace('"leaflet"', '"authoring-label"')),
  );

  for (const [name, files] of Object.entries(TEMPLATES)) {
    const copy = await copyProject();
    temporary.push(copy);
    templateRoots.set(name, copy);
    for (const [file, text] of Object.entries(files)) await editFile(copy, file, () => text);
    await editFile(copy, 'content/handouts/authoring.json', () => AUTHORING_HANDOUT);
  }

  batchRoot = await copyProject();
  temporary.push(batchRoot);
  await editFile(batchRoot, 'content/handouts/base.json', () => BASE_TEXT);
  await editFile(batchRoot, 'content/handouts/broken.json', () =>
    editLine(36, (t) => t.replace('"heel-slide"', '"heel-slidr"')),
  );
  await editFile(batchRoot, 'handouts.config.json', () =>
    JSON.stringify({
      handouts: ['content/handouts/base.json', 'content/handouts/broken.json'],
      brands: [BRAND],
      variants: ['standard'],
      languages: ['da'],
      output: 'output/{brand}/{handout}.pdf',
    }),
  );
  // Two brands and no {brand} in the pattern: both would write output/clash/base.pdf.
  await editFile(batchRoot, 'clash.config.json', () =>
    JSON.stringify({
      handouts: ['content/handouts/base.json'],
      brands: ['skovlund-sygehus', 'fysio-lindebakken'],
      output: 'output/clash/{handout}.pdf',
    }),
  );

  // Start every run now; the tests wait for theirs. Cases share a run where they cannot interfere.
  for (const [k, chunk] of CHUNKS.entries()) {
    start(`refused-${k}`, root, [
      'build',
      ...chunk.map((c) => `content/handouts/${c.name}.json`),
      '--brand',
      BRAND,
      '--out',
      `output/refused-${k}`,
    ]);
  }
  start('unknown-brand', root, [
    'build',
    'content/handouts/unknown-brand.json',
    '--brand',
    'skovlund-sygehsu',
    '--out',
    'output/unknown-brand',
  ]);
  start('rendered', root, [
    'build',
    ...Object.keys(RENDERED).map((n) => `content/handouts/${n}.json`),
    'content/handouts/glyphs.json',
    '--brand',
    BRAND,
    '--out',
    'output/rendered',
  ]);
  start('unknown-label', root, [
    'build',
    'content/handouts/unknown-label.json',
    '--brand',
    BRAND,
    '--out',
    'output/unknown-label',
  ]);
  for (const [name, copy] of templateRoots)
    start(`template-${name}`, copy, ['build', 'content/handouts/authoring.json', '--brand', BRAND, '--out', 'output']);
  start('batch', batchRoot, ['batch', '--jobs', '2']);
  start('batch-clash', batchRoot, ['batch', '--config', 'clash.config.json', '--jobs', '2']);
  // The write fails half-way: a file size limit stands in for a full disk (see the todo below for its message).
  start('disk-full', root, ['build', 'content/handouts/base.json', '--brand', BRAND, '--out', 'output/disk-full'], {
    shellPrefix: 'ulimit -f 8',
    env: { TSX_DISABLE_CACHE: '1' },
  });
  // A full disk: the temporary file the PDF is written to is /dev/full. Its name holds the pid (and
  // the thread id, 0 outside a batch worker), which
  // `exec` keeps: bash's $$ is node's process.pid.
  if (HAS_DEV_FULL) {
    start(
      'disk-enospc',
      root,
      ['build', 'content/handouts/base.json', '--brand', BRAND, '--out', 'output/disk-enospc'],
      {
        shellPrefix: `mkdir -p output/disk-enospc/${BRAND} && ln -s /dev/full output/disk-enospc/${BRAND}/.rygtest.pdf.$$-0.tmp`,
      },
    );
  }
  const checked = [
    'templates/authoring-label.hbs',
    ...Object.keys(VALIDATED)
      .filter((n) => n !== 'glyphs')
      .map((n) => `content/handouts/${n}.json`),
  ];
  start('validate', root, ['validate', ...checked]);
  start('validate-json', root, ['validate', ...checked, 'content/handouts/glyphs.json', '--format', 'json']);
  start('validate-glyphs', root, ['validate', 'content/handouts/glyphs.json']);
});

afterAll(async () => {
  // Let every run finish before its folder goes.
  await Promise.allSettled(runs.values());
  for (const dir of temporary) await rm(dir, { recursive: true, force: true });
});

function expectNoStack(r: RunResult) {
  expect(r.stdout).not.toMatch(STACK_LINE);
  expect(r.stderr).not.toMatch(STACK_LINE);
}

function expectFailed(r: RunResult) {
  expect(r.signal, 'the run was killed: it hung').toBeNull();
  expect(r.code).toBe(1);
  expectNoStack(r);
}

describe('handout build refuses a broken handout: file, place, message, exit 1, nothing written', () => {
  it.each(REFUSED)('$name', async (c) => {
    const run = runOf(c);
    const r = await result(run.key);
    expectFailed(r);
    const file = `content/handouts/${c.name}.json`;
    const target = `${file} for ${c.brand ?? BRAND}`;
    expect(r.stdout).toContain(`failed ${target}\n`);
    expect(r.stdout).toContain(`\n0 built, ${run.count} failed`);
    // A guard against a hang, not a benchmark: every file of the run refused, the 10 MB and the 1 MB ones too.
    expect(r.ms).toBeLessThan(60_000);
    const lines = failureLines(r.stderr, target);
    const expected = c.expected.map((l) =>
      typeof l === 'string'
        ? l.replace(/^F:/, `${file}:`)
        : new RegExp(l.source.replace('^F:', `^${file.replace(/[.]/g, '\\.')}:`)),
    );
    if (c.firstOnly) expect(lines[0]).toEqual(expected[0]);
    else {
      expect(lines).toHaveLength(expected.length);
      for (const [i, e] of expected.entries()) {
        if (typeof e === 'string') expect(lines[i]).toBe(e);
        else expect(lines[i]).toMatch(e);
      }
    }
    expect(await filesBelow(path.join(root, 'output', run.out))).toEqual([]);
  });

  it('a "__proto__" or "constructor" key pollutes no prototype (in-process render)', async () => {
    const project = await openProject(root);
    for (const [name, key] of [
      ['proto-key', '__proto__'],
      ['constructor-key', 'constructor'],
    ] as const) {
      const error = await render(project, { handout: `content/handouts/${name}.json`, brand: BRAND }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(HandoutError);
      expect((error as HandoutError).diagnostics).toEqual([
        {
          file: `content/handouts/${name}.json`,
          path: key,
          position: { line: 2, column: 3 },
          message: `unknown field "${key}"`,
          hint: 'remove it or check its spelling',
        },
      ]);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
  });
});

describe('templates: errors at the template line:col, found before anything is rendered', () => {
  it.each([
    ['block-mismatch', "templates/authoring.hbs:2:4: if doesn't match each"],
    [
      'unknown-element',
      'templates/partials/authoring-part.hbs:2:3: unknown markup element <figur> (did you mean "figure"?)',
    ],
    [
      'unknown-attribute',
      'templates/authoring.hbs:2:1: unknown attribute "colour" on <callout> (allowed: tone, title)',
    ],
  ])('%s', async (name, expected) => {
    const r = await result(`template-${name}`);
    expectFailed(r);
    expect(failureLines(r.stderr, 'project')).toEqual([expected]);
    expect(await filesBelow(path.join(templateRoots.get(name) as string, 'output'))).toEqual([]);
  });

  it('a field the view does not have is an error at its place (strict mode)', async () => {
    const r = await result('template-missing-field');
    expectFailed(r);
    expect(failureLines(r.stderr, `content/handouts/authoring.json for ${BRAND}`)).toEqual([
      'templates/authoring.hbs:2:6: "titel" not defined',
    ]);
    expect(await filesBelow(path.join(templateRoots.get('missing-field') as string, 'output'))).toEqual([]);
  });

  it('an unknown label names the template line:col, with the hint validate gives', async () => {
    const r = await result('unknown-label');
    expectFailed(r);
    expect(failureLines(r.stderr, `content/handouts/unknown-label.json for ${BRAND}`)).toEqual([
      'templates/authoring-label.hbs:2:4: unknown label "tittel" (add it to content/labels/da.json)',
    ]);
    expect(await filesBelow(path.join(root, 'output/unknown-label'))).toEqual([]);
  });
});

describe('handout validate: every problem of the named files in one run', () => {
  const linesOf = (r: RunResult, file: string) => r.stderr.split('\n').filter((l) => l.startsWith(`${file}:`));

  it('ends with the count and exits 1', async () => {
    const r = await result('validate');
    expectFailed(r);
    expect(r.stdout).toBe('');
    // 15 problems, the deep nesting, and the bad date's second line (a known gap: see the todo below).
    expect(r.stderr.trim().split('\n').at(-1)).toBe('16 errors, 1 warning');
  });

  it('finds a label a template uses and nobody defined, without rendering', async () => {
    expect(linesOf(await result('validate'), 'templates/authoring-label.hbs')).toEqual([
      'templates/authoring-label.hbs:2:4: unknown label "tittel" (add it to content/labels/da.json)',
    ]);
  });

  it.each([
    ['img-missing', 'file "assets/nope.png" does not exist'],
    ['img-outside', 'file "assets/../../etc/passwd.png" is outside the project (use a path under assets/)'],
    ['img-link', 'file "assets/outside.png" links to a place outside the project'],
  ])('refuses an image path: %s', async (name, message) => {
    expect(linesOf(await result('validate'), `content/handouts/${name}.json`)).toEqual([
      `content/handouts/${name}.json:26:15: sections[0].blocks[1].items[0].picture: ${message}`,
    ]);
  });

  it('refuses 10,000 nested arrays at the place nesting passes 64 levels, without a crash', async () => {
    const r = await result('validate');
    expect(linesOf(r, 'content/handouts/deep-nesting-validate.json')).toEqual([
      'content/handouts/deep-nesting-validate.json:20:78: JSON nested more than 64 levels deep (content files need only a few levels)',
    ]);
  });

  it('points an unknown template at the handout\'s "template" field, with did-you-mean', async () => {
    expect(linesOf(await result('validate'), 'content/handouts/unknown-template.json')).toEqual([
      'content/handouts/unknown-template.json:6:3: template: unknown template "leaflett" (did you mean "leaflet"?)',
    ]);
  });

  const byPlace = (a: string, b: string) => {
    const key = (l: string) =>
      l.replace(
        /:(\d+):(\d+):/,
        (_, line: string, col: string) => `:${line.padStart(5, '0')}:${col.padStart(5, '0')}:`,
      );
    return key(a) < key(b) ? -1 : 1;
  };

  it('reports every reference problem of one file: template, image file, picture, exercise, and the glyph warning', async () => {
    expect(linesOf(await result('validate'), 'content/handouts/many-references.json').sort(byPlace)).toEqual([
      'content/handouts/many-references.json:6:3: template: unknown template "leaflett" (did you mean "leaflet"?)',
      'content/handouts/many-references.json:20:11: warning: sections[0].blocks[0].text: the font cannot draw "💪" (U+1F4AA) (they would print as empty boxes; write them differently)',
      'content/handouts/many-references.json:26:15: sections[0].blocks[1].items[0].picture: file "assets/nope.png" does not exist',
      'content/handouts/many-references.json:31:15: sections[0].blocks[1].items[1].picture: unknown picture "rest-side-pillow-leg" (did you mean "rest-side-pillow-legs"?)',
      'content/handouts/many-references.json:40:15: sections[0].blocks[2].items[0].exercise: unknown exercise "heel-slidr" (did you mean "heel-slide"?)',
    ]);
  });

  it('reports every schema problem of one file: missing field, wrong type, bad date, unknown field, empty text', async () => {
    expect(linesOf(await result('validate'), 'content/handouts/many-schema.json').sort(byPlace)).toEqual([
      'content/handouts/many-schema.json:7:3: meta.author: missing required field "author" (expected string)',
      'content/handouts/many-schema.json:9:5: meta.version: expected string, received number',
      'content/handouts/many-schema.json:10:5: meta.date: expected a date written YYYY-MM-DD',
      'content/handouts/many-schema.json:17:9: sections[0].blocks[0].text: missing required field "text" (expected string)',
      'content/handouts/many-schema.json:19:11: sections[0].blocks[0].txt: unknown field "txt" (did you mean "text"?)',
      'content/handouts/many-schema.json:26:15: sections[0].blocks[1].items[0].alt: expected some text, got an empty string',
    ]);
  });

  it('--format json prints one array of {file, path, position, message, hint, severity}, the same problems', async () => {
    const r = await result('validate-json');
    expectFailed(r);
    expect(r.stderr).toBe('');
    const problems = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(Array.isArray(problems)).toBe(true);
    expect(problems).toHaveLength(18);
    expect(problems.filter((p) => p.severity === 'warning')).toHaveLength(2);
    for (const p of problems) {
      for (const key of Object.keys(p))
        expect(['file', 'path', 'position', 'message', 'hint', 'severity']).toContain(key);
      expect(['error', 'warning']).toContain(p.severity);
      expect(typeof p.file).toBe('string');
      expect(typeof p.message).toBe('string');
      expect(p.message).not.toBe('');
      expect(p.position).toEqual({ line: expect.any(Number), column: expect.any(Number) });
    }
    expect(problems).toContainEqual({
      file: 'content/handouts/many-references.json',
      path: 'sections[0].blocks[2].items[0].exercise',
      position: { line: 40, column: 15 },
      message: 'unknown exercise "heel-slidr"',
      hint: 'did you mean "heel-slide"?',
      severity: 'error',
    });
    expect(problems).toContainEqual({
      file: 'templates/authoring-label.hbs',
      position: { line: 2, column: 4 },
      message: 'unknown label "tittel"',
      hint: 'add it to content/labels/da.json',
      severity: 'error',
    });
    expect(problems).toContainEqual({
      file: 'content/handouts/deep-nesting-validate.json',
      position: { line: 20, column: 78 },
      message: 'JSON nested more than 64 levels deep',
      hint: 'content files need only a few levels',
      severity: 'error',
    });
    expect(problems).toContainEqual({
      file: 'content/handouts/glyphs.json',
      path: 'sections[0].blocks[0].text',
      position: { line: 20, column: 11 },
      message:
        'the font cannot draw "💪" (U+1F4AA), "م" (U+0645), "ر" (U+0631), "ح" (U+062D), "ب" (U+0628), "ا" (U+0627), "背" (U+80CC), "痛" (U+75DB)',
      hint: 'they would print as empty boxes; write them differently',
      severity: 'warning',
    });
    expect(
      problems
        .filter((p) => p.file === 'content/handouts/many-schema.json')
        .map((p) => p.path)
        .sort(),
    ).toEqual([
      'meta.author',
      'meta.date',
      'meta.version',
      'sections[0].blocks[0].text',
      'sections[0].blocks[0].txt',
      'sections[0].blocks[1].items[0].alt',
    ]);
  });

  it('warns about characters the font lacks, naming each with its U+ code, and exits 0; build still makes the PDF', async () => {
    const r = await result('validate-glyphs');
    expect(r.code).toBe(0);
    expectNoStack(r);
    expect(r.stderr.trim().split('\n')).toEqual([
      'content/handouts/glyphs.json:20:11: warning: sections[0].blocks[0].text: the font cannot draw "💪" (U+1F4AA), "م" (U+0645), "ر" (U+0631), "ح" (U+062D), "ب" (U+0628), "ا" (U+0627), "背" (U+80CC), "痛" (U+75DB) (they would print as empty boxes; write them differently)',
      '  20 |           "text": "Stærk 💪 مرحبا 背痛"',
      '     |           ^',
      '0 errors, 1 warning',
    ]);
    expect((await result('rendered')).stdout).toMatch(
      /^built output\/rendered\/skovlund-sygehus\/glyphs\.pdf \(\d+ pages, \d+ ms\)$/m,
    );
  });
});

describe('content that must render as written (one build of several handouts)', () => {
  const pdfOf = async (id: string) => readPdf(await readFile(path.join(root, 'output/rendered', BRAND, `${id}.pdf`)));

  it('builds them all, quickly, with no word on stderr but the warning of the characters the font lacks', async () => {
    const r = await result('rendered');
    expect(r.signal).toBeNull();
    expect(r.code).toBe(0);
    // Lines that do not start with a space: the diagnostics, without their source excerpts.
    expect(r.stderr.split('\n').filter((line) => /^\S/.test(line))).toEqual([
      expect.stringMatching(
        /^content\/handouts\/glyphs\.json:20:11: warning: sections\[0\]\.blocks\[0\]\.text: the font cannot draw/,
      ),
    ]);
    expect(r.stdout).toContain('\n5 built, 0 failed');
    expect(r.ms).toBeLessThan(90_000);
    expect((await filesBelow(path.join(root, 'output/rendered'))).sort()).toEqual(
      ['bom', 'glyphs', 'literal', 'longest-text', 'no-subtitle'].map((id) => `${BRAND}/${id}.pdf`),
    );
  });

  it('prints markup in content text literally: <page-break/>, {{x}}, <b>, &amp;', async () => {
    await result('rendered');
    const pdf = await pdfOf('literal');
    expect(pdf.info.Title).toBe(LITERAL_TITLE);
    const lines = pdf.pages.flatMap((p) => p.lines.map((l) => l.text));
    expect(lines).toContain(LITERAL_TITLE);
    // On one line: the <page-break/> did not break the page.
    expect(lines).toContain(LITERAL_TEXT);
    expect(lines).toContain('<figur picture="x"/> &lt;');
  });

  it('renders a handout without its optional subtitle', async () => {
    await result('rendered');
    const pdf = await pdfOf('no-subtitle');
    expect(pdf.info.Title).toBe('Rygtest');
    expect(pdf.info.Subject).toBeUndefined();
    expect(pdf.pages[0]?.lines.map((l) => l.text)).toContain('Lig ned en stund.');
  });

  it('accepts a file that starts with a UTF-8 byte-order mark', async () => {
    await result('rendered');
    const pdf = await pdfOf('bom');
    expect(pdf.info.Title).toBe('Rygtest');
    expect(pdf.pages[0]?.lines.map((l) => l.text)).toContain('Lig ned en stund.');
  });

  it('renders the longest text a field may hold (20,000 characters) on several pages, losing no word', async () => {
    const r = await result('rendered');
    expect(r.stdout).toMatch(/^built output\/rendered\/skovlund-sygehus\/longest-text\.pdf \(\d+ pages, \d+ ms\)$/m);
    const pdf = await pdfOf('longest-text');
    expect(pdf.pages.length).toBeGreaterThan(5);
    expect(pdf.text).toContain('ord00 ord01 ord02');
    expect(pdf.text.match(/\bord\d\d\b/g)).toHaveLength(3_332);
    expect(pdf.text).toMatch(/\bord31 ?\n?slutord\./);
  });
});

describe('batch and output', () => {
  it('a failed handout does not stop the batch: the others are built, every failure is listed', async () => {
    const r = await result('batch');
    expectFailed(r);
    expect(r.stdout).toContain('built output/skovlund-sygehus/base.pdf');
    expect(r.stdout).toContain('FAILED output/skovlund-sygehus/broken.pdf');
    expect(r.stdout).toContain(
      'output/skovlund-sygehus/broken.pdf:\ncontent/handouts/broken.json:36:15: sections[0].blocks[2].items[0].exercise: unknown exercise "heel-slidr" (did you mean "heel-slide"?)',
    );
    expect(r.stdout).toMatch(/\n1 built, 0 unchanged, 1 failed in /);
    expect(await filesBelow(path.join(batchRoot, 'output'))).toEqual([`${BRAND}/base.pdf`]);
  });

  it('two jobs writing one output path are refused before anything is built, both named', async () => {
    const r = await result('batch-clash');
    expectFailed(r);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([
      'clash.config.json:1:94: output: two outputs would be written to output/clash/base.pdf: content/handouts/base.json for fysio-lindebakken and content/handouts/base.json for skovlund-sygehus (put {brand}, {lang}, {handout} and {variant} in the output pattern)',
      // The manifest is one long line: it is cut around the place, marked "…".
      '  1 | …ase.json"],"brands":["skovlund-sygehus","fysio-lindebakken"],"output":"output/clash/{handout}.pdf"}',
      '    |                                                               ^',
    ]);
    expect(await filesBelow(path.join(batchRoot, 'output/clash'))).toEqual([]);
  });

  it('a write that fails half-way (file size limit) names the PDF and leaves neither a PDF nor a .tmp file', async () => {
    const r = await result('disk-full');
    expectFailed(r);
    expect(r.stdout).toContain('0 built, 1 failed');
    expect(failureLines(r.stderr, `content/handouts/base.json for ${BRAND}`)).toEqual([
      `output/disk-full/${BRAND}/rygtest.pdf: cannot write the PDF: the file grew larger than allowed`,
    ]);
    expect(await filesBelow(path.join(root, 'output/disk-full'))).toEqual([]);
  });

  it.skipIf(!HAS_DEV_FULL)('a full disk names the PDF and says the disk is full; nothing is left', async () => {
    const r = await result('disk-enospc');
    expectFailed(r);
    expect(r.stdout).toContain('0 built, 1 failed');
    expect(failureLines(r.stderr, `content/handouts/base.json for ${BRAND}`)).toEqual([
      `output/disk-enospc/${BRAND}/rygtest.pdf: cannot write the PDF: the disk is full`,
    ]);
    // The link to /dev/full, the temporary file, is removed too.
    expect(await readdir(path.join(root, 'output/disk-enospc', BRAND))).toEqual([]);
  });
});
