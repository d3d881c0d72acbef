/** What a screen reader and an archive get from the leaflet: structure, artifacts, language, bookmarks. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { HandoutSchema } from '../../src/content/schema.js';
import { openProject, render } from '../../src/pipeline.js';
import { ROOT } from '../helpers/project.js';

interface StructNode {
  role?: string;
  alt?: string;
  type?: string;
  id?: string;
  children?: StructNode[];
}

const HANDOUT = 'content/handouts/smerter-i-ryggen.json';
const source = HandoutSchema.parse(JSON.parse(await readFile(path.join(ROOT, HANDOUT), 'utf8')));
let doc: Awaited<ReturnType<typeof getDocument>['promise']>;
let trees: StructNode[];

beforeAll(async () => {
  const { pdf } = await render(await openProject(ROOT), { handout: HANDOUT, brand: 'skovlund-sygehus' });
  doc = await getDocument({ data: pdf, verbosity: 0 }).promise;
  trees = [];
  for (let n = 1; n <= doc.numPages; n++) trees.push((await (await doc.getPage(n)).getStructTree()) as StructNode);
});

function roles(node: StructNode, out: string[] = []): string[] {
  if (node.role) out.push(node.role);
  for (const child of node.children ?? []) roles(child, out);
  return out;
}

function nodes(node: StructNode, role: string, out: StructNode[] = []): StructNode[] {
  if (node.role === role) out.push(node);
  for (const child of node.children ?? []) nodes(child, role, out);
  return out;
}

/** The text of each marked-content span on a page, keyed by whether it is an artifact. */
async function spans(pageNumber: number) {
  const page = await doc.getPage(pageNumber);
  const content = await page.getTextContent({ includeMarkedContent: true });
  const artifact: string[] = [];
  const tagged: string[] = [];
  let inArtifact = false;
  for (const item of content.items as { type?: string; tag?: string; str?: string }[]) {
    if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps')
      inArtifact = item.tag === 'Artifact';
    else if (item.type === 'endMarkedContent') inArtifact = false;
    else if (item.str) (inArtifact ? artifact : tagged).push(item.str);
  }
  return { artifact: artifact.join(' '), tagged: tagged.join(' ') };
}

describe('the tagged leaflet', () => {
  it('is marked as tagged and declares PDF/UA-1 and its language', async () => {
    expect(await doc.getMarkInfo()).toMatchObject({ Marked: true });
    const meta = await doc.getMetadata();
    expect(meta.metadata?.get('pdfuaid:part')).toBe('1');
    expect((meta.info as Record<string, unknown>).Language).toBe('da-DK');
  });

  it('has a logical structure in reading order: a Document with a title, sections, lists and figures', () => {
    const first = roles(trees[0] as StructNode);
    expect(first).toContain('Document');
    expect(first.indexOf('H1')).toBeLessThan(first.indexOf('H2'));
    const all = trees.flatMap((t) => roles(t));
    for (const role of ['H1', 'H2', 'H3', 'P', 'L', 'LI', 'Lbl', 'LBody', 'Figure', 'Caption', 'Link', 'Div'])
      expect(all, role).toContain(role);
  });

  it('gives every figure non-empty alt text', () => {
    const figures = trees.flatMap((t) => nodes(t, 'Figure'));
    expect(figures.length).toBeGreaterThanOrEqual(14);
    for (const f of figures) expect(f.alt?.trim().length, JSON.stringify(f)).toBeGreaterThan(10);
  });

  it('keeps the running header, footer and page numbers out of what a screen reader reads', async () => {
    for (let n = 1; n <= doc.numPages; n++) {
      const { artifact, tagged } = await spans(n);
      expect(artifact).toContain(`Side ${n} af ${doc.numPages}`);
      expect(artifact).toContain('Skovlund Sygehus');
      expect(tagged).not.toContain('Side ');
      expect(tagged).not.toContain(`Dok.-id ${source.meta.documentId} ·`);
    }
  });

  it('has a bookmark for every section, with the exercises under theirs', async () => {
    const outline = (await doc.getOutline()) as { title: string; items: { title: string }[] }[];
    expect(outline.map((o) => o.title)).toEqual([...source.sections.map((s) => s.title), 'Om denne pjece']);
    const exercises = outline.find((o) => o.title === 'Øvelser for ryggens stabilitet');
    expect(exercises?.items.some((i) => i.title.startsWith('Øvelse 1:'))).toBe(true);
  });

  it('shows the title in the window title bar', async () => {
    const data = await doc.getData();
    expect(Buffer.from(data).toString('latin1')).toMatch(/\/DisplayDocTitle true/);
  });

  it('describes each link annotation and puts it in the structure', async () => {
    const last = await doc.getPage(doc.numPages);
    const links = (await last.getAnnotations()).filter((a: { subtype: string }) => a.subtype === 'Link');
    expect(links.length).toBeGreaterThanOrEqual(3);
    for (const link of links) expect(link.contentsObj?.str, link.url).toBeTruthy();
    expect(roles(trees.at(-1) as StructNode)).toContain('Link');
  });
});

describe('an archival leaflet (--pdfa)', () => {
  it('declares PDF/A-2a and PDF/UA-1 in its XMP, with an sRGB output intent and every font embedded', async () => {
    const { pdf } = await render(await openProject(ROOT), {
      handout: HANDOUT,
      brand: 'skovlund-sygehus',
      archival: true,
    });
    // Read the bytes before pdfjs takes the buffer over.
    const raw = Buffer.from(pdf).toString('latin1');
    const archived = await getDocument({ data: pdf, verbosity: 0 }).promise;
    const meta = await archived.getMetadata();
    expect(meta.metadata?.get('pdfaid:part')).toBe('2');
    expect(meta.metadata?.get('pdfaid:conformance')).toBe('A');
    expect(meta.metadata?.get('pdfuaid:part')).toBe('1');
    expect(raw).toMatch(/\/OutputIntents/);
    expect(raw).toMatch(/\/S \/GTS_PDFA1/);
    expect(raw).not.toMatch(/\/Encrypt/);
    expect(raw).not.toMatch(/\/ModDate/);
    // Every font dictionary has an embedded font file.
    expect(raw.match(/\/FontFile2/g)?.length).toBe(raw.match(/\/Type \/FontDescriptor/g)?.length);
  });
});
