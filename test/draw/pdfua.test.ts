/**
 * The PDF/UA-1 and PDF/A-2a details a validator checks, read back from the bytes:
 * links in reading order and on their own pages, fonts' CIDSet, XMP extension
 * schemas, table header scope, hyphenated words, language of parts, bookmarks.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { openProject, type Project, render } from '../../src/pipeline.js';
import { ROOT } from '../helpers/project.js';
import {
  contentIds,
  openPdf,
  type PdfJsDocument,
  type StructNode,
  type TaggedPage,
  taggedPages,
  textOf,
  walk,
} from '../helpers/structure.js';

let project: Project;
/** A leaflet with links on several pages (references with DOIs) and a programme with the contact block. */
const docs: Record<'leaflet' | 'programme', { pdf: Uint8Array; doc: PdfJsDocument; pages: TaggedPage[] }> = {} as never;

beforeAll(async () => {
  project = await openProject(ROOT);
  const requests = {
    leaflet: { handout: 'content/handouts/loeb-med-rygsmerter.json', brand: 'skovlund-sygehus' },
    programme: { handout: 'content/programmes/p-2026-0142.json' },
  };
  for (const [name, request] of Object.entries(requests)) {
    const { pdf } = await render(project, request);
    const copy = new Uint8Array(pdf);
    const doc = await openPdf(pdf);
    docs[name as keyof typeof docs] = { pdf: copy, doc, pages: await taggedPages(doc) };
  }
});

/** Every structure node with a Link child, with the page it is on. */
function linkParents(pages: TaggedPage[]): { parent: StructNode; page: TaggedPage }[] {
  const out: { parent: StructNode; page: TaggedPage }[] = [];
  for (const page of pages)
    walk(page.tree, (node) => {
      if (node.children?.some((c) => c.role === 'Link')) out.push({ parent: node, page });
    });
  return out;
}

describe('links', () => {
  it('sit in the structure where they are drawn: the words around a link are read around it', () => {
    for (const { pages } of Object.values(docs)) {
      const parents = linkParents(pages);
      expect(parents.length).toBeGreaterThan(2);
      for (const { parent, page } of parents) {
        const order = page.drawn.map((d) => d.id);
        const positions = contentIds(parent).map((id) => order.indexOf(id));
        expect(positions, textOf(parent, page)).toEqual([...positions].sort((a, b) => a - b));
      }
    }
    const contact = linkParents(docs.programme.pages).map(({ parent, page }) => textOf(parent, page));
    expect(contact.some((text) => /^Tlf\. 23 45 67 89\s*E-mail kontakt@/.test(text))).toBe(true);
    const references = linkParents(docs.leaflet.pages).map(({ parent, page }) => textOf(parent, page));
    expect(references.some((text) => /^Maselli F.*doi:10\.1186/.test(text))).toBe(true);
  });

  it('are each filed under the page their annotation is on', () => {
    for (const { pages } of Object.values(docs)) {
      const withLinks = pages.filter((p) => p.links.length > 0);
      expect(withLinks.length).toBeGreaterThan(0);
      for (const [n, page] of pages.entries()) {
        const objects: string[] = [];
        walk(page.tree, (node) => {
          if (node.type === 'object' && node.id) objects.push(node.id);
        });
        expect(objects.sort(), `page ${n + 1}`).toEqual([...page.links].sort());
      }
    }
    // The leaflet has links on more than its last page: the case pdfkit gets wrong.
    expect(docs.leaflet.pages.filter((p) => p.links.length > 0).length).toBeGreaterThan(1);
  });
});
