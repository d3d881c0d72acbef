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
  _fillColor: unknown;
  page: { height: number; fonts: Record<string, unknown> };
  _normalizeColor(colour: string): number[] | null;
}

/** How pdfkit prints a number in content: at most six decimals. */
function num(n: number): string {
  return `${Math.round(n * 1e6) / 1e6}`;
}

/**
 * A line's glyphs in order and, when none is moved off its baseline, the runs the
 * TJ operator shows: glyphs written together, each run followed by the adjustment
 * after its last glyph. Made once per process for every line of text a font writes.
 */
interface ShapedLine {
  glyphs: Glyph[];
  positions: Position[];
  runs?: { glyphs: Glyph[]; adjust: string }[];
}

const shapedLines = new WeakMap<Font, Map<string, ShapedLine>>();
/** Lines kept per font: enough for every line of a batch's documents, bounded for a long-running studio. */
const MAX_LINES = 50_000;

function shapedLine(font: EmbeddedFont, text: string): ShapedLine {
  let lines = shapedLines.get(font.font);
  if (!lines) {
    lines = new Map();
    shapedLines.set(font.font, lines);
  }
  let line = lines.get(text);
  if (line) return line;
  const glyphs: Glyph[] = [];
  const positions: Position[] = [];
  // Shaped word by word, each with the space after it, as pdfkit's layout() splits a line.
  let start = 0;
  for (let end = 0; end <= text.length; end++) {
    const c = text.charCodeAt(end);
    if (end < text.length ? c !== 32 && c !== 9 : start === end) continue;
    const run = font.layoutCached(text.slice(start, end + 1));
    start = end + 1;
    glyphs.push(...run.glyphs);
    positions.push(...run.positions);
  }
  line = { glyphs, positions };
  if (!positions.some((p) => p.xOffset || p.yOffset)) {
    const runs: ShapedLine['runs'] = [];
    let run: Glyph[] = [];
    for (let i = 0; i < glyphs.length; i++) {
      const pos = positions[i] as Position;
      run.push(glyphs[i] as Glyph);
      const adjust = pos.xAdvance - pos.advanceWidth;
      if (adjust !== 0 || i === glyphs.length - 1) {
        runs.push({ glyphs: run, adjust: num(-adjust) });
        run = [];
      }
    }
    line.runs = runs;
  }
  if (lines.size >= MAX_LINES) lines.clear();
  lines.set(text, line);
  return line;
}

/** Each glyph's id in the document's subset, as the four hex digits the text operators show. */
const hexes = new WeakMap<EmbeddedFont, string[]>();

function hexOf(font: EmbeddedFont, glyph: Glyph): string {
  let known = hexes.get(font);
  if (!known) {
    known = [];
    hexes.set(font, known);
  }
  let hex = known[glyph.id];
  if (hex === undefined) {
    const gid = font.subset.includeGlyph(glyph.id);
    hex = `0000${gid.toString(16)}`.slice(-4);
    // What pdfkit's encode() records for the font's widths and ToUnicode map.
    font.widths[gid] ??= glyph.advanceWidth * font.scale;
    font.unicode[gid] ??= glyph.codePoints;
    known[glyph.id] = hex;
  }
  return hex;
}

/** The text operators of a line whose glyphs all sit on the baseline: one TJ. */
function showRuns(font: EmbeddedFont, runs: NonNullable<ShapedLine['runs']>): string[] {
  if (runs.length === 0) return [];
  let shown = '[';
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r] as (typeof runs)[number];
    if (r > 0) shown += ' ';
    shown += '<';
    for (const glyph of run.glyphs) shown += hexOf(font, glyph);
    shown += `> ${run.adjust}`;
  }
  return [`${shown}] TJ`];
}

/** The text operators of a line with glyphs moved off the baseline (marks): each such glyph placed on its own. */
function showPlaced(font: EmbeddedFont, line: ShapedLine, x: number, baseline: number, size: number): string[] {
  const out: string[] = [];
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
  for (let i = 0; i < line.glyphs.length; i++) {
    const pos = line.positions[i] as Position;
    const hex = hexOf(font, line.glyphs[i] as Glyph);
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
  flush();
  return out;
}

/**
 * Write `text` in the current font, size and colour with its top-left corner at
 * (x, y), as `doc.text(text, x, y, { lineBreak: false })` does: the same operators
 * as its save(), transform(), text object and restore(), written as one.
 */
export function writeLine(doc: PDFKit.PDFDocument, text: string, x: number, y: number): void {
  if (text === '') return;
  const state = doc as unknown as TextState;
  const font = state._font;
  const size = state._fontSize;
  const { page } = state;
  const baseline = page.height - y - (font.ascender / 1000) * size;
  page.fonts[font.id] ??= font.ref();
  const line = shapedLine(font, text);
  const shown = line.runs ? showRuns(font, line.runs) : showPlaced(font, line, x, baseline, size);
  const out = [
    'q',
    `1 0 0 -1 0 ${num(page.height)} cm`,
    'BT',
    `1 0 0 1 ${num(x)} ${num(baseline)} Tm`,
    `/${font.id} ${num(size)} Tf`,
    ...shown,
    'ET',
    'Q',
  ];
  // One write of many lines is the same bytes as a write per line (pdfkit ends each with a newline).
  doc.addContent(out.join('\n'));
}

/** The operators pdfkit's fillColor() writes for a colour, made once per process. */
const fills = new Map<string, string>();

/** `doc.fillColor(colour)` for a colour pdfkit can name (hex or CSS name), written as one. */
export function fillWith(doc: PDFKit.PDFDocument, colour: string): void {
  const state = doc as unknown as TextState;
  let ops = fills.get(colour);
  if (ops === undefined) {
    const rgb = state._normalizeColor(colour);
    if (rgb?.length !== 3) {
      doc.fillColor(colour);
      return;
    }
    ops = `/DeviceRGB cs\n${rgb.join(' ')} scn`;
    fills.set(colour, ops);
  }
  doc.addContent(ops);
  state._fillColor = [colour, undefined];
}
