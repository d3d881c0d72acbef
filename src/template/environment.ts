/**
 * The Handlebars environment: templates and partials from `templates/`, the
 * helpers they may use, and errors that point at the template's line:col.
 * Templates only choose what goes on the page, in which order; Handlebars'
 * HTML escaping keeps content text from ever becoming markup.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';
import { formatDate } from '../content/dates.js';
import { displayPath, listFiles } from '../content/files.js';
import { fillLabel, type Labels, type LabelTable } from '../content/labels.js';
import { didYouMean } from '../content/suggest.js';
import { HandoutError, type Position, positionFinder } from '../diagnostics.js';
import { checkMarkupVocabulary } from '../markup/vocabulary.js';
import { layered } from '../packaged.js';

export interface TemplateSource {
  name: string;
  file: string;
  text: string;
}

export interface Templates {
  root: string;
  render(name: string, view: object, labels: Labels, language: string): string;
  names(): string[];
  /** Every `{{label "key"}}` in templates and partials, with its place: checked without rendering. */
  labelUses(): { key: string; file: string; position: Position }[];
}

function templateDir(root: string) {
  return path.join(root, 'templates');
}

/** A folder's templates, the package's where the project has none of its own name. */
async function readSources(root: string, dir: string): Promise<TemplateSource[]> {
  const files = (await layered(root, dir, listFiles)).filter((f) => f.endsWith('.hbs'));
  return Promise.all(
    files.map(async (file) => ({
      name: path.basename(file, '.hbs'),
      file: displayPath(root, file),
      text: await readFile(file, 'utf8'),
    })),
  );
}

/** Load and compile every template and partial; syntax and vocabulary errors are reported all at once. */
export async function loadTemplates(root: string): Promise<Templates> {
  const hb = Handlebars.create();
  const main = await readSources(root, 'templates');
  const partials = await readSources(root, path.join('templates', 'partials'));
  const problems: HandoutError[] = [];
  const compiled = new Map<string, { source: TemplateSource; run: Handlebars.TemplateDelegate }>();

  for (const source of [...main, ...partials]) {
    try {
      hb.parse(source.text);
      checkMarkupVocabulary(source.file, source.text);
    } catch (error) {
      problems.push(asTemplateError(source, error));
    }
  }
  for (const p of partials) {
    const run = hb.compile(p.text, { strict: true });
    // Wrapped so that an error inside a partial names the partial's file, not the caller's.
    hb.registerPartial(p.name, (context: unknown, options?: Handlebars.RuntimeOptions) => {
      try {
        return run(context, options);
      } catch (error) {
        throw asTemplateError(p, error);
      }
    });
  }
  for (const source of main)
    compiled.set(source.name, { source, run: hb.compile(source.text, { strict: true, noEscape: false }) });
  if (problems.length > 0) throw new HandoutError(problems.flatMap((p) => p.diagnostics));

  // Templates name labels by text: validation checks each against da.json.
  let labels: LabelTable = {};
  hb.registerHelper('label', (key: unknown, options?: Handlebars.HelperOptions) => {
    // Called without a key, Handlebars passes only its options: `{{label}}` meant a field, `{{this.label}}`.
    if (options === undefined)
      throw new Error('{{label}} needs a key, e.g. {{label "dose"}}; for a field named label write {{this.label}}');
    const k = String(key);
    const value = labels[k];
    if (value === undefined) {
      const loc = (options as unknown as { loc?: { start: { line: number; column: number } } }).loc;
      throw Object.assign(new Error(`unknown label "${k}"`), {
        lineNumber: loc?.start.line,
        column: loc?.start.column,
        hint: didYouMean(k, Object.keys(labels)) ?? 'add it to content/labels/da.json',
      });
    }
    // Named arguments fill {placeholders}: {{label "pageOf" page=1 pages=4}}.
    return fillLabel(value, options.hash);
  });
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('join', (items: unknown) => (Array.isArray(items) ? items.join(',') : ''));
  let language = 'da';
  // "2026-11-01" -> "1. november 2026": dates read as the reader's language writes them.
  hb.registerHelper('date', (iso: unknown) => formatDate(String(iso), language));
  hb.registerHelper('phoneLink', (phone: unknown) => String(phone).replace(/[^\d+]/g, ''));

  return {
    root,
    names: () => [...compiled.keys()].sort(),
    labelUses: () =>
      [...main, ...partials].flatMap((source) => {
        const at = positionFinder(source.text);
        return [...source.text.matchAll(/\{\{\s*label\s+["']([^"']+)["']/g)].map((m) => ({
          key: m[1] as string,
          file: source.file,
          position: at(m.index),
        }));
      }),
    render(name, view, currentLabels, currentLanguage) {
      const template = compiled.get(name);
      if (!template) {
        throw new HandoutError({
          file: displayPath(root, templateDir(root)),
          message: `unknown template "${name}"`,
          hint: didYouMean(name, compiled.keys()) ?? `known templates: ${[...compiled.keys()].join(', ')}`,
        });
      }
      labels = currentLabels;
      language = currentLanguage;
      try {
        return template.run(view);
      } catch (error) {
        throw asTemplateError(template.source, error);
      }
    },
  };
}

/** Turn a Handlebars exception into a diagnostic at the template's line:col (1-based). */
export function asTemplateError(source: TemplateSource, error: unknown): HandoutError {
  if (error instanceof HandoutError) return error;
  const e = error as Error & { lineNumber?: number; column?: number; hint?: string };
  const message = e.message ?? String(error);
  const parse = /^Parse error on line (\d+):\n(.*)\n(-*)\^\n(.*)/s.exec(message);
  if (parse) {
    const line = Number(parse[1]);
    const column = parseColumn(source.text, line, (parse[2] ?? '').slice(0, (parse[3] ?? '').length));
    return new HandoutError(
      { file: source.file, position: { line, column }, ...explainParseError(parse[4] ?? '') },
      { cause: error },
    );
  }
  const runtime = /^(.*?) - (\d+):(\d+)$/.exec(message);
  const position: Position | undefined =
    e.lineNumber !== undefined
      ? { line: e.lineNumber, column: (e.column ?? 0) + 1 }
      : runtime
        ? { line: Number(runtime[2]), column: Number(runtime[3]) + 1 }
        : undefined;
  // Strict mode says what it looked in: "x" not defined in <the value>, and the value may be a client's name.
  const text = (runtime?.[1] ?? message)
    .replace(/^(".*?" not defined) in [\s\S]*$/, '$1')
    // A field looked up in a text value: JavaScript's message quotes the text.
    .replace(
      /^Cannot use 'in' operator to search for '(.*?)' in [\s\S]*$/,
      '"$1" not defined: the value there is text',
    );
  return new HandoutError({ file: source.file, position, message: text, hint: e.hint }, { cause: error });
}

/** Handlebars' parser words ("Expecting 'CLOSE', got 'INVALID'") in a template author's words. */
function explainParseError(detail: string): { message: string; hint?: string } {
  if (/got 'EOF'/.test(detail)) {
    return {
      message: 'template syntax error: the template ends inside a block',
      hint: 'a {{#if}}, {{#each}} or {{#unless}} has no closing {{/…}}',
    };
  }
  if (/CLOSE/.test(detail) && /got 'INVALID'/.test(detail)) {
    return { message: 'template syntax error: an expression is not closed', hint: 'every {{ needs its }}' };
  }
  return { message: `template syntax error: ${detail.replace(/'/g, '').split('\n')[0]}` };
}

function parseColumn(text: string, line: number, before: string): number {
  const source = text.split('\n')[line - 1] ?? '';
  for (let k = Math.min(source.length, before.length); k > 0; k--) {
    if (before.endsWith(source.slice(0, k))) return k + 1;
  }
  return 1;
}
