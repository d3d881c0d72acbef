/**
 * Reading back what a screen reader follows: pdf.js's structure tree per page,
 * the order marked content is drawn in, and the PDF's raw objects for what pdf.js
 * does not expose (CIDSet, attributes, outline counts).
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface StructNode {
  role?: string;
  alt?: string;
  lang?: string;
  type?: string;
  id?: string;
  children?: StructNode[];
}

export type PdfJsDocument = Awaited<ReturnType<typeof getDocument>['promise']>;

export interface TaggedPage {
  tree: StructNode;
  /** Marked-content ids ("p12R_mc3") in the order the page draws them, with the text each holds. */
  drawn: { id: string; text: string }[];
  /** Ids of the page's link annotations ("448R"). */
  links: string[];
}

export async function openPdf(pdf: Uint8Array): Promise<PdfJsDocument> {
  return getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
}

export async function taggedPages(doc: PdfJsDocument): Promise<TaggedPage[]> {
  const pages: TaggedPage[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent({ includeMarkedContent: true });
    const drawn: TaggedPage['drawn'] = [];
    const open: (TaggedPage['drawn'][number] | undefined)[] = [];
    for (const item of content.items as { type?: string; id?: string | null; str?: string }[]) {
      if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') {
        const span = item.id ? { id: item.id, text: '' } : undefined;
        if (span) drawn.push(span);
        open.push(span ?? open.at(-1));
      } else if (item.type === 'endMarkedContent') open.pop();
      else if (item.str !== undefined) {
        const span = open.at(-1);
        if (span) span.text += item.str;
      }
    }
    const annotations = (await page.getAnnotations()) as { id: string; subtype: string }[];
    pages.push({
      tree: (await page.getStructTree()) as StructNode,
      drawn,
      links: annotations.filter((a) => a.subtype === 'Link').map((a) => a.id),
    });
  }
  return pages;
}

export function walk(node: StructNode, visit: (node: StructNode, parent?: StructNode) => void, parent?: StructNode) {
  visit(node, parent);
  for (const child of node.children ?? []) walk(child, visit, node);
}

export function nodesOf(tree: StructNode, role: string): StructNode[] {
  const out: StructNode[] = [];
  walk(tree, (n) => {
    if (n.role === role) out.push(n);
  });
  return out;
}

/** Marked-content ids below a node, in tree (reading) order. */
export function contentIds(node: StructNode): string[] {
  const out: string[] = [];
  walk(node, (n) => {
    if (n.type === 'content' && n.id) out.push(n.id);
  });
  return out;
}

/** The text a screen reader reads for a node: its content in tree order. */
export function textOf(node: StructNode, page: TaggedPage): string {
  const text = new Map(page.drawn.map((d) => [d.id, d.text]));
  return contentIds(node)
    .map((id) => text.get(id) ?? '')
    .join('');
}

/** The PDF's indirect objects by number, as text up to their stream data (enough for dictionaries). */
export function rawObjects(pdf: Uint8Array): Map<number, { dict: string; stream?: Buffer }> {
  const raw = Buffer.from(pdf);
  const text = raw.toString('latin1');
  const objects = new Map<number, { dict: string; stream?: Buffer }>();
  for (const m of text.matchAll(/(?:^|\n)(\d+) 0 obj\n/g)) {
    const start = (m.index ?? 0) + m[0].length;
    const end = text.indexOf('\nendobj', start);
    const body = text.slice(start, end);
    const streamAt = body.indexOf('\nstream\n');
    if (streamAt < 0) {
      objects.set(Number(m[1]), { dict: body });
      continue;
    }
    const dataStart = start + streamAt + '\nstream\n'.length;
    const dataEnd = text.lastIndexOf('\nendstream', end);
    objects.set(Number(m[1]), { dict: body.slice(0, streamAt), stream: raw.subarray(dataStart, dataEnd) });
  }
  return objects;
}
