/**
 * A line of text written straight into the page, with the operators pdfkit's
 * `text()` writes for it, byte for byte. Layout already knows every line and its
 * place: `text()` would shape each line three times (twice only to measure it for
 * options we never use) and write each operator separately.
 */
import type { Font, Glyph } from '../brand/fonts.js';
import type { Subset } from './subset.js';

/** A shaped glyph's position, in pdfkit's 1000-unit em. */
interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}

/** The part of pdfkit's embedded font that writing text reaches into. */
export interface EmbeddedFont {
  id: string;
  font: Font;
  ascender: number;
  scale: number;
  subset: Subset;
  widths: number[];
  unicode: number[][];
  layoutCache?: Record<string, unknown>;
  layoutCached(text: string): { glyphs: Glyph[]; positions: Position[] };
  ref(): unknown;
}

interface TextState {
  _font: EmbeddedFont;
  _fontSize: number;
  page: { height: number; fonts: Record<string, unknown> };
}

/** How pdfkit prints a number in content: at most six decimals. */
function num(n: number): string {
  return `${Math.round(n * 1e6) / 1e6}`;
}

/** Each glyph's id in the document's subset, as the four hex digits the text operators show. */
const hexes = new WeakMap<EmbeddedFont, Map<number, string>>();

function hexOf(font: EmbeddedFont, glyph: Glyph): string {
  let known = hexes.get(font);
  if (!known) {
    known = new Map();
    hexes.set(font, known);
  }
  let hex = known.get(glyph.id);
  if (hex === undefined) {
    const gid = font.subset.includeGlyph(glyph.id);
    hex = `0000${gid.toString(16)}`.slice(-4);
    // What pdfkit's encode() records for the font's widths and ToUnicode map.
    font.widths[gid] ??= glyph.advanceWidth * font.scale;
    font.unicode[gid] ??= glyph.codePoints;
    known.set(glyph.id, hex);
  }
  return hex;
}

/**
 * Write `text` in the current font, size and colour with its top-left corner at
 * (x, y), as `doc.text(text, x, y, { lineBreak: false })` does.
 */
export function writeLine(doc: PDFKit.PDFDocument, text: string, x: number, y: number): void {
  if (text === '') return;
  const state = doc as unknown as TextState;
  const font = state._font;
  const size = state._fontSize;
  const { page } = state;
  doc.save();
  doc.transform(1, 0, 0, -1, 0, page.height);
  const baseline = page.height - y - (font.ascender / 1000) * size;
  page.fonts[font.id] ??= font.ref();
  const out = ['BT', `1 0 0 1 ${num(x)} ${num(baseline)} Tm`, `/${font.id} ${num(size)} Tf`];
  const scale = size / 1000;
  const commands: string[] = [];
  let segment = '';
  let last: Position | undefined;
  const flush = () => {
    if (segment) commands.push(`<${segment}> ${num(-((last as Position).xAdvance - (last as Position).advanceWidth))}`);
    segment = '';
    if (commands.length > 0) out.push(`[${commands.join(' ')}] TJ`);
    commands.length = 0;
  };
  let hadOffset = false;
  // Shaped word by word, each with the space after it, as pdfkit's layout() splits a line.
  let start = 0;
  for (let end = 0; end <= text.length; end++) {
    const c = text.charCodeAt(end);
    if (end < text.length ? c !== 32 && c !== 9 : start === end) continue;
    const run = font.layoutCached(text.slice(start, end + 1));
    start = end + 1;
    for (let i = 0; i < run.glyphs.length; i++) {
      const pos = run.positions[i] as Position;
      const hex = hexOf(font, run.glyphs[i] as Glyph);
      if (pos.xOffset || pos.yOffset) {
        flush();
        out.push(`1 0 0 1 ${num(x + pos.xOffset * scale)} ${num(baseline + pos.yOffset * scale)} Tm`);
        segment = hex;
        last = pos;
        flush();
        hadOffset = true;
      } else {
        if (hadOffset) {
          out.push(`1 0 0 1 ${num(x)} ${num(baseline)} Tm`);
          hadOffset = false;
        }
        segment += hex;
        last = pos;
        if (pos.xAdvance - pos.advanceWidth !== 0) {
          commands.push(`<${segment}> ${num(-(pos.xAdvance - pos.advanceWidth))}`);
          segment = '';
        }
      }
      x += pos.xAdvance * scale;
    }
  }
  flush();
  out.push('ET');
  // One write of many lines is the same bytes as a write per line (pdfkit ends each with a newline).
  doc.addContent(out.join('\n'));
  doc.restore();
}
