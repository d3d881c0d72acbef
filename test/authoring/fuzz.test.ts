/**
 * Property: whatever an author does to a valid handout (delete a key, change a
 * value's type, put in unicode or markup, duplicate or drop list items, misspell
 * a key), rendering either gives a PDF that opens and shows the handout's title,
 * or a HandoutError that names the handout with a message. Never another
 * exception, never a hang.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFonts, missingGlyphs } from '../../src/brand/fonts.js';
import { HandoutError } from '../../src/diagnostics.js';
import { openProject, type Project, render } from '../../src/pipeline.js';
import { readPdf } from '../helpers/pdf.js';
import { copyProject, editFile } from '../helpers/project.js';

const SOURCE = 'content/handouts/smerter-i-ryggen.json';
const FUZZ = 'content/handouts/fuzz.json';
const PROGRAMME = 'content/programmes/p-2026-0142.json';
const BRAND = 'skovlund-sygehus';
const SEED = Number(process.env.FUZZ_SEED ?? 20261124);
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const RUN_TIMEOUT_MS = 20_000;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** Strings an author (or a paste from somewhere) brings: markup, template syntax, scripts the font lacks, invisible characters. */
const NASTY = [
  '<page-break/>',
  '{{x}}',
  '{{> block}}',
  '<b>fed</b>',
  '</p><h1>x</h1>',
  '&amp; &lt;',
  '💪',
  'مرحبا',
  '背痛',
  'e\u0301',
  '\u200b',
  '\u00ad',
  '',
  ' ',
  '\t\n',
  'Æblegrød på ø',
  '"citat" \\ /',
  'a'.repeat(400),
  'ord '.repeat(300),
  '\u0000\u0007',
  '\ud83d',
];
const OTHER_TYPES: Json[] = [42, -1, 0.5, true, false, null, [], {}, ['a'], { x: 1 }, 'tekst'];

function typeOf(v: Json): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

/** Every place in the value, with the value there. */
function places(value: Json, at: Path = []): [Path, Json][] {
  const out: [Path, Json][] = [[at, value]];
  if (Array.isArray(value)) for (const [i, v] of value.entries()) out.push(...places(v, [...at, i]));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...places(v, [...at, k]));
  return out;
}

function parentOf(root: Json, at: Path): Json {
  let node = root;
  for (const part of at.slice(0, -1)) node = (node as Record<string | number, Json>)[part] as Json;
  return node;
}

function setAt(root: Json, at: Path, value: Json): void {
  (parentOf(root, at) as Record<string | number, Json>)[at.at(-1) as string | number] = value;
}

function typo(key: string, n: number): string {
  if (key.length < 2) return `${key}x`;
  const i = n % (key.length - 1);
  switch (n % 3) {
    case 0:
      return key.slice(0, i) + (key[i + 1] as string) + (key[i] as string) + key.slice(i + 2); // swap
    case 1:
      return key.slice(0, i) + key.slice(i + 1); // drop
    default:
      return `${key.slice(0, i)}e${key.slice(i)}`; // add
  }
}

/** Pictures an author (or an attacker) may put under assets/: each must be refused, naming its file. */
const BAD_SVGS: Record<string, string> = {
  'assets/fuzz/image-outside.svg': '<svg viewBox="0 0 10 10"><image href="/etc/passwd" width="10" height="10"/></svg>',
  'assets/fuzz/image-url.svg': '<svg viewBox="0 0 10 10"><image href="https://example.org/x.png"/></svg>',
  'assets/fuzz/link.svg':
    '<svg viewBox="0 0 10 10"><a href="javascript:alert(1)"><rect width="5" height="5"/></a></svg>',
  'assets/fuzz/text.svg': 'Ikke en tegning.',
  'assets/fuzz/unclosed.svg': '<svg viewBox="0 0 10 10"><g><rect width="5" height="5"/></svg>',
  'assets/fuzz/folder.svg/': '',
};
const BAD_PICTURES = Object.keys(BAD_SVGS).map((p) => p.replace(/\/$/, ''));

/** Languages a caller of `render` may ask for: the only kind of input the fuzz once escaped with. */
const LANGUAGES = [undefined, 'da', 'en', 'de', 'english', '', 'xx', 'DA', 'da-DK', '../da', '\u0000', 'constructor'];

type Mutation = {
  kind: 'delete' | 'retype' | 'string' | 'duplicate' | 'remove' | 'typo' | 'picture';
  pick: number;
  variant: number;
};

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('delete', 'retype', 'string', 'duplicate', 'remove', 'typo', 'picture'),
  pick: fc.nat(),
  variant: fc.nat(),
});

/** Apply one mutation in place; returns what was done, for the failure message. */
function apply(root: Json, m: Mutation): string {
  const all = places(root).filter(([at]) => at.length > 0);
  const pick = <T>(list: T[]): T | undefined => (list.length ? list[m.pick % list.length] : undefined);
  switch (m.kind) {
    case 'delete':
    case 'typo': {
      const keyed = all.filter(([at]) => typeof at.at(-1) === 'string');
      const chosen = pick(keyed);
      if (!chosen) return 'nothing';
      const [at] = chosen;
      const parent = parentOf(root, at) as Record<string, Json>;
      const key = at.at(-1) as string;
      if (m.kind === 'delete') {
        delete parent[key];
        return `delete ${at.join('.')}`;
      }
      // Rename in place, keeping the order of the keys.
      const renamed = typo(key, m.variant);
      const entries = Object.entries(parent).map(([k, v]): [string, Json] => [k === key ? renamed : k, v]);
      for (const k of Object.keys(parent)) delete parent[k];
      for (const [k, v] of entries) parent[k] = v;
      return `rename ${at.join('.')} to ${renamed}`;
    }
    case 'retype': {
      const chosen = pick(all);
      if (!chosen) return 'nothing';
      const [at, value] = chosen;
      const others = OTHER_TYPES.filter((v) => typeOf(v) !== typeOf(value));
      const replacement = structuredClone(others[m.variant % others.length] as Json);
      setAt(root, at, replacement);
      return `retype ${at.join('.')} to ${JSON.stringify(replacement)}`;
    }
    case 'string': {
      const strings = all.filter(([, v]) => typeof v === 'string');
      const chosen = pick(strings);
      if (!chosen) return 'nothing';
      const [at, value] = chosen;
      const nasty = NASTY[m.variant % NASTY.length] as string;
      const replacement = [nasty, `${value} ${nasty}`, `${nasty}${value}`][
        Math.floor(m.variant / NASTY.length) % 3
      ] as string;
      setAt(root, at, replacement);
      return `set ${at.join('.')} to ${JSON.stringify(replacement).slice(0, 80)}`;
    }
    case 'picture': {
      const pictures = all.filter(([at, v]) => at.at(-1) === 'picture' && typeof v === 'string');
      const chosen = pick(pictures);
      if (!chosen) return 'nothing';
      const replacement = BAD_PICTURES[m.variant % BAD_PICTURES.length] as string;
      setAt(root, chosen[0], replacement);
      return `set ${chosen[0].join('.')} to ${replacement}`;
    }
    case 'duplicate':
    case 'remove': {
      const arrays = all.filter(([, v]) => Array.isArray(v) && v.length > 0);
      const chosen = pick(arrays);
      if (!chosen) return 'nothing';
      const [at, value] = chosen as [Path, Json[]];
      const i = m.variant % value.length;
      if (m.kind === 'duplicate') value.splice(i, 0, structuredClone(value[i] as Json));
      else value.splice(i, 1);
      return `${m.kind} ${at.join('.')}[${i}]`;
    }
  }
}

/** Text as pdfjs gives it back: no white space, no invisible or combining characters, nothing the font cannot draw. */
const font = loadFonts('atkinson-hyperlegible').regular;
function comparable(text: string): string {
  const missing = new Set(missingGlyphs(font, text));
  return [...text.normalize('NFKC')]
    .filter((c) => !missing.has(c))
    .join('')
    .replace(/[\s\p{C}\p{M}]/gu, '');
}

/** Page count, metadata title, and the text set in the largest size (the title: it may run over pages, between running heads). */
async function opened(pdf: Uint8Array): Promise<{ pages: number; title: unknown; text: string }> {
  const read = await readPdf(pdf);
  const lines = read.pages.flatMap((p) => p.lines);
  const largest = Math.max(...lines.map((l) => l.fontSize));
  const text = lines
    .filter((l) => Math.abs(l.fontSize - largest) < 0.5)
    .map((l) => l.text)
    .join('');
  return { pages: read.pages.length, title: read.info.Title, text };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`hang: ${what} took over ${ms} ms`)), ms);
    }),
  ]);
}

let root: string;
let project: Project;
let original: Json;

beforeAll(async () => {
  root = await copyProject();
  project = await openProject(root);
  let text = '';
  await editFile(root, SOURCE, (t) => (text = t));
  original = JSON.parse(text) as Json;
  await mkdir(path.join(root, 'assets/fuzz'), { recursive: true });
  for (const [file, svg] of Object.entries(BAD_SVGS)) {
    if (file.endsWith('/')) await mkdir(path.join(root, file), { recursive: true });
    else await writeFile(path.join(root, file), svg);
  }
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('mutated handouts: a PDF with the title, or a HandoutError naming the handout', () => {
  it('the unmutated leaflet renders (else the property below would test little)', async () => {
    await writeFile(path.join(root, FUZZ), JSON.stringify(original, null, 2));
    const result = await render(project, { handout: FUZZ, brand: BRAND });
    const pdf = await opened(result.pdf);
    expect(pdf.title).toBe((original as { title: string }).title);
    expect(comparable(pdf.text)).toContain(comparable((original as { title: string }).title));
  });

  it(`holds for ${RUNS} random edits (seed ${SEED})`, async () => {
    const outcomes = { rendered: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.nat(), async (mutations, lang) => {
        const handout = structuredClone(original);
        // Half the runs in the handout's own language, so that the rendering branch stays exercised.
        const language = lang % 2 === 0 ? undefined : LANGUAGES[(lang >> 1) % LANGUAGES.length];
        const done = [...mutations.map((m) => apply(handout, m)), `language ${JSON.stringify(language)}`];
        await writeFile(path.join(root, FUZZ), JSON.stringify(handout, null, 2));
        // A programme is printed in any language with labels: a bad one must be a diagnostic naming the file.
        if (language !== undefined) {
          const error = await render(project, { handout: PROGRAMME, language }).then(
            () => undefined,
            (e: unknown) => e,
          );
          if (
            error !== undefined &&
            !(error instanceof HandoutError && error.diagnostics.some((d) => d.file === PROGRAMME))
          )
            throw new Error(
              `programme in language ${JSON.stringify(language)}: not a diagnostic naming it: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
            );
        }
        let outcome: Awaited<ReturnType<typeof render>> | unknown;
        try {
          outcome = await withTimeout(
            render(project, { handout: FUZZ, brand: BRAND, language }),
            RUN_TIMEOUT_MS,
            done.join('; '),
          );
        } catch (error) {
          if (!(error instanceof HandoutError)) {
            throw new Error(
              `after [${done.join('; ')}]: not a HandoutError: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
            );
          }
          // A broken picture is named by its own file, at its line:col.
          const named = error.diagnostics.filter(
            (d) => (d.file === FUZZ || BAD_PICTURES.includes(d.file)) && d.message.trim() !== '',
          );
          if (named.length === 0) {
            throw new Error(
              `after [${done.join('; ')}]: no diagnostic names ${FUZZ}: ${JSON.stringify(error.diagnostics)}`,
            );
          }
          outcomes.refused++;
          return;
        }
        // A broken picture that is still in the handout must have been refused, not drawn blank or from outside.
        const bad = places(handout).find(([at, v]) => at.at(-1) === 'picture' && BAD_PICTURES.includes(v as string));
        if (bad) throw new Error(`after [${done.join('; ')}]: rendered with the broken picture ${String(bad[1])}`);
        const { pdf } = outcome as { pdf: Uint8Array };
        const title = (handout as { title: string }).title;
        const read = await opened(pdf);
        expect(read.pages, done.join('; ')).toBeGreaterThan(0);
        expect(read.title, done.join('; ')).toBe(title);
        expect(comparable(read.text), done.join('; ')).toContain(comparable(title));
        outcomes.rendered++;
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    // Both branches are exercised, so the property is not vacuous.
    expect(outcomes.rendered).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(0);
  }, 180_000);
});
