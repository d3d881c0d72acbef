/**
 * The logical structure as pdfkit structure elements, joined to their parents in
 * the order content is drawn. Made all at once before drawing, pdfkit would put
 * every child element ahead of its parent's own text: a screen reader would read
 * a link before the words around it ("12 34 56 78" before "Tlf.").
 */
import type { StructNode } from '../layout/types.js';

/** Content that reads otherwise than it shows: a Span element around it says how. */
export interface SpanOptions {
  /** ActualText: the whole of a hyphenated word, for both its pieces. */
  actual?: string;
  /** Lang: a part in another language than the document's. */
  lang?: string;
}

interface Entry {
  node: StructNode;
  parent?: Entry;
  /** The element content joins now; a link gets a new one on each page it continues on. */
  element?: PDFKit.PDFStructureElement;
  attached: boolean;
  /** The Span last added to the element, while nothing has been added after it. */
  span?: { options: SpanOptions; element: PDFKit.PDFStructureElement };
}

function sameSpan(a: SpanOptions, b: SpanOptions): boolean {
  return a.actual === b.actual && a.lang === b.lang;
}

/** A header cell heads its column when its whole row is headers, else its row (PDF/UA wants every TH scoped). */
function headerScope(row: StructNode | undefined): 'Column' | 'Row' {
  return row?.children.every((c) => c.role === 'TH') ? 'Column' : 'Row';
}

function elementOptions(node: StructNode, parent: StructNode | undefined): PDFKit.Mixins.StructureElementOptions {
  if (node.role === 'TH') return { scope: headerScope(parent) };
  // A link's description goes on its annotation (/Contents), where PDF/UA asks for it.
  if (node.alt && node.role !== 'Link') return { alt: node.alt };
  return {};
}

export class Tagging {
  private readonly entries = new Map<number, Entry>();
  private readonly root: PDFKit.PDFStructureElement;
  /** Links that got content on the page being drawn: their object references name this page. */
  private readonly linksOnPage = new Set<Entry>();

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    root: StructNode,
  ) {
    const index = (node: StructNode, parent?: Entry) => {
      const entry: Entry = { node, parent, attached: false };
      this.entries.set(node.id, entry);
      for (const child of node.children) index(child, entry);
    };
    index(root);
    this.root = doc.struct(root.role);
    doc.addStructure(this.root);
    const top = this.entries.get(root.id) as Entry;
    top.element = this.root;
    top.attached = true;
  }

  node(id: number): StructNode | undefined {
    return this.entries.get(id)?.node;
  }

  /** The element that content of structure node `id` joins, attached to its parent now if not yet. */
  element(id: number): PDFKit.PDFStructureElement {
    const entry = this.entry(id);
    const element = this.attach(entry);
    if (entry.node.role === 'Link') this.linksOnPage.add(entry);
    return element;
  }

  /**
   * Join drawn content to structure node `id`, or to a Span inside it. Consecutive
   * content with the same span options shares one Span: both pieces of a hyphenated word.
   */
  add(id: number, content: PDFKit.PDFStructureContent, span?: SpanOptions): void {
    const entry = this.entry(id);
    const element = this.element(id);
    if (!span) {
      element.add(content);
      entry.span = undefined;
      return;
    }
    if (!entry.span || !sameSpan(entry.span.options, span)) {
      const spanElement = this.doc.struct('Span', span);
      element.add(spanElement);
      entry.span = { options: span, element: spanElement };
    }
    entry.span.element.add(content);
  }

  private entry(id: number): Entry {
    const entry = this.entries.get(id);
    if (!entry) throw new Error(`no structure node ${id}`);
    return entry;
  }

  /** Attach an entry after its parent and its earlier siblings (a list item's label before its body). */
  private attach(entry: Entry): PDFKit.PDFStructureElement {
    if (entry.element) return entry.element;
    const { parent } = entry;
    if (!parent) throw new Error('the structure root has no element');
    const parentElement = this.attach(parent);
    if (!entry.attached)
      for (const sibling of parent.node.children) {
        if (sibling === entry.node) break;
        const before = this.entries.get(sibling.id) as Entry;
        if (!before.attached) this.attach(before);
      }
    const element = this.doc.struct(entry.node.role, elementOptions(entry.node, parent.node));
    parentElement.add(element);
    parent.span = undefined;
    entry.element = element;
    entry.attached = true;
    return element;
  }

  /**
   * End the links drawn on this page while it is current: pdfkit files a link's
   * object reference under the page that is current when its element ends.
   */
  endPage(): void {
    for (const entry of this.linksOnPage) {
      entry.element?.end();
      entry.element = undefined;
      entry.span = undefined;
    }
    this.linksOnPage.clear();
  }

  /** Attach what drew nothing (an empty table cell), in tree order, and close the tree. */
  end(): void {
    this.endPage();
    for (const entry of this.entries.values()) if (!entry.attached) this.attach(entry);
    this.root.end();
  }
}
