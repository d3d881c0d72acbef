/**
 * The handout markup: a small, strict set of elements that templates may emit.
 * Anything else is an error with the template's line:col, found before any
 * content is rendered.
 */
import { Parser } from 'htmlparser2';
import { didYouMean } from '../content/suggest.js';
import { type DiagnosticInit, HandoutError, positionAt } from '../diagnostics.js';

type Content = 'inline' | 'blocks' | 'empty' | readonly string[];

export interface ElementSpec {
  content: Content;
  /** Attribute name -> allowed values (empty: any text). */
  attributes?: Record<string, readonly string[]>;
  required?: readonly string[];
  inline?: boolean;
  description: string;
}

export const VOCABULARY: Record<string, ElementSpec> = {
  h1: { content: 'inline', description: 'the handout title' },
  h2: { content: 'inline', description: 'a section heading; kept with what follows' },
  h3: { content: 'inline', description: 'a sub-heading; kept with what follows' },
  p: { content: 'inline', description: 'a paragraph; never leaves a single line stranded' },
  ul: {
    content: ['li'],
    attributes: { columns: ['1', '2'] },
    description: 'a bulleted list; columns="2" for short items',
  },
  ol: {
    content: ['li'],
    attributes: { columns: ['1', '2'] },
    description: 'a numbered list; columns="2" for short items',
  },
  li: { content: 'inline', description: 'a list item' },
  figures: {
    content: ['figure'],
    attributes: { numbered: ['true', 'false'] },
    description: 'one to three pictures side by side, kept together',
  },
  figure: {
    content: 'inline',
    attributes: { picture: [], alt: [] },
    required: ['picture', 'alt'],
    description: 'a picture with alt text; its content is the caption',
  },
  media: {
    content: 'blocks',
    attributes: { picture: [], alt: [], side: ['left', 'right'], width: [] },
    required: ['picture', 'alt'],
    description:
      'a picture beside blocks of text; no page break while the picture stands beside the text; width="30" gives the picture 30% of the width',
  },
  card: {
    content: 'blocks',
    description:
      'a framed group (an exercise), kept together; one taller than a page splits between its paragraphs and list items, framed on each page, its heading repeated with "(fortsat)"',
  },
  keep: { content: 'blocks', description: 'an unframed group, kept together when it fits on a page' },
  callout: {
    content: 'blocks',
    attributes: { tone: ['info', 'warning', 'danger'], title: [] },
    required: ['tone'],
    description: 'a boxed note with an icon; tone info, warning or danger',
  },
  dl: { content: ['dt', 'dd'], description: 'terms and details in two columns' },
  dt: { content: 'inline', description: 'a term' },
  dd: { content: 'inline', description: 'the detail of the term before it' },
  table: {
    content: ['tr'],
    attributes: { widths: [] },
    description:
      'a table; a row is split only when taller than a page (between lines), header rows repeat on every page; widths="3,1,1" sets relative column widths (a column is never narrower than its widest word)',
  },
  tr: { content: ['th', 'td'], description: 'a table row; a row of <th> cells is a header row' },
  th: { content: 'inline', description: 'a header cell' },
  td: { content: 'inline', description: 'a cell' },
  'traffic-light': { content: ['light'], description: 'a traffic light graphic: three <light> rows, kept together' },
  light: {
    content: 'inline',
    attributes: { colour: ['green', 'yellow', 'red'], label: [] },
    required: ['colour', 'label'],
    description: 'one light: its colour (with a shape, for grayscale print), a label and what it means',
  },
  lines: {
    content: 'empty',
    attributes: { count: [] },
    required: ['count'],
    description: 'ruled lines to write on, e.g. a notes field',
  },
  qr: {
    content: 'inline',
    attributes: { href: [] },
    required: ['href'],
    description: 'a QR code of a web address, with its content as caption; the caption links to the address',
  },
  'page-break': { content: 'empty', description: 'start a new page' },
  b: { content: 'inline', inline: true, description: 'bold text' },
  a: { content: 'inline', inline: true, attributes: { href: [] }, required: ['href'], description: 'a link' },
  br: { content: 'empty', inline: true, description: 'a line break' },
  code: { content: 'inline', inline: true, description: 'literal text such as an id: never hyphenated' },
  span: {
    content: 'inline',
    inline: true,
    attributes: { lang: [] },
    required: ['lang'],
    description: 'text in another language than the document\'s, e.g. lang="en": read with that language\'s voice',
  },
};

/** Problems with one element's name and attributes, or none. */
export function elementProblems(
  name: string,
  attributes: Record<string, string>,
): { message: string; hint?: string }[] {
  const spec = VOCABULARY[name];
  if (!spec) {
    return [
      {
        message: `unknown markup element <${name}>`,
        hint: didYouMean(name, Object.keys(VOCABULARY)) ?? `known elements: ${Object.keys(VOCABULARY).join(', ')}`,
      },
    ];
  }
  const problems: { message: string; hint?: string }[] = [];
  const allowed = spec.attributes ?? {};
  for (const [attr, value] of Object.entries(attributes)) {
    const values = allowed[attr];
    if (!values) {
      const known = Object.keys(allowed);
      problems.push({
        message: `unknown attribute "${attr}" on <${name}>`,
        hint:
          didYouMean(attr, known) ?? (known.length ? `allowed: ${known.join(', ')}` : `<${name}> takes no attributes`),
      });
    } else if (values.length > 0 && value.trim() !== '' && !values.includes(value)) {
      problems.push({
        message: `<${name} ${attr}="${value}"> is not allowed`,
        hint: `expected one of ${values.join(', ')}`,
      });
    }
  }
  for (const attr of spec.required ?? []) {
    if (!(attr in attributes)) problems.push({ message: `<${name}> needs the attribute "${attr}"` });
  }
  return problems;
}

/** Handlebars expressions blanked out, same length and lines, so tags can be read around them. */
function blankMustaches(source: string): string {
  return source.replace(/\{\{[\s\S]*?\}\}\}?/g, (m) => m.replace(/[^\n]/g, ' '));
}

/** Check the literal tags of a template source; Handlebars expressions are left alone. */
export function checkMarkupVocabulary(file: string, template: string): void {
  const source = blankMustaches(template);
  const problems: DiagnosticInit[] = [];
  const open: { name: string; at: number }[] = [];
  // Elements written <x/> close themselves; the parser reports them as implied closes too.
  const selfClosing = new Set([...source.matchAll(/<[a-z-]+(?:\s[^<>]*?)?\/>/g)].map((m) => m.index));
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        for (const p of elementProblems(name, attributes)) {
          problems.push({ file, position: positionAt(source, parser.startIndex), ...p });
        }
        open.push({ name, at: parser.startIndex });
      },
      onclosetag(name, isImplied) {
        const element = open.pop();
        // The parser closes a forgotten element itself; in a template that is a mistake to name.
        if (
          isImplied &&
          element &&
          !VOCABULARY[name]?.content.toString().includes('empty') &&
          !selfClosing.has(element.at)
        ) {
          problems.push({
            file,
            position: positionAt(source, element.at),
            message: `<${name}> is not closed`,
            hint: `add </${name}>`,
          });
        }
      },
    },
    { xmlMode: true, recognizeSelfClosing: true },
  );
  parser.end(source);
  if (problems.length > 0) throw new HandoutError(problems);
}
