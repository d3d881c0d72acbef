/**
 * Breaking styled text into lines that fit a width: greedy, word by word, as a
 * reader expects left-aligned text to break. A word wider than the line is cut,
 * and named on the first line so layout can report it.
 */
import type { FontStyle } from '../brand/fonts.js';
import type { Inline } from '../markup/tree.js';
import type { Measurer } from './types.js';

export interface Fragment {
  text: string;
  style: FontStyle;
  href?: string;
  /** The whole word, when this fragment is a piece of a word the line break hyphenated. */
  hyphenated?: string;
  /** The language, when not the document's. */
  lang?: string;
  /** Offset from the line's start. */
  x: number;
  width: number;
}

export interface Line {
  fragments: Fragment[];
  width: number;
  /** Words that had to be cut because no line could hold them (on the first line only). */
  cut?: string[];
}

interface Segment {
  text: string;
  style: FontStyle;
  href?: string;
  literal?: boolean;
  hyphenated?: string;
  lang?: string;
}

/** A word is one or more segments with no space between (e.g. bold "Obs" and ":"). */
type Word = Segment[];

type Token = { kind: 'word'; word: Word } | { kind: 'space'; segment: Segment } | { kind: 'break' };

function tokenize(inlines: readonly Inline[], base: FontStyle): Token[] {
  const tokens: Token[] = [];
  let word: Word | undefined;
  for (const inline of inlines) {
    if (inline.kind === 'break') {
      word = undefined;
      tokens.push({ kind: 'break' });
      continue;
    }
    const style: FontStyle = inline.bold ? 'bold' : base;
    for (const part of inline.text.split(/( )/)) {
      if (part === '') continue;
      const segment: Segment = { text: part, style, href: inline.href, literal: inline.literal, lang: inline.lang };
      if (part === ' ') {
        word = undefined;
        tokens.push({ kind: 'space', segment });
      } else if (word) {
        word.push(segment);
      } else {
        word = [segment];
        tokens.push({ kind: 'word', word });
      }
    }
  }
  return tokens;
}

/** The width of the widest word a line break may not split (hyphenation aside): the least a column must give. */
export function widestWord(
  inlines: readonly Inline[],
  size: number,
  measure: Measurer,
  base: FontStyle = 'regular',
): number {
  let known = widestWords.get(measure);
  if (!known) {
    known = new Map();
    widestWords.set(measure, known);
  }
  const key = paragraphKey(inlines, 0, size, base);
  let width = known.get(key);
  if (width === undefined) {
    width = measureWidestWord(inlines, size, measure, base);
    if (known.size >= MAX_PARAGRAPHS) known.clear();
    known.set(key, width);
  }
  return width;
}

/** Widest words by measurer and text: a table asks for every cell of every document. */
const widestWords = new WeakMap<Measurer, Map<string, number>>();

function measureWidestWord(inlines: readonly Inline[], size: number, measure: Measurer, base: FontStyle): number {
  let widest = 0;
  for (const token of tokenize(inlines, base))
    if (token.kind === 'word' && !splittable(token.word))
      widest = Math.max(
        widest,
        token.word.reduce((w, s) => w + measure.width(s.text, s.style, size), 0),
      );
  return widest;
}

/** The places a word may be split at, as its pieces ("genop", "træ", "nings", ...); one piece if none. */
export type Hyphenator = (word: string) => string[];

/**
 * A word a hyphenator may split: lower-case letters only. Names (a capital), numbers,
 * addresses and DOIs are never split, nor words in another language than the hyphenator's.
 */
function splittable(word: Word): boolean {
  const [segment] = word;
  return (
    word.length === 1 &&
    !segment?.literal &&
    !segment?.href &&
    !segment?.lang &&
    /^[\p{Ll}]{8,}[.,;:!?)]*$/u.test(segment?.text ?? '')
  );
}

/**
 * Lines already broken, by measurer, hyphenator and text: the same paragraphs come
 * back in every document of a batch (an exercise's steps in each programme that
 * has it). Callers read lines and never change them.
 */
const broken = new WeakMap<Measurer, WeakMap<Hyphenator | typeof NO_HYPHENATION, Map<string, Line[]>>>();
const NO_HYPHENATION = (word: string) => [word];
/** Paragraphs kept per measurer: more than a batch's documents hold, bounded for a long-running studio. */
const MAX_PARAGRAPHS = 20_000;

/** What a paragraph's lines depend on, as one string. */
function paragraphKey(inlines: readonly Inline[], maxWidth: number, size: number, base: FontStyle): string {
  let key = `${maxWidth}\u0000${size}\u0000${base}`;
  for (const inline of inlines)
    key +=
      inline.kind === 'break'
        ? '\u0001'
        : `\u0002${inline.bold ? 'b' : ''}${inline.literal ? 'l' : ''}\u0003${inline.href ?? ''}\u0003${inline.lang ?? ''}\u0003${inline.text}`;
  return key;
}

export function breakLines(
  inlines: readonly Inline[],
  maxWidth: number,
  size: number,
  measure: Measurer,
  base: FontStyle = 'regular',
  hyphenate?: Hyphenator,
): Line[] {
  let byHyphenator = broken.get(measure);
  if (!byHyphenator) {
    byHyphenator = new WeakMap();
    broken.set(measure, byHyphenator);
  }
  let known = byHyphenator.get(hyphenate ?? NO_HYPHENATION);
  if (!known) {
    known = new Map();
    byHyphenator.set(hyphenate ?? NO_HYPHENATION, known);
  }
  const key = paragraphKey(inlines, maxWidth, size, base);
  let lines = known.get(key);
  if (!lines) {
    lines = breakParagraph(inlines, maxWidth, size, measure, base, hyphenate);
    if (known.size >= MAX_PARAGRAPHS) known.clear();
    known.set(key, lines);
  }
  return lines;
}

function breakParagraph(
  inlines: readonly Inline[],
  maxWidth: number,
  size: number,
  measure: Measurer,
  base: FontStyle,
  hyphenate?: Hyphenator,
): Line[] {
  const lines: Line[] = [];
  const cut: string[] = [];
  let current: Fragment[] = [];
  let x = 0;
  let pendingSpace: Segment | undefined;
  const widthOf = (s: Segment) => measure.width(s.text, s.style, size);
  const endLine = () => {
    lines.push({ fragments: mergeFragments(current), width: x });
    current = [];
    x = 0;
    pendingSpace = undefined;
  };
  const place = (s: Segment) => {
    const width = widthOf(s);
    current.push({ ...s, x, width });
    x += width;
  };

  for (const token of tokenize(inlines, base)) {
    if (token.kind === 'break') {
      endLine();
      continue;
    }
    if (token.kind === 'space') {
      if (current.length > 0) pendingSpace = token.segment;
      continue;
    }
    const wordWidth = token.word.reduce((w, s) => w + widthOf(s), 0);
    const spaceWidth = pendingSpace ? widthOf(pendingSpace) : 0;
    if (x + spaceWidth + wordWidth > maxWidth && hyphenate && splittable(token.word)) {
      // Split a long word only where it must: at the last break point that still fits this line.
      const segment = token.word[0] as Segment;
      const pieces = hyphenate(segment.text);
      for (let k = pieces.length - 1; k >= 1; k--) {
        const head = { ...segment, text: `${pieces.slice(0, k).join('')}-`, hyphenated: segment.text };
        if (x + spaceWidth + widthOf(head) <= maxWidth) {
          if (pendingSpace && current.length > 0) place(pendingSpace);
          place(head);
          endLine();
          token.word = [{ ...segment, text: pieces.slice(k).join(''), hyphenated: segment.text }];
          break;
        }
      }
    }
    const rest = token.word.reduce((w, s) => w + widthOf(s), 0);
    if (current.length > 0 && x + spaceWidth + rest > maxWidth) endLine();
    if (pendingSpace && current.length > 0) place(pendingSpace);
    pendingSpace = undefined;
    if (rest <= maxWidth - x) {
      for (const s of token.word) place(s);
    } else {
      cut.push(token.word.map((w) => w.text).join(''));
      for (const piece of cutWord(token.word, maxWidth, x, widthOf)) {
        if (piece.newLine) endLine();
        place(piece.segment);
      }
    }
  }
  if (current.length > 0 || lines.length === 0) endLine();
  if (cut.length > 0) (lines[0] as Line).cut = cut;
  return lines;
}

/** Cut a word too long for any line into pieces, character by character. */
function cutWord(
  word: Word,
  maxWidth: number,
  startX: number,
  widthOf: (s: Segment) => number,
): { segment: Segment; newLine: boolean }[] {
  const out: { segment: Segment; newLine: boolean }[] = [];
  let x = startX;
  let newLine = x > 0;
  if (newLine) x = 0;
  for (const s of word) {
    let piece = '';
    for (const ch of s.text) {
      const w = widthOf({ ...s, text: piece + ch });
      if (x + w > maxWidth && piece !== '') {
        out.push({ segment: { ...s, text: piece }, newLine });
        newLine = true;
        x = 0;
        piece = ch;
      } else {
        piece += ch;
      }
    }
    if (piece) {
      out.push({ segment: { ...s, text: piece }, newLine });
      newLine = false;
      x += widthOf({ ...s, text: piece });
    }
  }
  return out;
}

/**
 * Adjacent fragments of one style and link become one: fewer, longer text runs to
 * draw and to extract. The pieces of a hyphenated word stay apart, to be read as one word.
 */
function mergeFragments(fragments: Fragment[]): Fragment[] {
  const out: Fragment[] = [];
  for (const f of fragments) {
    const last = out.at(-1);
    if (
      last &&
      last.style === f.style &&
      last.href === f.href &&
      last.hyphenated === f.hyphenated &&
      last.lang === f.lang
    ) {
      last.text += f.text;
      last.width = f.x + f.width - last.x;
    } else {
      out.push({ ...f });
    }
  }
  return out;
}
