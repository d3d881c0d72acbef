/**
 * Markup text (what a template rendered) -> document tree. Structure is checked
 * here: which element may hold which, and where text may stand.
 */
import { Parser } from 'htmlparser2';
import { linkProblem } from '../content/links.js';
import { type DiagnosticInit, HandoutError, positionFinder } from '../diagnostics.js';
import type { BlockNode, CalloutTone, FigureNode, Inline, LightColour, SourceSpan } from './tree.js';
import { elementProblems, VOCABULARY } from './vocabulary.js';

interface RawElement {
  name: string;
  attributes: Record<string, string>;
  children: RawNode[];
  source: SourceSpan;
}
type RawNode = RawElement | string;

/** Parse markup into raw elements with positions; names and attributes are checked on the way. */
function parseRaw(file: string, markup: string, problems: DiagnosticInit[]): RawNode[] {
  const root: RawElement = { name: '#root', attributes: {}, children: [], source: { file, line: 1, column: 1 } };
  const stack: RawElement[] = [root];
  const positionOf = positionFinder(markup);
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const at = positionOf(parser.startIndex);
        for (const p of elementProblems(name, attributes)) problems.push({ file, position: at, ...p });
        const element: RawElement = { name, attributes, children: [], source: { file, ...at } };
        stack.at(-1)?.children.push(element);
        stack.push(element);
      },
      onclosetag() {
        if (stack.length > 1) stack.pop();
      },
      ontext(text) {
        // The parser hands text over in pieces (at every entity); one run is one string.
        const children = (stack.at(-1) as RawElement).children;
        const last = children.length - 1;
        if (typeof children[last] === 'string') children[last] += text;
        else children.push(text);
      },
    },
    { xmlMode: true, recognizeSelfClosing: true, decodeEntities: true },
  );
  parser.end(markup);
  return root.children;
}

export function parseMarkup(file: string, markup: string): BlockNode[] {
  const problems: DiagnosticInit[] = [];
  const raw = parseRaw(file, markup, problems);
  const blocks = toBlocks(raw, { file, line: 1, column: 1 }, problems);
  if (problems.length > 0) throw new HandoutError(problems);
  return blocks;
}

/** Only web, e-mail and phone links become clickable, whatever a template or its content writes. */
function checkLink(problems: DiagnosticInit[], source: SourceSpan, href: string) {
  const problem = linkProblem(href);
  if (problem) complain(problems, source, problem, 'links may be https:, http:, mailto: or tel:');
}

function complain(problems: DiagnosticInit[], source: SourceSpan, message: string, hint?: string) {
  problems.push({ file: source.file, position: { line: source.line, column: source.column }, message, hint });
}

function isBlank(node: RawNode): boolean {
  return typeof node === 'string' && node.trim() === '';
}

/** Block content: elements that are blocks; loose text becomes a paragraph. */
function toBlocks(nodes: RawNode[], parent: SourceSpan, problems: DiagnosticInit[]): BlockNode[] {
  const out: BlockNode[] = [];
  let loose: RawNode[] = [];
  const flushLoose = () => {
    if (loose.some((n) => !isBlank(n)))
      out.push({ kind: 'paragraph', inlines: toInlines(loose, problems), source: parent });
    loose = [];
  };
  for (const node of nodes) {
    if (typeof node === 'string' || VOCABULARY[node.name]?.inline) {
      loose.push(node);
      continue;
    }
    flushLoose();
    const block = toBlock(node, problems);
    if (block) out.push(block);
  }
  flushLoose();
  return out;
}

function childElements(element: RawElement, allowed: readonly string[], problems: DiagnosticInit[]): RawElement[] {
  const out: RawElement[] = [];
  for (const child of element.children) {
    if (isBlank(child)) continue;
    if (typeof child === 'string' || !allowed.includes(child.name)) {
      const what = typeof child === 'string' ? `text "${child.trim().slice(0, 30)}"` : `<${child.name}>`;
      complain(
        problems,
        typeof child === 'string' ? element.source : child.source,
        `${what} is not allowed in <${element.name}>`,
        `<${element.name}> holds ${allowed.map((a) => `<${a}>`).join(', ')}`,
      );
      continue;
    }
    out.push(child);
  }
  return out;
}

function toBlock(element: RawElement, problems: DiagnosticInit[]): BlockNode | undefined {
  const { source, attributes: a } = element;
  const inlines = () => toInlines(element.children, problems);
  const blocks = () => toBlocks(element.children, source, problems);
  switch (element.name) {
    case 'h1':
    case 'h2':
    case 'h3':
      return { kind: 'heading', level: Number(element.name[1]) as 1 | 2 | 3, inlines: inlines(), source };
    case 'p':
      return { kind: 'paragraph', inlines: inlines(), source };
    case 'ul':
    case 'ol':
      return {
        kind: 'list',
        ordered: element.name === 'ol',
        columns: a.columns === '2' ? 2 : 1,
        items: childElements(element, ['li'], problems).map((li) => toInlines(li.children, problems)),
        source,
      };
    case 'figures':
      return {
        kind: 'figures',
        numbered: a.numbered === 'true',
        items: childElements(element, ['figure'], problems).map(
          (f): FigureNode => ({
            picture: f.attributes.picture ?? '',
            alt: f.attributes.alt ?? '',
            caption: toInlines(f.children, problems),
          }),
        ),
        source,
      };
    case 'media': {
      const share = a.width === undefined ? undefined : Number(a.width) / 100;
      if (share !== undefined && !(share >= 0.15 && share <= 0.7))
        complain(problems, source, `<media width="${a.width}"> needs a percentage from 15 to 70`);
      return {
        kind: 'media',
        picture: a.picture ?? '',
        alt: a.alt ?? '',
        side: a.side === 'right' ? 'right' : 'left',
        share,
        children: blocks(),
        source,
      };
    }
    case 'card':
      return { kind: 'card', children: blocks(), source };
    case 'keep':
      return { kind: 'keep', children: blocks(), source };
    case 'callout':
      return { kind: 'callout', tone: (a.tone ?? 'info') as CalloutTone, title: a.title, children: blocks(), source };
    case 'dl': {
      const items: { term: Inline[]; detail: Inline[] }[] = [];
      for (const child of childElements(element, ['dt', 'dd'], problems)) {
        const content = toInlines(child.children, problems);
        if (child.name === 'dt') items.push({ term: content, detail: [] });
        else if (items.length === 0) complain(problems, child.source, '<dd> must follow a <dt>');
        else (items.at(-1) as { detail: Inline[] }).detail.push(...content);
      }
      return { kind: 'definitions', items, source };
    }
    case 'table': {
      const widths = a.widths?.split(',').map(Number);
      if (widths?.some((w) => !(w > 0)))
        complain(problems, source, `<table widths="${a.widths}"> needs positive numbers separated by commas`);
      const rows = childElements(element, ['tr'], problems).map((tr) => {
        const cells = childElements(tr, ['th', 'td'], problems);
        const header = cells.length > 0 && cells.every((c) => c.name === 'th');
        return {
          header,
          rowHeader: !header && cells[0]?.name === 'th',
          cells: cells.map((c) => toInlines(c.children, problems)),
        };
      });
      const columns = Math.max(0, ...rows.map((r) => r.cells.length));
      if (widths && widths.length !== columns)
        complain(problems, source, `<table widths> names ${widths.length} columns, the rows have ${columns}`);
      return { kind: 'table', widths, rows, source };
    }
    case 'traffic-light':
      return {
        kind: 'traffic-light',
        lights: childElements(element, ['light'], problems).map((light) => ({
          colour: (light.attributes.colour ?? 'green') as LightColour,
          label: light.attributes.label ?? '',
          text: toInlines(light.children, problems),
        })),
        source,
      };
    case 'lines': {
      const count = Number(a.count);
      if (!Number.isInteger(count) || count < 1 || count > 40)
        complain(problems, source, `<lines count="${a.count}"> needs a whole number from 1 to 40`);
      return { kind: 'lines', count, source };
    }
    case 'qr':
      checkLink(problems, source, a.href ?? '');
      return { kind: 'qr', href: a.href ?? '', caption: inlines(), source };
    case 'page-break':
      return { kind: 'page-break', source };
    default:
      if (VOCABULARY[element.name]) complain(problems, source, `<${element.name}> is not allowed here`);
      return undefined;
  }
}

/** Inline content: text, <b>, <a>, <br/>. White space collapses as in HTML. */
function toInlines(
  nodes: RawNode[],
  problems: DiagnosticInit[],
  style: { bold: boolean; href?: string; literal?: boolean; lang?: string } = { bold: false },
): Inline[] {
  const out: Inline[] = [];
  for (const node of nodes) {
    if (typeof node === 'string') {
      const text = node.replace(/\s+/g, ' ');
      if (text) out.push({ kind: 'text', text, ...style });
    } else if (node.name === 'b') {
      out.push(...toInlines(node.children, problems, { ...style, bold: true }));
    } else if (node.name === 'a') {
      checkLink(problems, node.source, node.attributes.href ?? '');
      out.push(...toInlines(node.children, problems, { ...style, href: node.attributes.href }));
    } else if (node.name === 'code') {
      out.push(...toInlines(node.children, problems, { ...style, literal: true }));
    } else if (node.name === 'span') {
      const lang = node.attributes.lang ?? '';
      // An empty language (a template's {{language}} with none set) leaves the text in the document's.
      if (lang !== '' && !/^[a-z]{2,3}(-[A-Z]{2})?$/.test(lang))
        complain(problems, node.source, `<span lang="${lang}"> is not a language tag`, 'expected e.g. "en" or "en-GB"');
      out.push(...toInlines(node.children, problems, lang ? { ...style, lang } : style));
    } else if (node.name === 'br') {
      out.push({ kind: 'break' });
    } else if (VOCABULARY[node.name]) {
      complain(problems, node.source, `<${node.name}> is a block and cannot stand inside text`);
    }
  }
  return trimInlines(out);
}

/** Drop white space at the start and end of a run of inlines, and around line breaks. */
function trimInlines(inlines: Inline[]): Inline[] {
  const out = inlines.map((i) => ({ ...i }));
  for (let k = 0; k < out.length; k++) {
    const node = out[k] as Inline;
    if (node.kind !== 'text') continue;
    const prev = out[k - 1];
    const next = out[k + 1];
    if (!prev || prev.kind === 'break' || (prev.kind === 'text' && prev.text.endsWith(' ')))
      node.text = node.text.replace(/^ /, '');
    if (!next || next.kind === 'break') node.text = node.text.replace(/ $/, '');
  }
  return out.filter((i) => i.kind === 'break' || i.text !== '');
}
