/** The same document as plain text: headings, lists, tables and the alt text of every picture, in order. */
import type { BlockNode, Inline } from '../markup/tree.js';
import { plainText } from '../markup/tree.js';

function words(items: readonly Inline[]): string {
  return plainText(items).replace(/\n/g, ' ').trim();
}

function block(b: BlockNode, picture: string): string[] {
  switch (b.kind) {
    case 'heading': {
      const text = words(b.inlines);
      return b.level === 3 ? [text] : [text, (b.level === 1 ? '=' : '-').repeat(text.length)];
    }
    case 'paragraph':
      return [words(b.inlines)];
    case 'list':
      return b.items.map((item, i) => `${b.ordered ? `${i + 1}.` : '-'} ${words(item)}`);
    case 'figures':
      return b.items.map(
        (f, i) =>
          `[${b.numbered ? `${i + 1}. ` : ''}${picture}: ${f.alt}]${f.caption.length ? ` ${words(f.caption)}` : ''}`,
      );
    case 'media':
      return [`[${picture}: ${b.alt}]`, ...b.children.flatMap((c) => block(c, picture))];
    case 'card':
    case 'keep':
      return b.children.flatMap((c) => block(c, picture));
    case 'callout':
      return [...(b.title ? [`! ${b.title}`] : []), ...b.children.flatMap((c) => block(c, picture))];
    case 'definitions':
      return b.items.map((i) => `${words(i.term)}: ${words(i.detail)}`);
    case 'table':
      return b.rows.map((r) => r.cells.map(words).join('\t'));
    case 'traffic-light':
      return b.lights.map((l) => `${l.label}: ${words(l.text)}`);
    case 'qr':
      return [`${words(b.caption)} ${b.href}`];
    case 'lines':
    case 'page-break':
      return [];
  }
}

/** `picture` is the reader's word for a picture ("Billede"), before each alt text. */
export function documentText(blocks: readonly BlockNode[], picture: string): string {
  return `${blocks
    .map((b) => block(b, picture).join('\n'))
    .filter((s) => s !== '')
    .join('\n\n')}\n`;
}
