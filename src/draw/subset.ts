/**
 * A document's font subset, written as fontkit's TrueType subsetter writes it,
 * byte for byte, from glyph data read once per process. fontkit decodes each
 * glyph's whole outline again for every document only to find the composite
 * glyphs, and writes its tables through a generic struct encoder: the largest
 * single cost of a short document such as a programme.
 *
 * The tables that do not depend on the glyphs (head, hhea, maxp, cvt, prep,
 * fpgm) are taken from fontkit's own subset of glyph 0, so that they are what
 * fontkit writes; hhea and maxp then get the subset's glyph count.
 */
import type { Font } from '../brand/fonts.js';

/** The part of a fontkit subset that pdfkit embeds. */
export interface Subset {
  glyphs: number[];
  includeGlyph(id: number): number;
  encode(): Uint8Array;
}

/** The part of a fontkit TrueType font the subset is read from. */
interface TrueTypeFont {
  stream: { buffer: Uint8Array };
  directory: { tables: Record<string, { offset: number } | undefined> };
  loca?: { version: number; offsets: number[] };
  _variationProcessor?: unknown;
  getGlyph(id: number): { advanceWidth: number; _getMetrics(): { leftBearing: number } };
  createSubset(): Subset;
}

interface GlyphData {
  /** The glyph's bytes in the font's glyf table. */
  bytes: Uint8Array;
  /** A composite glyph's components: where each names its glyph, and which. */
  components: { pos: number; id: number }[];
  advance: number;
  bearing: number;
}

interface FontData {
  locaVersion: number;
  /** fontkit's tables of a subset of glyph 0, by tag. */
  probe: Map<string, Uint8Array>;
  glyphs: Map<number, GlyphData>;
}

/** The order fontkit writes a subset's tables in. */
const TABLES = ['head', 'hhea', 'loca', 'maxp', 'cvt ', 'prep', 'glyf', 'hmtx', 'fpgm'];
const MORE_COMPONENTS = 0x20;
const ARGS_ARE_WORDS = 0x01;
const HAS_SCALE = 0x08;
const HAS_X_AND_Y_SCALE = 0x40;
const HAS_TWO_BY_TWO = 0x80;

const fonts = new WeakMap<Font, FontData>();

function tablesOf(file: Uint8Array): Map<string, Uint8Array> {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const tables = new Map<string, Uint8Array>();
  for (let i = 0; i < view.getUint16(4); i++) {
    const at = 12 + 16 * i;
    const tag = String.fromCharCode(...file.subarray(at, at + 4));
    const offset = view.getUint32(at + 8);
    tables.set(tag, file.subarray(offset, offset + view.getUint32(at + 12)));
  }
  return tables;
}

function fontData(font: Font): FontData | undefined {
  let data = fonts.get(font);
  if (!data) {
    const ttf = font as unknown as TrueTypeFont;
    if (!ttf.loca || !ttf.directory.tables.glyf || ttf._variationProcessor) return undefined;
    data = { locaVersion: ttf.loca.version, probe: tablesOf(ttf.createSubset().encode()), glyphs: new Map() };
    fonts.set(font, data);
  }
  return data;
}

function components(bytes: Uint8Array): GlyphData['components'] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 10 || view.getInt16(0) >= 0) return [];
  const out: GlyphData['components'] = [];
  let pos = 10;
  let flags = MORE_COMPONENTS;
  while (flags & MORE_COMPONENTS) {
    flags = view.getUint16(pos);
    out.push({ pos: pos + 2, id: view.getUint16(pos + 2) });
    pos += 4 + (flags & ARGS_ARE_WORDS ? 4 : 2);
    if (flags & HAS_SCALE) pos += 2;
    else if (flags & HAS_X_AND_Y_SCALE) pos += 4;
    else if (flags & HAS_TWO_BY_TWO) pos += 8;
  }
  return out;
}

function glyphData(font: Font, data: FontData, id: number): GlyphData {
  let glyph = data.glyphs.get(id);
  if (!glyph) {
    const ttf = font as unknown as TrueTypeFont;
    const offsets = (ttf.loca as { offsets: number[] }).offsets;
    const start = (ttf.directory.tables.glyf as { offset: number }).offset;
    const { buffer } = ttf.stream;
    // A plain view, not a Buffer: a Buffer's slice() would share the font's memory.
    const bytes = new Uint8Array(
      buffer.buffer,
      buffer.byteOffset + start + (offsets[id] as number),
      (offsets[id + 1] as number) - (offsets[id] as number),
    );
    const metrics = ttf.getGlyph(id);
    glyph = {
      bytes,
      components: components(bytes),
      advance: metrics.advanceWidth,
      bearing: metrics._getMetrics().leftBearing,
    };
    data.glyphs.set(id, glyph);
  }
  return glyph;
}

function encode(font: Font, data: FontData, subset: Subset): Uint8Array {
  const glyf: Uint8Array[] = [];
  const offsets = [0];
  const metrics: GlyphData[] = [];
  let length = 0;
  // Components join the subset as they are met, after the glyphs named so far, as fontkit adds them.
  for (let i = 0; i < subset.glyphs.length; i++) {
    const glyph = glyphData(font, data, subset.glyphs[i] as number);
    let bytes = glyph.bytes;
    if (glyph.components.length > 0) {
      bytes = bytes.slice();
      const view = new DataView(bytes.buffer);
      for (const c of glyph.components) view.setUint16(c.pos, subset.includeGlyph(c.id));
    }
    glyf.push(bytes);
    metrics.push(glyph);
    length += bytes.length;
    offsets.push(length);
  }
  const count = glyf.length;
  const withCount = (tag: string, at: number) => {
    const table = (data.probe.get(tag) as Uint8Array).slice();
    new DataView(table.buffer).setUint16(at, count);
    return table;
  };
  const loca = new Uint8Array(offsets.length * (data.locaVersion === 0 ? 2 : 4));
  const locaView = new DataView(loca.buffer);
  offsets.forEach((offset, i) => {
    if (data.locaVersion === 0) locaView.setUint16(2 * i, offset >>> 1);
    else locaView.setUint32(4 * i, offset);
  });
  const hmtx = new Uint8Array(4 * count);
  const hmtxView = new DataView(hmtx.buffer);
  metrics.forEach((m, i) => {
    hmtxView.setUint16(4 * i, m.advance);
    hmtxView.setInt16(4 * i + 2, m.bearing);
  });
  const glyfTable = new Uint8Array(length);
  let at = 0;
  for (const bytes of glyf) {
    glyfTable.set(bytes, at);
    at += bytes.length;
  }
  const made: Record<string, Uint8Array> = {
    hhea: withCount('hhea', 34),
    maxp: withCount('maxp', 4),
    loca,
    glyf: glyfTable,
    hmtx,
  };
  const tables = TABLES.flatMap((tag) => {
    const table = made[tag] ?? data.probe.get(tag);
    return table ? [{ tag, table }] : [];
  });
  return directory(tables);
}

/** The table directory (checksums left 0, as fontkit leaves them) and the tables, in order. */
function directory(tables: { tag: string; table: Uint8Array }[]): Uint8Array {
  const head = 12 + 16 * tables.length;
  const out = new Uint8Array(head + tables.reduce((n, t) => n + t.table.length, 0));
  const view = new DataView(out.buffer);
  const power = 2 ** Math.floor(Math.log2(tables.length));
  out.set([0x74, 0x72, 0x75, 0x65]); // 'true'
  view.setUint16(4, tables.length);
  view.setUint16(6, power * 16);
  view.setUint16(8, Math.log2(power));
  view.setUint16(10, tables.length * 16 - power * 16);
  let offset = head;
  tables.forEach(({ tag, table }, i) => {
    const at = 12 + 16 * i;
    for (let k = 0; k < 4; k++) out[at + k] = tag.charCodeAt(k);
    view.setUint32(at + 8, offset);
    view.setUint32(at + 12, table.length);
    out.set(table, offset);
    offset += table.length;
  });
  return out;
}

/** Let `subset` write itself the fast way, when its font is a static TrueType font. */
export function fastSubset(font: Font, subset: Subset): void {
  const data = fontData(font);
  if (data) subset.encode = () => encode(font, data, subset);
}
