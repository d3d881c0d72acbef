/**
 * The document tree that templates produce: blocks and inline runs, each block
 * with the place in the markup it came from. Layout reads only this.
 */
export interface SourceSpan {
  /** Template (or markup) the node came from. */
  file: string;
  line: number;
  column: number;
}

export type Inline =
  | {
      kind: 'text';
      text: string;
      bold: boolean;
      href?: string;
      literal?: boolean;
      /** The language of this text when not the document's (BCP 47, e.g. "en"). */
      lang?: string;
    }
  | { kind: 'break' };

export interface FigureNode {
  picture: string;
  alt: string;
  caption: Inline[];
}

export interface TableRow {
  /** A header row: repeated at the top of every page the table continues on. */
  header: boolean;
  /** A body row whose first cell is a <th>: it names what the row is about (a diary's exercise). */
  rowHeader?: boolean;
  cells: Inline[][];
}

export type LightColour = 'green' | 'yellow' | 'red';

export type CalloutTone = 'info' | 'warning' | 'danger';

export type BlockNode =
  | { kind: 'heading'; level: 1 | 2 | 3; inlines: Inline[]; source: SourceSpan }
  | { kind: 'paragraph'; inlines: Inline[]; source: SourceSpan }
  | { kind: 'list'; ordered: boolean; columns: 1 | 2; items: Inline[][]; source: SourceSpan }
  | { kind: 'figures'; numbered: boolean; items: FigureNode[]; source: SourceSpan }
  | {
      kind: 'media';
      picture: string;
      alt: string;
      side: 'left' | 'right';
      share?: number;
      children: BlockNode[];
      source: SourceSpan;
    }
  | { kind: 'card'; children: BlockNode[]; source: SourceSpan }
  | { kind: 'keep'; children: BlockNode[]; source: SourceSpan }
  | { kind: 'callout'; tone: CalloutTone; title?: string; children: BlockNode[]; source: SourceSpan }
  | { kind: 'definitions'; items: { term: Inline[]; detail: Inline[] }[]; source: SourceSpan }
  | { kind: 'table'; widths?: number[]; rows: TableRow[]; source: SourceSpan }
  | { kind: 'lines'; count: number; source: SourceSpan }
  | { kind: 'traffic-light'; lights: { colour: LightColour; label: string; text: Inline[] }[]; source: SourceSpan }
  | { kind: 'qr'; href: string; caption: Inline[]; source: SourceSpan }
  | { kind: 'page-break'; source: SourceSpan };

export type BlockKind = BlockNode['kind'];

/** Plain text of inline runs, for outlines, alt checks and tests. */
export function plainText(inlines: readonly Inline[]): string {
  return inlines.map((i) => (i.kind === 'text' ? i.text : '\n')).join('');
}
