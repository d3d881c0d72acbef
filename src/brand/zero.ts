/**
 * Atkinson Hyperlegible (and its Next family) slashes its zero so it cannot be
 * taken for an O. To a Danish reader a slashed zero is an Ø: "PI-RYG-0042" reads
 * "PI-RYG-ØØ42". Neither family has an unslashed variant or feature, so the
 * zero's outline is made plain once, at load time: a narrow oval, still unlike
 * the round O. The OFL allows modified versions, and neither family has a
 * Reserved Font Name.
 */

interface Point {
  x: number;
  y: number;
  onCurve: boolean;
}

interface SimpleGlyph {
  bbox: [number, number, number, number];
  contours: Point[][];
}

const ON_CURVE = 0x01;
const X_SHORT = 0x02;
const Y_SHORT = 0x04;
const REPEAT = 0x08;
const X_SAME = 0x10;
const Y_SAME = 0x20;

function decodeGlyph(data: Buffer): SimpleGlyph | undefined {
  const count = data.readInt16BE(0);
  if (count <= 0) return undefined; // empty or composite: nothing of its own to change
  const bbox: SimpleGlyph['bbox'] = [
    data.readInt16BE(2),
    data.readInt16BE(4),
    data.readInt16BE(6),
    data.readInt16BE(8),
  ];
  const ends = Array.from({ length: count }, (_, i) => data.readUInt16BE(10 + 2 * i));
  const points = (ends.at(-1) as number) + 1;
  let pos = 10 + 2 * count;
  pos += 2 + data.readUInt16BE(pos);
  const flags: number[] = [];
  while (flags.length < points) {
    const flag = data.readUInt8(pos++);
    flags.push(flag);
    if (flag & REPEAT) for (let n = data.readUInt8(pos++); n > 0; n--) flags.push(flag);
  }
  const coords = (short: number, same: number): number[] => {
    let value = 0;
    return flags.map((flag) => {
      if (flag & short) value += (flag & same ? 1 : -1) * data.readUInt8(pos++);
      else if (!(flag & same)) {
        value += data.readInt16BE(pos);
        pos += 2;
      }
      return value;
    });
  };
  const xs = coords(X_SHORT, X_SAME);
  const ys = coords(Y_SHORT, Y_SAME);
  const contours: Point[][] = [];
  let start = 0;
  for (const end of ends) {
    contours.push(
      flags.slice(start, end + 1).map((flag, i) => ({
        x: xs[start + i] as number,
        y: ys[start + i] as number,
        onCurve: (flag & ON_CURVE) !== 0,
      })),
    );
    start = end + 1;
  }
  return { bbox, contours };
}

/** Plain 16-bit deltas and no hinting: larger than the original, simple to write and to read. */
function encodeGlyph(glyph: SimpleGlyph): Buffer {
  const points = glyph.contours.flat();
  const out = Buffer.alloc(10 + 2 * glyph.contours.length + 2 + points.length * 5);
  out.writeInt16BE(glyph.contours.length, 0);
  glyph.bbox.forEach((v, i) => {
    out.writeInt16BE(v, 2 + 2 * i);
  });
  let pos = 10;
  let end = -1;
  for (const contour of glyph.contours) {
    end += contour.length;
    out.writeUInt16BE(end, pos);
    pos += 2;
  }
  out.writeUInt16BE(0, pos);
  pos += 2;
  for (const p of points) out.writeUInt8(p.onCurve ? ON_CURVE : 0, pos++);
  for (const axis of ['x', 'y'] as const) {
    let last = 0;
    for (const p of points) {
      out.writeInt16BE(p[axis] - last, pos);
      pos += 2;
      last = p[axis];
    }
  }
  return out;
}

function box(contour: Point[]): [number, number, number, number] {
  const xs = contour.map((p) => p.x);
  const ys = contour.map((p) => p.y);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

function inside(a: number[], b: number[]): boolean {
  return (
    (a[0] as number) > (b[0] as number) &&
    (a[1] as number) > (b[1] as number) &&
    (a[2] as number) < (b[2] as number) &&
    (a[3] as number) < (b[3] as number)
  );
}

/**
 * The zero with one counter: the slash splits the counter into two holes, so the
 * holes are replaced by the outer contour scaled into their joint bounding box
 * and reversed (a hole winds the other way). A glyph of another shape is kept.
 */
export function unslashed(glyph: SimpleGlyph): SimpleGlyph {
  const boxes = glyph.contours.map(box);
  const outer = boxes.findIndex((b) => boxes.every((o) => o === b || inside(o, b)));
  if (outer < 0 || glyph.contours.length < 3) return glyph;
  const holes = boxes.filter((_, i) => i !== outer);
  const [ox0, oy0, ox1, oy1] = boxes[outer] as number[];
  const hx0 = Math.min(...holes.map((b) => b[0]));
  const hy0 = Math.min(...holes.map((b) => b[1]));
  const hx1 = Math.max(...holes.map((b) => b[2]));
  const hy1 = Math.max(...holes.map((b) => b[3]));
  const source = glyph.contours[outer] as Point[];
  const hole = source
    .map((p) => ({
      x: Math.round(hx0 + ((p.x - (ox0 as number)) * (hx1 - hx0)) / ((ox1 as number) - (ox0 as number))),
      y: Math.round(hy0 + ((p.y - (oy0 as number)) * (hy1 - hy0)) / ((oy1 as number) - (oy0 as number))),
      onCurve: p.onCurve,
    }))
    .reverse();
  return { ...glyph, contours: [source, hole] };
}

interface Table {
  tag: string;
  data: Buffer;
}

function readTables(font: Buffer): Table[] {
  const count = font.readUInt16BE(4);
  return Array.from({ length: count }, (_, i) => {
    const at = 12 + 16 * i;
    const offset = font.readUInt32BE(at + 8);
    return {
      tag: font.toString('latin1', at, at + 4),
      data: font.subarray(offset, offset + font.readUInt32BE(at + 12)),
    };
  });
}

function checksum(data: Buffer): number {
  const padded = Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

function writeFont(header: Buffer, tables: Table[]): Buffer {
  const parts: Buffer[] = [Buffer.from(header.subarray(0, 12))];
  const directory = Buffer.alloc(16 * tables.length);
  parts.push(directory);
  let offset = 12 + directory.length;
  tables.forEach((t, i) => {
    directory.write(t.tag, 16 * i, 'latin1');
    directory.writeUInt32BE(checksum(t.data), 16 * i + 4);
    directory.writeUInt32BE(offset, 16 * i + 8);
    directory.writeUInt32BE(t.data.length, 16 * i + 12);
    const padded = Buffer.concat([t.data, Buffer.alloc((4 - (t.data.length % 4)) % 4)]);
    parts.push(padded);
    offset += padded.length;
  });
  const font = Buffer.concat(parts);
  const head = tables.findIndex((t) => t.tag === 'head');
  const headAt = font.readUInt32BE(12 + 16 * head + 8);
  font.writeUInt32BE((0xb1b0afba - checksum(font)) >>> 0, headAt + 8);
  return font;
}

/** A copy of a TrueType font in which the given zero glyphs lose their slash. */
export function unslashZeros(font: Buffer, glyphIds: readonly number[]): Buffer {
  const tables = readTables(font);
  const table = (tag: string) => tables.find((t) => t.tag === tag) as Table;
  const head = Buffer.from(table('head').data);
  head.writeUInt32BE(0, 8); // checkSumAdjustment, set again once the whole file is written
  // Glyph offsets are read in the font's loca format and written in the long one.
  const shortLoca = head.readInt16BE(50) === 0;
  const numGlyphs = table('maxp').data.readUInt16BE(4);
  const loca = table('loca').data;
  const glyf = table('glyf').data;
  const at = (i: number) => (shortLoca ? loca.readUInt16BE(2 * i) * 2 : loca.readUInt32BE(4 * i));
  const changed = new Map<number, Buffer>();
  for (const id of glyphIds) {
    const simple = at(id + 1) > at(id) ? decodeGlyph(glyf.subarray(at(id), at(id + 1))) : undefined;
    if (simple) changed.set(id, encodeGlyph(unslashed(simple)));
  }
  // Every other glyph is copied as it is; offsets stay even, as the long loca format expects.
  const newLoca = Buffer.alloc(4 * (numGlyphs + 1));
  const pieces: Buffer[] = [];
  let offset = 0;
  for (let i = 0; i < numGlyphs; i++) {
    const data = changed.get(i) ?? glyf.subarray(at(i), at(i + 1));
    newLoca.writeUInt32BE(offset, 4 * i);
    pieces.push(data);
    offset += data.length + (data.length % 2);
  }
  newLoca.writeUInt32BE(offset, 4 * numGlyphs);
  const newGlyf = Buffer.alloc(offset);
  pieces.forEach((data, i) => {
    data.copy(newGlyf, newLoca.readUInt32BE(4 * i));
  });
  head.writeInt16BE(1, 50);
  const replaced: Record<string, Buffer> = { head, loca: newLoca, glyf: newGlyf };
  return writeFont(
    font,
    tables.map((t) => ({ tag: t.tag, data: replaced[t.tag] ?? t.data })),
  );
}
