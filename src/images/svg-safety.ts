/**
 * SVG files are untrusted input. An SVG may only draw: it may not refer to
 * anything outside itself (an <image href> could embed any picture on the disk,
 * a URL could be fetched), and it must be well-formed XML whose root is <svg>
 * (text or broken XML would otherwise draw as a blank picture). For the HTML
 * alternative, only an allow-list of drawing elements and attributes is written
 * out again: no scripts, event handlers or foreign content reach a browser.
 */
import { Parser } from 'htmlparser2';
import { linkProblem } from '../content/links.js';
import { type DiagnosticInit, positionFinder } from '../diagnostics.js';
import { COLOUR_ATTRIBUTES, COLOUR_HINT, colourProblem } from './svg-colour.js';

/** An attribute that names another resource: href, xlink:href, and the like. */
const isReference = (name: string) => name === 'href' || name.endsWith(':href') || name === 'src';
/** A CSS url() or @import that leaves the document (url(#id) stays inside it). */
const EXTERNAL_CSS = /url\(\s*(?!['"]?#)|@import/i;

/** Colours an attribute cannot draw: its own value, or the declarations of a style attribute ("fill: blurple"). */
function colourProblems(attribute: string, value: string): string[] {
  if (attribute !== 'style') {
    const problem = COLOUR_ATTRIBUTES.has(attribute) ? colourProblem(attribute, value) : undefined;
    return problem ? [problem] : [];
  }
  return value.split(';').flatMap((declaration) => {
    const colon = declaration.indexOf(':');
    const property = declaration.slice(0, colon).trim().toLowerCase();
    if (colon < 0) return [];
    return colourProblems(property, declaration.slice(colon + 1).replace(/!important\s*$/i, '')).map(
      (problem) => `style: ${problem}`,
    );
  });
}

/** Everything wrong with an SVG as a picture, each at its line:col in the file. */
export function svgProblems(svg: string, file: string): DiagnosticInit[] {
  const problems: DiagnosticInit[] = [];
  const at = positionFinder(svg);
  const add = (offset: number, message: string, hint?: string) =>
    problems.push({ file, position: at(offset), message, hint });
  const noExternal = 'an SVG may refer only to its own elements (#id): draw the picture into the SVG itself';
  let roots = 0;
  let inStyle = false;
  /** Open elements: where each starts, and whether it closed itself (<path/>). */
  const open: { start: number; selfClosing: boolean }[] = [];
  /** Where an attribute of the element being read starts, or the element when it cannot be found. */
  const attributeOffset = (key: string) => {
    const tag = svg.slice(parser.startIndex, parser.endIndex + 1);
    const at = new RegExp(`\\s${key.replace(/[^\w-]/g, '')}\\s*=`).exec(tag);
    return parser.startIndex + (at ? at.index + 1 : 0);
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (open.length === 0) {
          roots++;
          if (name !== 'svg') add(parser.startIndex, `expected an SVG drawing, found <${name}> as the root element`);
        }
        open.push({
          start: parser.startIndex,
          selfClosing: svg.slice(parser.startIndex, parser.endIndex + 1).endsWith('/>'),
        });
        inStyle = name === 'style';
        for (const [key, value] of Object.entries(attributes)) {
          if (isReference(key)) {
            const target = value.trim();
            if (name === 'a') {
              const problem = linkProblem(target);
              if (problem) add(parser.startIndex, `<a ${key}>: ${problem}`);
            } else if (!target.startsWith('#'))
              add(parser.startIndex, `external reference "${target.slice(0, 80)}" in <${name} ${key}>`, noExternal);
          } else if (EXTERNAL_CSS.test(value))
            add(parser.startIndex, `external reference in the ${key} attribute of <${name}>`, noExternal);
          for (const problem of colourProblems(key, value))
            add(attributeOffset(key), `<${name}> ${problem}`, COLOUR_HINT);
        }
      },
      onclosetag(name, implied) {
        const element = open.pop();
        inStyle = false;
        // The parser closes an element itself at a wrong end tag or at the end of the file.
        if (implied && element && !element.selfClosing)
          add(element.start, `malformed SVG: <${name}> is not closed`, `add </${name}>`);
      },
      ontext(text) {
        if (open.length === 0 && text.trim() !== '')
          add(parser.startIndex, 'expected an SVG drawing, found text outside the <svg> element');
        if (inStyle && EXTERNAL_CSS.test(text)) add(parser.startIndex, 'external reference in <style>', noExternal);
      },
    },
    { xmlMode: true, recognizeSelfClosing: true },
  );
  parser.end(svg);
  if (roots === 0 && problems.length === 0) add(0, 'expected an SVG drawing: the file has no <svg> element');
  else if (roots > 1) add(0, 'malformed SVG: more than one root element');
  return problems;
}

/** Drawing elements a browser may show from an alternative; anything else is dropped with its content. */
const ELEMENTS = new Set([
  'svg',
  'g',
  'path',
  'rect',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
  'text',
  'tspan',
  'title',
  'desc',
  'defs',
  'clipPath',
  'linearGradient',
  'radialGradient',
  'stop',
  'use',
]);
const ATTRIBUTES = new Set([
  'viewBox',
  'xmlns',
  'xmlns:xlink',
  'width',
  'height',
  'preserveAspectRatio',
  'id',
  'transform',
  'd',
  'x',
  'y',
  'x1',
  'y1',
  'x2',
  'y2',
  'cx',
  'cy',
  'r',
  'rx',
  'ry',
  'fx',
  'fy',
  'points',
  'offset',
  'fill',
  'fill-opacity',
  'fill-rule',
  'stroke',
  'stroke-width',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-miterlimit',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'stop-color',
  'stop-opacity',
  'clip-path',
  'clip-rule',
  'gradientUnits',
  'gradientTransform',
  'spreadMethod',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'href',
  'xlink:href',
]);
const TEXT_HOLDERS = new Set(['text', 'tspan', 'title', 'desc']);

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function allowedAttribute(name: string, value: string): boolean {
  if (!ATTRIBUTES.has(name)) return false;
  if (isReference(name)) return value.trim().startsWith('#');
  return !EXTERNAL_CSS.test(value) && !/javascript:/i.test(value);
}

/**
 * The SVG with only allowed elements and attributes, written out again (entities
 * decoded and re-escaped, so nothing the parser read differently survives).
 * `extra` attributes go on the root <svg> (role, aria-label).
 */
export function sanitiseSvg(svg: string, extra: Record<string, string> = {}): string {
  let out = '';
  let skipping = 0;
  const open: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        // A link's drawing is kept, the link is not.
        if (skipping === 0 && name === 'a' && open.length > 0) {
          open.push('#a');
          return;
        }
        if (skipping > 0 || !ELEMENTS.has(name) || (open.length === 0 && name !== 'svg')) {
          skipping++;
          open.push('');
          return;
        }
        const kept = Object.entries(attributes).filter(([k, v]) => allowedAttribute(k, v));
        if (open.length === 0) kept.push(...Object.entries(extra));
        out += `<${name}${kept.map(([k, v]) => ` ${k}="${escapeXml(v)}"`).join('')}>`;
        open.push(name);
      },
      onclosetag() {
        const name = open.pop();
        if (name === '') skipping--;
        else if (name && name !== '#a') out += `</${name}>`;
      },
      ontext(text) {
        const current = open.at(-1);
        if (skipping === 0 && current && TEXT_HOLDERS.has(current)) out += escapeXml(text);
      },
    },
    { xmlMode: true, recognizeSelfClosing: true, decodeEntities: true },
  );
  parser.end(svg);
  return out;
}
