/**
 * The PDF/UA-1 and PDF/A-2a details a validator checks, read back from the bytes:
 * links in reading order and on their own pages, fonts' CIDSet, XMP extension
 * schemas, table header scope, hyphenated words, language of parts, bookmarks.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import * as fontkit from 'fontkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { openProject, type Project, render } from '../../src/pipeline.js';
import { copyProject, editFile, ROOT } from '../helpers/project.js';
import {
  contentIds,
  nodesOf,
  openPdf,
  type PdfJsDocument,
  rawObjects,
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

/** A stream's data, inflated when pdfkit compressed it. */
function streamData(object: { dict: string; stream?: Buffer }): Buffer {
  const data = object.stream ?? Buffer.alloc(0);
  return /\/Filter \/FlateDecode/.test(object.dict) ? inflateSync(data) : data;
}

describe('fonts', () => {
  // veraPDF PDF/UA-1 7.21.4.2-2 and PDF/A-2 6.2.11.4.2: a CIDSet, if present, lists every glyph of the font program.
  it('have no CIDSet, or one that lists every glyph the embedded subset holds', () => {
    for (const { pdf } of Object.values(docs)) {
      const objects = rawObjects(pdf);
      const descriptors = [...objects.values()].filter((o) => /\/Type \/FontDescriptor/.test(o.dict));
      expect(descriptors.length).toBeGreaterThan(0);
      for (const descriptor of descriptors) {
        const cidSet = /\/CIDSet (\d+) 0 R/.exec(descriptor.dict);
        if (!cidSet) continue;
        const file = /\/FontFile2 (\d+) 0 R/.exec(descriptor.dict);
        const font = fontkit.create(streamData(objects.get(Number(file?.[1])) ?? { dict: '' }));
        const bits = streamData(objects.get(Number(cidSet[1])) ?? { dict: '' });
        const missing = Array.from({ length: font.numGlyphs }, (_, gid) => gid).filter(
          (gid) => ((bits[gid >> 3] ?? 0) & (0x80 >> (gid & 7))) === 0,
        );
        expect(missing, descriptor.dict).toEqual([]);
      }
    }
  });
});

describe('metadata', () => {
  /** Schemas PDF/A-2 predefines (ISO 19005-2, 6.6.2.3.1), and the XMP syntax's own. */
  const PREDEFINED = [
    'rdf',
    'x',
    'xml',
    'dc',
    'xmp',
    'xmpRights',
    'xmpMM',
    'xmpBJ',
    'xmpTPg',
    'xmpDM',
    'pdf',
    'photoshop',
    'crs',
    'exif',
    'tiff',
    'aux',
    'pdfaid',
    'pdfaExtension',
    'pdfaSchema',
    'pdfaProperty',
    'pdfaType',
    'pdfaField',
    'stEvt',
    'stRef',
    'stVer',
    'stJob',
    'stDim',
    'xmpG',
    'xmpGImg',
    'stFnt',
  ];

  it('--pdfa: describes every XMP property outside the predefined schemas in a pdfaExtension schema', async () => {
    const { pdf } = await render(project, {
      handout: 'content/handouts/loeb-med-rygsmerter.json',
      brand: 'skovlund-sygehus',
      archival: true,
    });
    const xmp = (await (await openPdf(pdf)).getMetadata()).metadata?.getRaw() as string;
    const used = new Set([...xmp.matchAll(/<([A-Za-z]+):([A-Za-z]+)[\s>]/g)].map((m) => `${m[1]}:${m[2]}`));
    const foreign = [...used].filter((p) => !PREDEFINED.includes(p.split(':')[0] as string));
    expect(foreign).toEqual(['pdfuaid:part']);
    const schemas = [
      ...xmp.matchAll(/<rdf:li rdf:parseType="Resource">\s*<pdfaSchema:schema>[\s\S]*?<\/pdfaSchema:property>/g),
    ].map((m) => m[0]);
    for (const property of foreign) {
      const [prefix, name] = property.split(':');
      const schema = schemas.find((s) => s.includes(`<pdfaSchema:prefix>${prefix}</pdfaSchema:prefix>`));
      expect(schema, property).toContain(
        '<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>',
      );
      expect(schema).toContain(`<pdfaProperty:name>${name}</pdfaProperty:name>`);
      expect(schema).toMatch(/<pdfaProperty:valueType>Integer<\/pdfaProperty:valueType>/);
      expect(schema).toMatch(/<pdfaProperty:category>internal<\/pdfaProperty:category>/);
    }
  });

  it('declares PDF/UA-1 in the standard output too', async () => {
    expect((await docs.leaflet.doc.getMetadata()).metadata?.get('pdfuaid:part')).toBe('1');
  });
});

describe('tables', () => {
  it('scope every header cell: a row of headers heads columns, a diary row is headed by its exercise', () => {
    const rowHeaders: string[] = [];
    for (const page of docs.programme.pages)
      walk(page.tree, (node) => {
        if (node.role !== 'TR' || !node.children?.some((c) => c.role === 'TD')) return;
        expect(node.children[0]?.role).toBe('TH');
        rowHeaders.push(textOf(node.children[0] as StructNode, page));
      });
    expect(rowHeaders.length).toBeGreaterThan(8);
    for (const text of rowHeaders) expect(text).toMatch(/^\d+\. \S/);
    const cells = [...rawObjects(docs.programme.pdf).values()].filter((o) => /\/S \/TH\b/.test(o.dict));
    const scopes = cells.map((o) => /\/Scope \/(\w+)/.exec(o.dict)?.[1]);
    expect(scopes.filter((s) => s === 'Row').length).toBe(rowHeaders.length);
    expect(scopes.filter((s) => s === 'Column').length).toBeGreaterThan(7);
    expect(scopes.length).toBe(scopes.filter((s) => s === 'Row' || s === 'Column').length);
  });
});

interface Bookmark {
  title: string;
  dest: [{ num: number; gen: number }, { name: string }, ...(number | null)[]];
  count?: number;
  items: Bookmark[];
}

describe('headings and bookmarks', () => {
  it('open each bookmark with children on them (/Count), and say on the outline how many show', async () => {
    for (const { doc, pdf } of Object.values(docs)) {
      const outline = (await doc.getOutline()) as unknown as Bookmark[];
      const parents = outline.filter((b) => b.items.length > 0);
      expect(parents.length).toBeGreaterThan(0);
      for (const b of outline) expect(b.count, b.title).toBe(b.items.length > 0 ? b.items.length : undefined);
      const objects = rawObjects(pdf);
      const root = /\/Outlines (\d+) 0 R/.exec(
        [...objects.values()].find((o) => /\/Type \/Catalog/.test(o.dict))?.dict ?? '',
      );
      const shown = outline.length + outline.reduce((n, b) => n + b.items.length, 0);
      expect(objects.get(Number(root?.[1]))?.dict).toMatch(new RegExp(`/Count ${shown}\\b`));
    }
  });

  it('point each bookmark at its heading, not at the top of the page', async () => {
    for (const { doc } of Object.values(docs)) {
      const all = ((await doc.getOutline()) as unknown as Bookmark[]).flatMap((b) => [b, ...b.items]);
      for (const bookmark of all) {
        const [ref, fit, , top] = bookmark.dest;
        expect(fit.name, bookmark.title).toBe('XYZ');
        const page = await doc.getPage((await doc.getPageIndex(ref)) + 1);
        const items = (await page.getTextContent()).items as { str: string; transform: number[] }[];
        // The heading's first line sits just below the place the bookmark scrolls to.
        const below = items.filter((i) => {
          const text = i.str.trim();
          const [, , , size = 0, , baseline = 0] = i.transform;
          return (
            text.length > 3 &&
            bookmark.title.startsWith(text) &&
            baseline < (top as number) &&
            baseline > (top as number) - 2 * size
          );
        });
        expect(below.length, bookmark.title).toBeGreaterThan(0);
      }
    }
  });

  it('make FAQ questions and callout titles headings below their section', () => {
    const headings = (pages: TaggedPage[]) =>
      pages.flatMap((page) => nodesOf(page.tree, 'H3').map((h) => textOf(h, page)));
    expect(headings(docs.leaflet.pages)).toContain('Kan jeg få en diskusprolaps af at løbe?');
    expect(headings(docs.leaflet.pages)).toContain('Kontakt');
    expect(headings(docs.programme.pages)).toContain('Kontakt');
  });

  it('say under "Noter" what the lines are for', () => {
    const notes = docs.programme.pages.flatMap((page) => {
      const found: { next?: StructNode; page: TaggedPage }[] = [];
      walk(page.tree, (node) => {
        const i = node.children?.findIndex((c) => c.role === 'H2' && textOf(c, page) === 'Noter') ?? -1;
        if (i >= 0) found.push({ next: node.children?.[i + 1], page });
      });
      return found;
    });
    expect(notes).toHaveLength(1);
    const [{ next, page }] = notes as [{ next?: StructNode; page: TaggedPage }];
    expect(next?.role).toBe('P');
    expect(textOf(next as StructNode, page)).toMatch(/^Skriv .*aftale\.$/);
  });
});

describe('hyphenated words', () => {
  it('read whole: both pieces in one Span whose ActualText is the word', () => {
    const words: { alt: string; pieces: string[] }[] = [];
    for (const page of docs.leaflet.pages)
      for (const span of nodesOf(page.tree, 'Span'))
        if (span.alt !== undefined)
          words.push({
            alt: span.alt,
            pieces: contentIds(span).map((id) => textOf({ type: 'content', id }, page).trim()),
          });
    expect(words.length).toBeGreaterThanOrEqual(5);
    expect(words.map((w) => w.alt)).toContain('bruskskiver');
    for (const { alt, pieces } of words) {
      expect(alt).toMatch(/^\p{L}+[.,;:!?)]*$/u);
      // A word split over two pages has one piece in each page's tree.
      const [head = '', tail] = pieces;
      if (tail !== undefined) {
        expect(head.endsWith('-'), head).toBe(true);
        expect(head.slice(0, -1) + tail).toBe(alt);
      } else expect(alt.startsWith(head.slice(0, -1)) || alt.endsWith(head), head).toBe(true);
    }
  });
});

describe('language of parts', () => {
  /** The text of every Span in a language, across pages, with line breaks as spaces. */
  function spansIn(pages: TaggedPage[], lang: string): string {
    return pages
      .flatMap((page) =>
        nodesOf(page.tree, 'Span')
          .filter((s) => s.lang === lang)
          .flatMap((s) => contentIds(s).map((id) => textOf({ type: 'content', id }, page))),
      )
      .join(' ')
      .replace(/\s+/g, ' ');
  }

  it('reads English reference titles in a Danish leaflet with an English voice', async () => {
    const source = JSON.parse(await readFile(path.join(ROOT, 'content/handouts/loeb-med-rygsmerter.json'), 'utf8'));
    const titles: string[] = source.sections
      .flatMap((s: { blocks: { type: string; items?: { title: string }[] }[] }) => s.blocks)
      .filter((b: { type: string }) => b.type === 'references')
      .flatMap((b: { items: { title: string }[] }) => b.items.map((i) => i.title));
    expect(titles.length).toBeGreaterThan(3);
    const english = spansIn(docs.leaflet.pages, 'en');
    for (const title of titles) expect(english).toContain(title);
    expect(english).not.toContain('(20');
  });

  it("reads a therapist's untranslated Danish notes in an English programme with a Danish voice, and marks nothing in a Danish one", async () => {
    // The sample gives English translations of its notes and advice: take them out.
    const root = await copyProject();
    await editFile(root, 'content/programmes/p-2026-0142.json', (text) =>
      JSON.stringify(
        JSON.parse(text, (key, value) => (key === 'translations' ? undefined : value)),
        null,
        2,
      ),
    );
    const { pdf } = await render(await openProject(root), {
      handout: 'content/programmes/p-2026-0142.json',
      language: 'en',
    });
    const pages = await taggedPages(await openPdf(pdf));
    const danish = spansIn(pages, 'da');
    expect(danish).toContain('Start her. Mærk efter med hænderne, at den øverste hånd ligger stille.');
    expect(danish).toContain('Gå en tur hver dag');
    expect(danish).not.toContain('Note');
    expect(spansIn(docs.programme.pages, 'da')).toBe('');
    // Translated, they are English: nothing is marked Danish.
    const translated = await render(project, { handout: 'content/programmes/p-2026-0142.json', language: 'en' });
    expect(spansIn(await taggedPages(await openPdf(translated.pdf)), 'da')).toBe('');
  });
});
