/**
 * The broken-input corpus of issue 14 ("Hardening"), class by class: every
 * input is untrusted (content, SVGs, the manifest, `.cache/`, options and the
 * environment). Each case is refused with a diagnostic naming the file or
 * option, or (for the cache and the build record) is not trusted and made again.
 *
 * Kept apart from corpus.test.ts, which starts many CLI runs for all of its
 * tests: these run in process where they can, so that each class can be run
 * (and seen to fail without its fix) on its own.
 */

import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBatch } from '../../src/batch/batch.js';
import { expandManifest, loadManifest } from '../../src/batch/manifest.js';
import { loadRecord } from '../../src/batch/record.js';
import { brandProblems } from '../../src/brand/check.js';
import { checkProject } from '../../src/check.js';
import { build } from '../../src/cli/build.js';
import { loadLibrary } from '../../src/content/library.js';
import { type DiagnosticInit, formatDiagnostic, HandoutError } from '../../src/diagnostics.js';
import { forgetRasterMemory } from '../../src/images/raster.js';
import { openProject, type Project, render } from '../../src/pipeline.js';
import { validateProject } from '../../src/validate.js';
import { copyProject, editFile, filesBelow } from '../helpers/project.js';
import { type AnyHandout, BASE_TEXT, editValue, handout, limiter, type RunResult, STACK_LINE } from './helpers.js';

const BRAND = 'skovlund-sygehus';
const temporary: string[] = [];
let root: string;
let outside: string;
let project: Project;

/** A small red PNG, made in beforeAll. */
let PNG: Buffer;

/** The base handout showing one picture. */
const withPicture = (picture: string, id = 'bild') =>
  editValue((h) => {
    h.id = id;
    h.sections[0].blocks[1].items[0].picture = picture;
  });

async function refusal(work: Promise<unknown>): Promise<DiagnosticInit[]> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof HandoutError))
    throw new Error(
      `expected a HandoutError, got ${error instanceof Error ? (error.stack ?? error.message) : 'success'}`,
    );
  return [...error.diagnostics];
}

const lines = (diagnostics: DiagnosticInit[]) => diagnostics.map(formatDiagnostic);

async function renderFile(file: string, text: string, request: Partial<Parameters<typeof render>[1]> = {}) {
  await editFile(root, file, () => text);
  return render(project, { handout: file, brand: BRAND, ...request });
}

beforeAll(async () => {
  const { default: sharp } = await import('sharp');
  PNG = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#cc0000' } })
    .png()
    .toBuffer();
  root = await copyProject();
  outside = await mkdtemp(path.join(os.tmpdir(), 'handout-outside-'));
  temporary.push(root, outside);
  // Another picture than PNG: a PDF that shows it read the file outside.
  await writeFile(
    path.join(outside, 'secret.png'),
    await sharp({ create: { width: 40, height: 30, channels: 3, background: '#0000cc' } })
      .png()
      .toBuffer(),
  );
  await mkdir(path.join(root, 'assets/pictures'), { recursive: true });
  project = await openProject(root);
});

afterAll(async () => {
  for (const dir of temporary) await rm(dir, { recursive: true, force: true });
});

const svg = (body: string, attributes = '') =>
  `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"${attributes}>${body}</svg>\n`;

describe('security: an SVG refers to nothing outside itself', () => {
  const cases: [string, string, RegExp][] = [
    [
      'image-absolute',
      svg('<image href="SECRET" width="10" height="10"/>'),
      /external reference ".*secret\.png" in <image href>/,
    ],
    ['image-dotdot', svg('<image xlink:href="../../../OUTSIDE/secret.png"/>'), /in <image xlink:href>/],
    [
      'image-url',
      svg('<image href="https://example.org/x.png"/>'),
      /external reference "https:\/\/example\.org\/x\.png"/,
    ],
    ['image-file-url', svg('<image href="file:///etc/passwd"/>'), /external reference "file:\/\/\/etc\/passwd"/],
    ['image-data', svg('<image href="data:image/png;base64,iVBORw0KGgo="/>'), /external reference "data:/],
    ['use-other-file', svg('<use href="other.svg#shape"/>'), /in <use href>/],
    [
      'style-url',
      svg('<rect width="5" height="5" style="fill: url(https://example.org/p.svg#x)"/>'),
      /style attribute of <rect>/,
    ],
    [
      'style-import',
      svg('<style>@import url("https://example.org/x.css");</style><rect width="5" height="5"/>'),
      /in <style>/,
    ],
  ];

  it.each(cases)('%s: refused at its place in the SVG', async (name, text, message) => {
    const file = `assets/pictures/${name}.svg`;
    await writeFile(
      path.join(root, file),
      text.replace('SECRET', path.join(outside, 'secret.png')).replace('OUTSIDE', path.relative('/', outside)),
    );
    const problems = await refusal(renderFile(`content/handouts/${name}.json`, withPicture(file, name)));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file, position: { line: 1, column: expect.any(Number) } });
    expect(problems[0]?.message).toMatch(message);
  });

  it('logo: a brand logo with an <image> of a file outside is refused, naming the SVG', async () => {
    const copy = await copyProject();
    temporary.push(copy);
    await writeFile(
      path.join(copy, 'assets/logos/skovlund-sygehus.svg'),
      svg(`<image href="${path.join(outside, 'secret.png')}"/>`),
    );
    const problems = await refusal(
      render(await openProject(copy), { handout: 'content/handouts/smerter-i-ryggen.json', brand: BRAND }),
    );
    expect(lines(problems)).toEqual([
      expect.stringMatching(
        /^assets\/logos\/skovlund-sygehus\.svg:1:\d+: external reference ".*secret\.png" in <image href>/,
      ),
    ]);
  });
});

describe('security: validate finds what build refuses in SVGs, without rendering', () => {
  it('an SVG logo and an SVG picture with external references', async () => {
    const copy = await copyProject();
    temporary.push(copy);
    await writeFile(path.join(copy, 'assets/logos/skovlund-sygehus.svg'), svg('<image href="/etc/passwd"/>'));
    await writeFile(path.join(copy, 'assets/evil.svg'), svg('<use href="https://example.org/x.svg#a"/>'));
    await editFile(copy, 'content/handouts/evil.json', () => withPicture('assets/evil.svg', 'evil'));
    const found = lines(await validateProject(copy)).filter((l) => l.startsWith('assets/'));
    expect(found).toEqual([
      expect.stringMatching(
        /^assets\/logos\/skovlund-sygehus\.svg:1:\d+: external reference "\/etc\/passwd" in <image href>/,
      ),
      expect.stringMatching(
        /^assets\/evil\.svg:1:\d+: external reference "https:\/\/example\.org\/x\.svg#a" in <use href>/,
      ),
    ]);
  });
});

describe('security: links are https:, http:, mailto: or tel: only, checked where they are written', () => {
  const brands: [string, string][] = [
    ['javascript', 'javascript:alert(1)'],
    ['file', 'file:///etc/passwd'],
    ['data', 'data:text/html,<script>alert(1)</script>'],
  ];
  it.each(brands)('brand web: %s', async (name, web) => {
    const copy = await copyProject();
    temporary.push(copy);
    await editFile(copy, 'content/brands/skovlund-sygehus.json', (t) =>
      t.replace(/"web": "[^"]*"/, `"web": ${JSON.stringify(web)}`),
    );
    const problems = await refusal(
      render(await openProject(copy), { handout: 'content/handouts/smerter-i-ryggen.json', brand: BRAND }),
    );
    expect(lines(problems)).toEqual([
      expect.stringMatching(
        /^content\/brands\/skovlund-sygehus\.json:\d+:\d+: web: expected a web address starting with https:\/\/ or http:\/\//,
      ),
    ]);
    void name;
  });

  it('a link inside an SVG picture', async () => {
    const file = 'assets/pictures/link.svg';
    await writeFile(path.join(root, file), svg('<a href="javascript:alert(1)"><rect width="5" height="5"/></a>'));
    const problems = await refusal(renderFile('content/handouts/svg-link.json', withPicture(file, 'svg-link')));
    expect(lines(problems)).toEqual([
      `${file}:1:104: <a href>: link scheme "javascript:" is not allowed: expected https:, http:, mailto:, tel:`,
    ]);
  });

  const templates: [string, string, string][] = [
    ['a-javascript', '<p><a href="javascript:alert(1)">klik</a></p>', 'link scheme "javascript:" is not allowed'],
    ['a-file', '<p><a href="file:///etc/passwd">klik</a></p>', 'link scheme "file:" is not allowed'],
    ['qr-data', '<qr href="data:text/html,x">scan</qr>', 'link scheme "data:" is not allowed'],
    ['a-no-scheme', '<p><a href="/etc/passwd">klik</a></p>', 'link "/etc/passwd" has no scheme'],
  ];
  it.each(templates)('a template link: %s', async (name, markup, message) => {
    const copy = await copyProject();
    temporary.push(copy);
    await writeFile(path.join(copy, 'templates/links.hbs'), `<h1>{{handout.title}}</h1>\n${markup}\n`);
    await editFile(copy, 'content/handouts/links.json', () => BASE_TEXT.replace('"leaflet"', '"links"'));
    const problems = await refusal(
      render(await openProject(copy), { handout: 'content/handouts/links.json', brand: BRAND }),
    );
    expect(lines(problems)).toEqual([expect.stringContaining(`templates/links.hbs (rendered):2:`)]);
    expect(problems[0]?.message).toContain(message);
    void name;
  });
});

describe('security: the HTML alternative writes only drawing elements of an SVG', () => {
  const cases: [string, string, RegExp][] = [
    ['script', svg('<script>alert(1)</script><rect width="5" height="5"/>'), /<script|alert/i],
    ['onload', svg('<rect width="5" height="5"/>', ' onload="alert(1)"'), /onload=/i],
    [
      'onclick-breakout',
      svg('<path d="M0 0&quot; onclick=&quot;alert(1)" onclick="alert(2)"/>'),
      /onclick="|alert\(2\)/,
    ],
    [
      'foreign-object',
      svg(
        '<foreignObject width="5" height="5"><div xmlns="http://www.w3.org/1999/xhtml">Hej<iframe></iframe></div></foreignObject>',
      ),
      /iframe|foreignObject/i,
    ],
    ['style-element', svg('<style>rect { fill: red }</style><rect width="5" height="5"/>'), /<style>rect/],
  ];
  it.each(cases)('%s', async (name, text, forbidden) => {
    const file = `assets/pictures/html-${name}.svg`;
    await writeFile(path.join(root, file), text);
    const result = await renderFile(`content/handouts/html-${name}.json`, withPicture(file, `html-${name}`), {
      alternatives: ['html'],
    });
    const body = (result.html ?? '').split('<main>')[1] ?? '';
    expect(body).toContain('<svg');
    expect(body).not.toMatch(forbidden);
  });
});

describe('security and data loss: the image cache is untrusted, verified by hash, made again when wrong', () => {
  const PHOTO = 'assets/pictures/photo.png';
  let clean: Uint8Array;
  let cacheDir: string;
  const entries = async () => (await readdir(cacheDir)).filter((f) => !f.endsWith('.tmp')).sort();
  const key = async () => (await entries()).find((f) => f.endsWith('.json'))?.replace(/\.json$/, '') as string;

  beforeAll(async () => {
    await writeFile(path.join(root, PHOTO), PNG);
    cacheDir = path.join(root, '.cache/images');
    await rm(cacheDir, { recursive: true, force: true });
    forgetRasterMemory();
    clean = (await renderFile('content/handouts/photo.json', withPicture(PHOTO, 'photo'))).pdf;
  });

  const poisons: [string, (dir: string, key: string) => Promise<void>][] = [
    [
      'record naming a file to read',
      (dir, k) =>
        writeFile(
          path.join(dir, `${k}.json`),
          JSON.stringify({ format: `x/${'../'.repeat(30)}${outside.slice(1)}/secret.png`, width: 40, height: 30 }),
        ),
    ],
    ['truncated data', (dir, k) => truncate(path.join(dir, `${k}.png`), 20)],
    ['zero-size data', (dir, k) => truncate(path.join(dir, `${k}.png`), 0)],
    [
      'data replaced by a link to a file outside',
      async (dir, k) => {
        await rm(path.join(dir, `${k}.png`));
        await symlink(path.join(outside, 'secret.png'), path.join(dir, `${k}.png`));
      },
    ],
    ['record that is not JSON', (dir, k) => writeFile(path.join(dir, `${k}.json`), '{ "format": ')],
    [
      'other bytes with a record that matches them',
      async (dir, k) => {
        const other = Buffer.concat([PNG.subarray(0, 8), Buffer.alloc(40)]);
        await writeFile(path.join(dir, `${k}.png`), other);
        await writeFile(path.join(dir, `${k}.json`), JSON.stringify({ format: 'png', width: 2, height: 2 }));
      },
    ],
  ];

  it.each(poisons)('%s: not used; the picture is made again and the PDF is the same', async (_name, poison) => {
    const k = await key();
    expect(k).toBeDefined();
    await poison(cacheDir, k);
    forgetRasterMemory();
    const again = await renderFile('content/handouts/photo.json', withPicture(PHOTO, 'photo'));
    expect(Buffer.from(again.pdf).equals(Buffer.from(clean))).toBe(true);
    // The entry was made again: a plain file with the bytes its record names.
    const record = JSON.parse(await readFile(path.join(cacheDir, `${k}.json`), 'utf8'));
    const data = await readFile(path.join(cacheDir, `${k}.png`));
    expect(record.sha256).toBe(createHash('sha256').update(data).digest('hex'));
  });

  const folders: [string, (dir: string) => Promise<void>, RegExp][] = [
    [
      'the cache folder is a link to a folder outside',
      async (dir) => {
        await rm(dir, { recursive: true, force: true });
        await symlink(outside, dir);
      },
      /\.cache\/images: the image cache is a symbolic link; it must be a folder inside the project/,
    ],
    [
      'a file stands where the cache folder should be (unwritable)',
      async (dir) => {
        await rm(dir, { recursive: true, force: true });
        await writeFile(dir, 'not a folder');
      },
      /\.cache\/images: the image cache is not a folder/,
    ],
  ];
  it.each(folders)('%s: a diagnostic naming the cache', async (_name, spoil, message) => {
    await spoil(cacheDir);
    forgetRasterMemory();
    const problems = await refusal(renderFile('content/handouts/photo.json', withPicture(PHOTO, 'photo')));
    expect(lines(problems)).toEqual([expect.stringMatching(message)]);
    expect(await readdir(outside)).toEqual(['secret.png']);
    await rm(cacheDir, { recursive: true, force: true });
  });
});

describe('data loss: outputs never land in the sources, nor outside the output folder unless named', () => {
  let library: Awaited<ReturnType<typeof loadLibrary>>;
  beforeAll(async () => {
    library = await loadLibrary(root, brandProblems);
  });
  const manifest = async (fields: Record<string, unknown>) => {
    await editFile(root, 'm.json', () =>
      JSON.stringify({ handouts: ['content/handouts/smerter-i-ryggen.json'], brands: [BRAND], ...fields }),
    );
    const { manifest: m, doc } = await loadManifest(root, 'm.json');
    return expandManifest(m, root, library, doc);
  };
  const cases: [string, Record<string, unknown>, RegExp][] = [
    [
      'over the handout JSON',
      { output: 'content/handouts/{handout}.json' },
      /output: the output pattern must end in \.pdf/,
    ],
    [
      'into content/',
      { output: 'content/handouts/{handout}.pdf' },
      /output: cannot write content\/handouts\/smerter-i-ryggen\.pdf: it is outside the output folder "output"/,
    ],
    [
      'out of the project',
      { output: '../{handout}.pdf' },
      /output: cannot write \.\.\/smerter-i-ryggen\.pdf: it is outside the output folder/,
    ],
    [
      'absolute',
      { output: '/tmp/{handout}.pdf' },
      /output: cannot write \/tmp\/smerter-i-ryggen\.pdf: it is outside the output folder/,
    ],
    [
      'a source as the output folder',
      { outputFolder: 'templates', output: 'templates/{handout}.pdf' },
      /outputFolder: cannot write outputs to "templates": it lies in the project's sources \(templates\/\)/,
    ],
    [
      'the project as the output folder',
      { outputFolder: '.', output: '{handout}.pdf' },
      /outputFolder: cannot write outputs to "\.": it is the project folder itself/,
    ],
  ];
  it.each(cases)('%s', async (_name, fields, message) => {
    const problems = await refusal(manifest(fields));
    expect(problems).toHaveLength(1);
    expect(lines(problems)[0]).toMatch(/^m\.json:1:\d+: /);
    expect(lines(problems)[0]).toMatch(message);
  });

  it('an output folder that links into content/', async () => {
    await symlink(path.join(root, 'content/handouts'), path.join(root, 'linked'));
    const problems = await refusal(manifest({ outputFolder: 'linked', output: 'linked/{handout}.pdf' }));
    expect(lines(problems)).toEqual([
      expect.stringMatching(
        /outputFolder: cannot write outputs to "linked": it lies in the project's sources \(content\/\)/,
      ),
    ]);
  });

  it('a named output folder elsewhere is the user saying so', async () => {
    const jobs = await manifest({ outputFolder: outside, output: `${outside}/{brand}/{handout}.pdf` });
    expect(jobs.map((j) => j.output)).toEqual([`${outside}/${BRAND}/smerter-i-ryggen.pdf`]);
  });

  it('build --out content/handouts is refused, and nothing is written', async () => {
    const report = await build(
      {
        root,
        files: [path.join(root, 'content/handouts/smerter-i-ryggen.json')],
        all: false,
        brand: [BRAND],
        out: path.join(root, 'content/handouts'),
        pdfa: false,
        debug: false,
      },
      () => undefined,
    );
    expect(report.built).toEqual([]);
    expect(report.failures.map((f) => f.message)).toEqual([
      expect.stringMatching(
        /^--out: cannot write to ".*content\/handouts": it lies in the project's sources \(content\/\)/,
      ),
    ]);
    expect((await readdir(path.join(root, 'content/handouts'))).filter((f) => f.endsWith('.pdf'))).toEqual([]);
  });
});

describe('data loss: the batch record', () => {
  let batchRoot: string;
  const OUT = `output/${BRAND}/rygtest.pdf`;
  beforeAll(async () => {
    batchRoot = await copyProject();
    temporary.push(batchRoot);
    await editFile(batchRoot, 'content/handouts/rygtest.json', () => BASE_TEXT);
    await editFile(batchRoot, 'content/handouts/rygtest-to.json', () => BASE_TEXT.replace('"rygtest"', '"rygtest-to"'));
    for (const [name, file] of [
      ['a', 'rygtest'],
      ['b', 'rygtest-to'],
    ])
      await editFile(batchRoot, `${name}.config.json`, () =>
        JSON.stringify({
          handouts: [`content/handouts/${file}.json`],
          brands: [BRAND],
          output: 'output/{brand}/{handout}.pdf',
        }),
      );
  });
  const batch = (manifest = 'a.config.json') =>
    runBatch({ root: batchRoot, manifest, workers: 1, force: false }, () => undefined);

  it('two batches at once with different manifests keep both their entries', async () => {
    const [a, b] = await Promise.all([batch('a.config.json'), batch('b.config.json')]);
    expect([a.built, b.built]).toEqual([1, 1]);
    expect(Object.keys((await loadRecord(batchRoot)).outputs).sort()).toEqual(
      [OUT, `output/${BRAND}/rygtest-to.pdf`].sort(),
    );
  }, 60_000);

  const spoils: [string, (file: string) => Promise<void>][] = [
    ['a truncated PDF', (file) => truncate(file, 1000)],
    [
      'a PDF with other bytes of the same size',
      async (file) => writeFile(file, Buffer.alloc((await readFile(file)).length, 0x25)),
    ],
  ];
  it.each(spoils)(
    '%s is built again',
    async (_name, spoil) => {
      const before = await readFile(path.join(batchRoot, OUT));
      await spoil(path.join(batchRoot, OUT));
      const summary = await batch();
      expect(summary.built).toBe(1);
      expect((await readFile(path.join(batchRoot, OUT))).equals(before)).toBe(true);
    },
    60_000,
  );

  it('record entries of the wrong form are dropped: check does not crash, the output is built again', async () => {
    const file = path.join(batchRoot, '.cache/handout-build.json');
    await writeFile(file, JSON.stringify({ version: 1, outputs: { [OUT]: null, 'output/x.pdf': 42 } }));
    expect(await checkProject(batchRoot, { today: '2026-12-01', warnDays: 60 })).toEqual([]);
    expect((await batch()).built).toBe(1);
  }, 60_000);
});

describe('crashes that were "internal error": a diagnostic naming the file or option', () => {
  it.each([
    ['english', 'expected a two-letter language code such as "da" or "en", got "english"'],
    ['de', 'there are no labels for "de" (content/labels/de.json); known languages: da, en'],
    ['', 'expected a two-letter language code such as "da" or "en", got ""'],
  ])('render with language %j', async (language, message) => {
    const problems = await refusal(renderFile('content/handouts/programme-lang.json', BASE_TEXT, { language }));
    expect(lines(problems)).toEqual([
      `content/handouts/programme-lang.json: cannot print it in the language asked for: ${message}`,
    ]);
  });

  it('a video address too long for a QR code is refused at its place', async () => {
    const text = (await readFile(path.join(root, 'content/programmes/p-2026-0142.json'), 'utf8')).replace(
      '"https://fysio-lindebakken.example/video/muskelkorset"',
      JSON.stringify(`https://fysio-lindebakken.example/${'v'.repeat(3000)}`),
    );
    const problems = await refusal(renderFile('content/programmes/long-video.json', text, { brand: undefined }));
    expect(lines(problems)).toEqual([
      expect.stringMatching(
        /^content\/programmes\/long-video\.json:12:\d+: exercises\[0\]\.video: expected an address of at most 2,000 characters \(it must fit in a QR code\)$/,
      ),
    ]);
  });

  it('a pose-scene arrow at a figure the scene does not have', async () => {
    await editFile(root, 'content/pictures/heel-slide.json', (t) => {
      const scene = JSON.parse(t);
      scene.arrows = [{ from: '3:near.knee', to: [10, 10] }];
      return JSON.stringify(scene, null, 2);
    });
    await editFile(root, 'content/handouts/arrow.json', () => BASE_TEXT);
    const problems = await refusal(
      render(await openProject(root), { handout: 'content/handouts/arrow.json', brand: BRAND }),
    );
    expect(lines(problems)).toEqual([
      expect.stringMatching(
        /^content\/pictures\/heel-slide\.json:\d+:\d+: arrows\[0\]\.from: cannot draw the pictogram: "3:near\.knee": there is no figure 3/,
      ),
    ]);
  });

  it('a picture path that is a folder', async () => {
    await mkdir(path.join(root, 'assets/pictures/folder.png'), { recursive: true });
    const problems = await refusal(
      renderFile('content/handouts/folder.json', withPicture('assets/pictures/folder.png', 'folder')),
    );
    expect(lines(problems)).toEqual([
      'content/handouts/folder.json:26:15: sections[0].blocks[1].items[0].picture: "assets/pictures/folder.png" is a folder, not a file (name a file in it)',
    ]);
  });

  it.each(['99999999999999999', '-1', '1e9', 'yesterday'])('SOURCE_DATE_EPOCH=%s', async (epoch) => {
    const before = process.env.SOURCE_DATE_EPOCH;
    process.env.SOURCE_DATE_EPOCH = epoch;
    try {
      const problems = await refusal(renderFile('content/handouts/epoch.json', BASE_TEXT));
      expect(lines(problems)).toEqual([
        `SOURCE_DATE_EPOCH: expected whole seconds since 1970-01-01, at most 253402300799 (the end of 9999); got "${epoch}" (unset it to use the document's own date)`,
      ]);
    } finally {
      if (before === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = before;
    }
  });
});

describe('command-line options: a diagnostic naming the option, exit 2, no stack trace', () => {
  const queue = limiter(2);
  const runs = new Map<string, Promise<RunResult>>();
  const CASES: [string, string[], string][] = [
    ['jobs-abc', ['batch', '--jobs', 'abc'], '--jobs: expected a whole number from 1 to 256, got something else'],
    ['jobs-zero', ['batch', '--jobs', '0'], '--jobs: expected a whole number from 1 to 256, got "0"'],
    ['shard-5-of-4', ['batch', '--shard', '5/4'], '--shard: expected i/n with 1 <= i <= n, e.g. 2/4; got "5/4"'],
    [
      'today-notadate',
      ['check', '--today', 'notadate'],
      '--today: expected a date written YYYY-MM-DD, got "notadate" (e.g. 2026-12-01)',
    ],
    [
      'today-feb-30',
      ['check', '--today', '2026-02-30'],
      '--today: expected a date written YYYY-MM-DD, got "2026-02-30" (e.g. 2026-12-01)',
    ],
    [
      'warn-days-abc',
      ['check', '--warn-days', 'abc'],
      '--warn-days: expected a whole number from 0 to 3,650, got something else',
    ],
    [
      'lang-english',
      ['build', 'content/handouts/smerter-i-ryggen.json', '--brand', BRAND, '--lang', 'english'],
      '--lang: expected a two-letter language code such as "da" or "en", got "english"',
    ],
    [
      'lang-de',
      ['build', 'content/programmes/p-2026-0142.json', '--lang', 'de'],
      '--lang: there are no labels for "de" (content/labels/de.json); known languages: da, en',
    ],
  ];
  beforeAll(() => {
    for (const [name, args] of CASES)
      runs.set(
        name,
        queue(() => handout(root, [...args, '--root', root])),
      );
  });
  it.each(CASES)(
    '%s',
    async (name, _args, message) => {
      const r = await (runs.get(name) as Promise<RunResult>);
      expect(r.code).toBe(2);
      expect(`${r.stdout}${r.stderr}`).not.toMatch(STACK_LINE);
      expect(r.stderr).not.toContain('internal error');
      expect(r.stderr).toContain(message);
    },
    60_000,
  );
});

describe('unclear errors and silent acceptance', () => {
  it('a missing logo is the brand file\'s problem, at its "logo" field', async () => {
    const copy = await copyProject();
    temporary.push(copy);
    await rm(path.join(copy, 'assets/logos/skovlund-sygehus.svg'));
    const problems = await refusal(
      render(await openProject(copy), { handout: 'content/handouts/smerter-i-ryggen.json', brand: BRAND }),
    );
    expect(lines(problems)).toEqual([
      expect.stringMatching(
        /^content\/brands\/skovlund-sygehus\.json:\d+:\d+: logo: file "assets\/logos\/skovlund-sygehus\.svg" does not exist$/,
      ),
    ]);
  });

  const svgs: [string, string, string][] = [
    [
      'text',
      'Dette er ikke en tegning.\n',
      'assets/pictures/text.svg:1:1: expected an SVG drawing, found text outside the <svg> element',
    ],
    [
      'unclosed',
      '<svg viewBox="0 0 10 10">\n  <g>\n    <rect width="5" height="5"/>\n</svg>\n',
      'assets/pictures/unclosed.svg:2:3: malformed SVG: <g> is not closed (add </g>)',
    ],
    [
      'html',
      '<html><body>x</body></html>\n',
      'assets/pictures/html.svg:1:1: expected an SVG drawing, found <html> as the root element',
    ],
  ];
  it.each(svgs)('an SVG that is %s', async (name, text, message) => {
    await writeFile(path.join(root, `assets/pictures/${name}.svg`), text);
    const problems = await refusal(
      renderFile(`content/handouts/svg-${name}.json`, withPicture(`assets/pictures/${name}.svg`, `svg-${name}`)),
    );
    expect(lines(problems)).toEqual([message]);
  });

  it('a PNG with a broken body names the file and says so in words', async () => {
    const broken = Buffer.concat([PNG.subarray(0, 33), Buffer.from('garbage garbage garbage'), PNG.subarray(-12)]);
    await writeFile(path.join(root, 'assets/pictures/broken.png'), broken);
    const problems = await refusal(
      renderFile('content/handouts/broken-png.json', withPicture('assets/pictures/broken.png', 'broken-png')),
    );
    expect(lines(problems)).toEqual(['assets/pictures/broken.png: cannot use image: the file is truncated or corrupt']);
  });

  it('an empty image file says so, naming the file', async () => {
    await writeFile(path.join(root, 'assets/pictures/empty.png'), '');
    const problems = await refusal(
      renderFile('content/handouts/empty-png.json', withPicture('assets/pictures/empty.png', 'empty-png')),
    );
    expect(lines(problems)).toEqual(['assets/pictures/empty.png: cannot use image: the file is empty']);
  });

  const content: [string, (h: AnyHandout) => void, string][] = [
    [
      'control character',
      (h) => {
        h.sections[0].blocks[0].text = 'Lig ned\u0007 en stund.';
      },
      ':20:11: sections[0].blocks[0].text: contains the control character U+0007 at character 8: it cannot be printed; delete it',
    ],
    [
      'NUL in a title',
      (h) => {
        h.title = 'Ryg\u0000test';
      },
      ':3:3: title: contains the control character U+0000 at character 4: it cannot be printed; delete it',
    ],
    [
      'language without labels',
      (h) => {
        h.language = 'xx';
      },
      ':5:3: language: there are no labels for "xx" (content/labels/xx.json); known languages: da, en',
    ],
    [
      'empty callout',
      (h) => void h.sections[0].blocks.push({ type: 'callout', tone: 'info' }),
      ':40:9: sections[0].blocks[3]: an empty callout: expected a "title", "text" or "items"',
    ],
    [
      'callout with no items',
      (h) => void h.sections[0].blocks.push({ type: 'callout', tone: 'info', items: [] }),
      ':43:11: sections[0].blocks[3].items: expected at least one item, or leave "items" out',
    ],
    [
      'empty table row',
      (h) =>
        void h.sections[0].blocks.push({
          type: 'table',
          header: ['Uge', 'Løb'],
          rows: [
            ['1', '5 min'],
            ['', ' '],
          ],
        }),
      ':51:13: sections[0].blocks[3].rows[1]: expected a row with text in at least one cell',
    ],
    [
      'dose removed field by field',
      (h) => {
        h.sections[0].blocks[2].items[0].dose = { reps: null };
      },
      ':37:15: sections[0].blocks[2].items[0].dose: the dose is empty once the exercise\'s own fields are removed (keep at least one field, or give one such as "reps": 10)',
    ],
  ];
  it.each(content)('%s', async (name, edit, message) => {
    const id = `silent-${name.toLowerCase().replace(/\W+/g, '-')}`;
    const file = `content/handouts/${id}.json`;
    const text = editValue((h) => {
      h.id = id;
      edit(h);
    });
    const problems = await refusal(renderFile(file, text));
    expect(lines(problems)).toEqual([`${file}${message}`]);
  });

  it('an empty dose in an exercise', async () => {
    const copy = await copyProject();
    temporary.push(copy);
    await editFile(copy, 'content/exercises/heel-slide.json', (t) => t.replace(/"dose": \{[^}]*\}/, '"dose": {}'));
    await editFile(copy, 'content/handouts/rygtest.json', () => BASE_TEXT);
    const problems = await refusal(
      render(await openProject(copy), { handout: 'content/handouts/rygtest.json', brand: BRAND }),
    );
    expect(lines(problems)).toEqual([
      expect.stringMatching(
        /^content\/exercises\/heel-slide\.json:\d+:\d+: dose: an empty dose: expected at least one of sets, reps/,
      ),
    ]);
  });
});

describe("privacy: the client's name is never printed", () => {
  const NAME = 'Ånna Hænsen 💪';
  it('validate warns about characters of the name the font lacks without quoting them', async () => {
    const copy = await copyProject();
    temporary.push(copy);
    await editFile(copy, 'content/programmes/p-2026-0142.json', (t) =>
      t.replace('"Anna Hansen"', JSON.stringify(NAME)),
    );
    const out = lines(await validateProject(copy)).join('\n');
    expect(out).toContain(
      'content/programmes/p-2026-0142.json:5:3: warning: client: the font cannot draw 1 character of this field',
    );
    expect(out).not.toContain('💪');
    expect(out).not.toContain('1F4AA');
  });

  it('the batch log does not print a "brand" field that is not a brand id', async () => {
    const copy = await copyProject();
    temporary.push(copy);
    await editFile(copy, 'content/programmes/p-2026-0142.json', (t) =>
      t.replace('"fysio-lindebakken"', '"Anna Hansen"'),
    );
    await editFile(copy, 'handouts.config.json', () =>
      JSON.stringify({ handouts: ['content/programmes/p-2026-0142.json'] }),
    );
    const r = await handout(copy, ['batch', '--jobs', '1']);
    expect(r.code).toBe(1);
    expect(`${r.stdout}${r.stderr}`).not.toContain('Anna');
    expect(r.stdout).toContain('content/programmes/p-2026-0142.json:4:3: brand: expected a lower-case id');
    expect(await filesBelow(path.join(copy, 'output'))).toEqual([]);
  }, 60_000);

  it('a template error does not quote the list it looked in', async () => {
    const copy = await copyProject();
    temporary.push(copy);
    await editFile(copy, 'templates/exercise-sheet.hbs', (t) => `<p>{{programme.advice.first}}</p>\n${t}`);
    const problems = await refusal(render(await openProject(copy), { handout: 'content/programmes/p-2026-0142.json' }));
    expect(lines(problems)).toEqual(['templates/exercise-sheet.hbs:1:6: "first" not defined']);
  });

  it('a template error does not quote the value it looked in', async () => {
    const copy = await copyProject();
    temporary.push(copy);
    await editFile(copy, 'templates/exercise-sheet.hbs', (t) => `<p>{{programme.client.name}}</p>\n${t}`);
    const problems = await refusal(render(await openProject(copy), { handout: 'content/programmes/p-2026-0142.json' }));
    expect(lines(problems)).toEqual(['templates/exercise-sheet.hbs: "name" not defined: the value there is text']);
    expect(JSON.stringify(problems)).not.toContain('Anna');
  });
});
