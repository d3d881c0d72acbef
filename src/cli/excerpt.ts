/**
 * The line a diagnostic points at, with a caret under its column, as tsc and
 * typst show it:
 *
 *     content/handouts/x.json:12:14: meta.version: expected string, received number
 *       12 |     "version": 1,
 *          |                ^
 */
import type { Position } from '../diagnostics.js';

export interface Excerpt {
  /** 1-based line number. */
  line: number;
  /** The line as it shows: tabs expanded, control characters replaced, trimmed around the column if long. */
  text: string;
  /** How many columns of `text` come before the caret. */
  caret: number;
}

const TAB_STOP = 4;
// Terminal control (C0, DEL, C1) and bidirectional overrides: content is untrusted, and printing these
// would let a file move the cursor, recolour the terminal or show its text in another order than it is.
const UNSAFE = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/u;
const ZERO_WIDTH = /[\p{M}\u200b-\u200f\u2060\ufeff]/u;
// East Asian wide and full-width characters and pictographs take two columns on a terminal (near enough).
const WIDE =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]/u;

interface Cell {
  text: string;
  width: number;
  /** UTF-16 offset of the character in its line: a diagnostic's column counts these. */
  offset: number;
}

function cells(line: string): Cell[] {
  const out: Cell[] = [];
  let offset = 0;
  let column = 0;
  for (const char of line) {
    const width = char === '\t' ? TAB_STOP - (column % TAB_STOP) : ZERO_WIDTH.test(char) ? 0 : WIDE.test(char) ? 2 : 1;
    const text = char === '\t' ? ' '.repeat(width) : UNSAFE.test(char) ? '\ufffd' : char;
    out.push({ text, width, offset });
    column += width;
    offset += char.length;
  }
  return out;
}

const widthOf = (list: readonly Cell[]) => list.reduce((sum, c) => sum + c.width, 0);

/**
 * The characters [start, end) around index `at` that fit in `width` columns with
 * a "…" at each cut, added a side at a time so that the caret stays near the middle.
 */
function around(row: readonly Cell[], at: number, width: number): [number, number] {
  let start = at;
  let end = at;
  let left = 0;
  let right = 0;
  const fits = (s: number, e: number, used: number) => used + (s > 0 ? 1 : 0) + (e < row.length ? 1 : 0) <= width;
  for (;;) {
    const before = row[start - 1]?.width ?? 0;
    const after = row[end]?.width ?? 0;
    const growLeft = start > 0 && fits(start - 1, end, left + right + before);
    const growRight = end < row.length && fits(start, end + 1, left + right + after);
    if (growLeft && (left <= right || !growRight)) {
      start--;
      left += before;
    } else if (growRight) {
      end++;
      right += after;
    } else return [start, end];
  }
}

/**
 * The excerpt of `source` at `at`, at most `width` columns wide: a longer line
 * is cut around the column, with "…" where it was cut. Undefined when the file
 * has no such line.
 */
export function excerpt(source: string, at: Position, width = 100): Excerpt | undefined {
  const lines = (source.charCodeAt(0) === 0xfeff ? source.slice(1) : source).split('\n');
  const raw = lines[at.line - 1];
  if (raw === undefined) return undefined;
  let row = cells(raw.endsWith('\r') ? raw.slice(0, -1) : raw);
  // The caret sits before the first character at or after the column (past the end: after the last).
  const index = row.findIndex((c) => c.offset >= at.column - 1);
  let before = index === -1 ? row.length : index;
  let left = '';
  let right = '';
  if (widthOf(row) > width) {
    const [start, end] = around(row, before, width);
    left = start > 0 ? '…' : '';
    right = end < row.length ? '…' : '';
    before -= start;
    row = row.slice(start, end);
  }
  return {
    line: at.line,
    text: left + row.map((c) => c.text).join('') + right,
    caret: left.length + widthOf(row.slice(0, before)),
  };
}

/** The excerpt's two lines, the line number in a gutter; `mark` dresses the caret (colour on a terminal). */
export function formatExcerpt(e: Excerpt, mark: (caret: string) => string = (c) => c): string[] {
  const number = String(e.line);
  const gutter = ' '.repeat(number.length);
  return [`  ${number} |${e.text ? ` ${e.text}` : ''}`, `  ${gutter} | ${' '.repeat(e.caret)}${mark('^')}`];
}
