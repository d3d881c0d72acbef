/**
 * What layout hands to drawing: pages of positioned items, in points, origin at
 * the page's top-left. Nothing here knows about pdfkit.
 */
import type { FontStyle } from '../brand/fonts.js';

/** Roles of the logical structure a screen reader follows (PDF structure types). */
export type StructRole =
  | 'Document'
  | 'H1'
  | 'H2'
  | 'H3'
  | 'P'
  | 'L'
  | 'LI'
  | 'Lbl'
  | 'LBody'
  | 'Figure'
  | 'Caption'
  | 'Div'
  | 'Link'
  | 'Table'
  | 'TR'
  | 'TH'
  | 'TD';

/** A node of the document's logical structure, in reading order. */
export interface StructNode {
  id: number;
  role: StructRole;
  /** Alt text (figures) or a description (links). */
  alt?: string;
  /** Plain text of a heading, for bookmarks. */
  title?: string;
  children: StructNode[];
}

/**
 * What a placed item belongs to: a structure node's id, or, for what a screen
 * reader should skip, an artifact (page furniture, frames, decoration).
 */
interface Tagged {
  tag?: number;
  /** Set on page furniture: header, footer, page numbers. */
  artifact?: 'Pagination';
}

export interface TextItem extends Tagged {
  kind: 'text';
  x: number;
  /** Top of the line box; the baseline is `y + ascent`. */
  y: number;
  text: string;
  style: FontStyle;
  size: number;
  colour: string;
  width: number;
  href?: string;
  /** The whole word, when this item is a piece of a word the line break hyphenated: read as one word. */
  hyphenated?: string;
  /** The language, when not the document's (BCP 47). */
  lang?: string;
}

export interface RectItem extends Tagged {
  kind: 'rect';
  x: number;
  y: number;
  width: number;
  height: number;
  fill?: string;
  stroke?: string;
  lineWidth?: number;
  radius?: number;
}

export interface LineItem extends Tagged {
  kind: 'line';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  colour: string;
  width: number;
}

export interface PictureItem extends Tagged {
  kind: 'picture';
  x: number;
  y: number;
  width: number;
  height: number;
  /** A picture id or an assets/ path, as the content named it. */
  picture: string;
  alt: string;
}

/** A small shape that carries meaning beside colour: the callout icons. */
export interface IconItem extends Tagged {
  kind: 'icon';
  x: number;
  y: number;
  size: number;
  icon: 'info' | 'warning' | 'danger' | 'go' | 'caution' | 'stop';
  colour: string;
}

export type PlacedItem = TextItem | RectItem | LineItem | PictureItem | IconItem;
export type ItemKind = PlacedItem['kind'];

/** The rule that binds a slice to the one before it. */
export type Bond = 'keep-together' | 'keep-with-next' | 'orphans' | 'picture';

/** Why a page ends where it does: the rule that sent the rest to the next page (page-end.ts finds it). */
export type PageEndRule = 'page-break' | 'full' | Bond;

export interface PageEnd {
  rule: PageEndRule;
  /** The first words that start the next page. */
  next: string;
  /** The empty space left at the page's foot, in points. */
  room: number;
}

export interface Page {
  /** 1-based. */
  number: number;
  items: PlacedItem[];
  /** Why the page ends where it does (every page but the last), for the layout report. */
  end?: PageEnd;
}

export interface Layout {
  pages: Page[];
  structure: StructNode;
}

export interface Measurer {
  /** Advance width of `text` in points. */
  width(text: string, style: FontStyle, size: number): number;
  /** Distance from the top of a line box to the baseline, for a font size. */
  ascent(style: FontStyle, size: number): number;
  /** Height from the font's ascender to its descender, for a font size. */
  height(style: FontStyle, size: number): number;
}

/** Shift a placed item by dx, dy: blocks are measured at the origin and placed later. */
export function moveItem(item: PlacedItem, dx: number, dy: number): PlacedItem {
  if (item.kind === 'line') return { ...item, x1: item.x1 + dx, x2: item.x2 + dx, y1: item.y1 + dy, y2: item.y2 + dy };
  return { ...item, x: item.x + dx, y: item.y + dy };
}
