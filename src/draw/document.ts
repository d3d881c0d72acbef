/**
 * Drawing: pages of positioned items -> PDF bytes. The only module that knows
 * pdfkit. One drawer per item kind, picked from a table.
 */
import PDFDocument from 'pdfkit';
import type { LoadedFonts } from '../brand/fonts.js';
import type { PreparedPicture } from '../images/pictures.js';
import { svgToPdfColour } from '../images/svg-colour.js';
import { shapedRun, sharedShapingCache } from '../layout/measure.js';
import type {
  IconItem,
  Layout,
  LineItem,
  PictureItem,
  PlacedItem,
  RectItem,
  StructNode,
  TextItem,
} from '../layout/types.js';
import { collectOutput, type PageContent, writeAtOnce } from './bytes.js';
import { fastSubset } from './subset.js';
import { type SpanOptions, Tagging } from './tagging.js';
import { type EmbeddedFont, fillWith, writeLine } from './text.js';
import { VectorForms } from './vector.js';

export interface DocumentInfo {
  title: string;
  author: string;
  subject?: string;
  keywords?: string;
  /** BCP 47, e.g. "da-DK". */
  language: string;
  /** Fixed, so that the same inputs give the same bytes. */
  date: Date;
  /** PDF/A-2a (archival) as well as PDF/UA-1. */
  archival?: boolean;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const PDFUA_ID = `
        <rdf:Description xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" rdf:about="">
            <pdfuaid:part>1</pdfuaid:part>
        </rdf:Description>`;

/** PDF/A admits XMP properties outside its predefined schemas only with a description of their schema (6.6.2.3.1). */
const PDFUA_SCHEMA = `
        <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
            xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
            <pdfaExtension:schemas>
                <rdf:Bag>
                    <rdf:li rdf:parseType="Resource">
                        <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
                        <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
                        <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
                        <pdfaSchema:property>
                            <rdf:Seq>
                                <rdf:li rdf:parseType="Resource">
                                    <pdfaProperty:name>part</pdfaProperty:name>
                                    <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
                                    <pdfaProperty:category>internal</pdfaProperty:category>
                                    <pdfaProperty:description>Part of ISO 14289 the file conforms to</pdfaProperty:description>
                                </rdf:li>
                            </rdf:Seq>
                        </pdfaSchema:property>
                    </rdf:li>
                </rdf:Bag>
            </pdfaExtension:schemas>
        </rdf:Description>`;

/**
 * pdfkit copies the info strings into the XMP packet unescaped, so a title such as
 * "Ryg & nakke" would make the metadata malformed. It writes the Info dictionary
 * first and the XMP last: escape the strings in between.
 */
function escapeMetadata(doc: PDFKit.PDFDocument): void {
  const internal = doc as unknown as { endMetadata(): void; info: Record<string, unknown> };
  const endMetadata = internal.endMetadata.bind(doc);
  internal.endMetadata = () => {
    for (const [key, value] of Object.entries(internal.info))
      if (typeof value === 'string') internal.info[key] = escapeXml(value);
    endMetadata();
  };
}

type SvgDrawer = typeof import('svg-to-pdfkit').default;

interface DrawContext {
  doc: PDFKit.PDFDocument;
  /** svg-to-pdfkit, loaded only for a document with an SVG beyond the simple subset. */
  svg?: SvgDrawer;
  tagging: Tagging;
  /** The document's language (BCP 47): parts in another get a Span with /Lang. */
  language: string;
  pictures: ReadonlyMap<string, PreparedPicture>;
  /** Raster images opened once per document: pdfkit stores every `image()` of a Buffer anew. */
  opened: Map<string, PDFKit.PDFImage>;
  /** Vector pictures written once per document as form XObjects, placed by reference. */
  forms: VectorForms;
}

type Drawer<T extends PlacedItem> = (item: T, ctx: DrawContext) => void;

/** Fonts of a document made ready for the ways of writing text below. */
const prepared = new WeakSet<EmbeddedFont>();

const drawText: Drawer<TextItem> = (item, { doc, tagging }) => {
  doc.font(item.style).fontSize(item.size);
  fillWith(doc, item.colour);
  const embedded = (doc as unknown as { _font: EmbeddedFont })._font;
  if (!prepared.has(embedded)) {
    // Words shaped for an earlier document, or by an earlier process, are not shaped again (see measure.ts).
    embedded.layoutCache = sharedShapingCache(embedded.font);
    const shape = embedded.layoutCached.bind(embedded);
    embedded.layoutCached = (word) => shapedRun(embedded.font, word) ?? shape(word);
    fastSubset(embedded.font, embedded.subset);
    prepared.add(embedded);
  }
  // pdfkit draws a link's underline; a line of layout has no line breaks.
  if (item.href || item.text.includes('\n'))
    doc.text(item.text, item.x, item.y, { lineBreak: false, underline: item.href !== undefined });
  else writeLine(doc, item.text, item.x, item.y);
  if (item.href) {
    // The annotation joins its Link element and says where it goes, as PDF/UA asks.
    const link = item.tag === undefined ? undefined : tagging.node(item.tag);
    doc.link(item.x, item.y, item.width, item.size * 1.24, item.href, {
      structParent: link && tagging.element(link.id),
      Contents: new String(link?.alt ?? item.href),
    });
  }
};

const drawRect: Drawer<RectItem> = (item, { doc }) => {
  if (item.radius) doc.roundedRect(item.x, item.y, item.width, item.height, item.radius);
  else doc.rect(item.x, item.y, item.width, item.height);
  doc.lineWidth(item.lineWidth ?? 1);
  if (item.fill && item.stroke) doc.fillAndStroke(item.fill, item.stroke);
  else if (item.fill) doc.fill(item.fill);
  else if (item.stroke) doc.stroke(item.stroke);
};

const drawLine: Drawer<LineItem> = (item, { doc }) => {
  doc.moveTo(item.x1, item.y1).lineTo(item.x2, item.y2).lineWidth(item.width).stroke(item.colour);
};

const drawPicture: Drawer<PictureItem> = (item, ctx) => {
  const picture = ctx.pictures.get(item.picture);
  if (!picture) throw new Error(`picture "${item.picture}" was not prepared`);
  if (picture.kind === 'vector') {
    ctx.forms.draw(picture.vector, item.x, item.y, item.width, item.height);
    return;
  }
  if (picture.kind === 'svg') {
    if (!ctx.svg) throw new Error('svg-to-pdfkit was not loaded');
    ctx.svg(ctx.doc, picture.svg, item.x, item.y, {
      width: item.width,
      height: item.height,
      preserveAspectRatio: 'xMidYMid meet',
      colorCallback: svgToPdfColour,
    });
    return;
  }
  let image = ctx.opened.get(item.picture);
  if (!image) {
    image = ctx.doc.openImage(picture.image.data);
    ctx.opened.set(item.picture, image);
  }
  ctx.doc.image(image, item.x, item.y, { fit: [item.width, item.height], align: 'center', valign: 'center' });
};

/** The marks inside a traffic light's lamps, so that the meaning survives grayscale print: tick, bar, cross. */
function drawLampMark(doc: PDFKit.PDFDocument, item: IconItem): void {
  const { x, y, size: s, colour } = item;
  doc
    .save()
    .lineWidth(s * 0.16)
    .lineCap('round')
    .lineJoin('round');
  if (item.icon === 'go')
    doc
      .moveTo(x + s * 0.15, y + s * 0.55)
      .lineTo(x + s * 0.4, y + s * 0.8)
      .lineTo(x + s * 0.85, y + s * 0.22)
      .stroke(colour);
  else if (item.icon === 'caution')
    doc
      .moveTo(x + s * 0.15, y + s * 0.5)
      .lineTo(x + s * 0.85, y + s * 0.5)
      .stroke(colour);
  else
    doc
      .moveTo(x + s * 0.2, y + s * 0.2)
      .lineTo(x + s * 0.8, y + s * 0.8)
      .moveTo(x + s * 0.8, y + s * 0.2)
      .lineTo(x + s * 0.2, y + s * 0.8)
      .stroke(colour);
  doc.restore();
}

/** Icons carry a callout's meaning in shape as well as colour: circle "i", triangle "!", octagon "!". */
const drawIcon: Drawer<IconItem> = (item, { doc }) => {
  const { x, y, size: s } = item;
  if (item.icon === 'go' || item.icon === 'caution' || item.icon === 'stop') {
    drawLampMark(doc, item);
    return;
  }
  const cx = x + s / 2;
  if (item.icon === 'info') {
    doc.circle(cx, y + s / 2, s / 2).fill(item.colour);
    doc.circle(cx, y + s * 0.27, s * 0.075).fill('#ffffff');
    doc.roundedRect(cx - s * 0.065, y + s * 0.4, s * 0.13, s * 0.38, s * 0.05).fill('#ffffff');
    return;
  }
  if (item.icon === 'warning') {
    doc.polygon([cx, y], [x + s, y + s * 0.92], [x, y + s * 0.92]).fill(item.colour);
  } else {
    const r = s / 2;
    const points = Array.from({ length: 8 }, (_, k) => {
      const a = Math.PI / 8 + (k * Math.PI) / 4;
      return [cx + r * Math.cos(a), y + r + r * Math.sin(a)] as [number, number];
    });
    doc.polygon(...points).fill(item.colour);
  }
  const top = item.icon === 'warning' ? y + s * 0.3 : y + s * 0.2;
  doc.roundedRect(cx - s * 0.065, top, s * 0.13, s * 0.36, s * 0.05).fill('#ffffff');
  doc.circle(cx, top + s * 0.48, s * 0.075).fill('#ffffff');
};

const DRAWERS: { [K in PlacedItem['kind']]: Drawer<Extract<PlacedItem, { kind: K }>> } = {
  text: drawText,
  rect: drawRect,
  line: drawLine,
  picture: drawPicture,
  icon: drawIcon,
};

/**
 * How a text item reads, when not as it shows: a hyphenated word reads whole, once,
 * without the hyphen; a part in another language reads with that language's voice.
 */
function spanOf(item: PlacedItem, language: string): SpanOptions | undefined {
  if (item.kind !== 'text') return undefined;
  const lang = item.lang && primaryLanguage(item.lang) !== primaryLanguage(language) ? item.lang : undefined;
  if (!item.hyphenated && !lang) return undefined;
  return { ...(item.hyphenated ? { actual: item.hyphenated } : {}), ...(lang ? { lang } : {}) };
}

function primaryLanguage(tag: string): string {
  return tag.split('-')[0]?.toLowerCase() ?? tag;
}

/** Draw one item inside its marked content: joined to its structure element, or an artifact a screen reader skips. */
function drawTagged(item: PlacedItem, ctx: DrawContext, bookmarks: Bookmarks): void {
  const draw = () => (DRAWERS[item.kind] as Drawer<PlacedItem>)(item, ctx);
  const node = item.tag === undefined ? undefined : ctx.tagging.node(item.tag);
  if (item.tag === undefined || !node) {
    ctx.doc.markContent('Artifact', item.artifact ? { type: item.artifact } : undefined);
    draw();
    ctx.doc.endMarkedContent();
    return;
  }
  bookmarks.reach(node, item.kind === 'line' ? Math.min(item.y1, item.y2) : item.y);
  const span = spanOf(item, ctx.language);
  const content = ctx.doc.markStructureContent(span ? 'Span' : node.role);
  draw();
  ctx.doc.endMarkedContent();
  ctx.tagging.add(item.tag, content, span);
}

/**
 * Bookmarks for every section (H2) and, under it, every sub-heading (H3), each
 * pointing at its heading's place on the page where the heading is drawn.
 */
class Bookmarks {
  private seen = new Set<number>();
  private section: PDFKit.PDFOutline | undefined;
  constructor(private readonly doc: PDFKit.PDFDocument) {}

  /** `top`: where the heading's first item starts, from the page's top. */
  reach(node: StructNode, top: number): void {
    if ((node.role !== 'H2' && node.role !== 'H3') || this.seen.has(node.id) || !node.title) return;
    this.seen.add(node.id);
    const parent = node.role === 'H2' ? this.doc.outline : (this.section ?? this.doc.outline);
    const item = parent.addItem(node.title);
    if (node.role === 'H2') this.section = item;
    // pdfkit points a bookmark at the whole page (/Fit); keep the zoom, scroll to the heading.
    const { page } = this.doc;
    item.outlineData.Dest = [page.dictionary, 'XYZ', null, page.height - top, null];
  }

  /** Sections open on their sub-headings: /Count on each bookmark with children, and on the outline the total shown. */
  end(): void {
    let shown = 0;
    for (const section of this.doc.outline.children) {
      shown += 1 + section.children.length;
      if (section.children.length > 0) section.outlineData.Count = section.children.length;
    }
    if (shown > 0) this.doc.outline.outlineData.Count = shown;
  }
}

export async function drawDocument(
  layout: Layout,
  fonts: LoadedFonts,
  pictures: ReadonlyMap<string, PreparedPicture>,
  info: DocumentInfo,
): Promise<Uint8Array> {
  const svg = [...pictures.values()].some((p) => p.kind === 'svg')
    ? (await import('svg-to-pdfkit')).default
    : undefined;
  const doc = new PDFDocument({
    // No default font: pdfkit would parse Helvetica's metrics for every document, and never use them.
    font: null as unknown as string,
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    pdfVersion: '1.7',
    tagged: true,
    // pdfkit's 'PDF/UA' subset would write a CIDSet that leaves out the glyphs its
    // subsetter adds for composite glyphs (å); without it, the XMP below says PDF/UA.
    ...(info.archival ? { subset: 'PDF/A-2a' as const } : {}),
    lang: info.language,
    displayTitle: true,
    info: {
      Title: info.title,
      Author: info.author,
      // pdfkit hashes every Info entry into the file id and fails on an undefined one.
      ...(info.subject ? { Subject: info.subject } : {}),
      ...(info.keywords ? { Keywords: info.keywords } : {}),
      Creator: 'handout',
      CreationDate: info.date,
      // PDF/A wants the Info dictionary to match the XMP, and pdfkit writes no XMP modification date.
      ...(info.archival ? {} : { ModDate: info.date }),
    },
  });
  // Helvetica would have been F1: our fonts keep the names (F2, F3) and subset tags they had.
  (doc as unknown as { _fontCount: number })._fontCount = 1;
  escapeMetadata(doc);
  doc.appendXML(info.archival ? PDFUA_SCHEMA + PDFUA_ID : PDFUA_ID);
  // Parsed fonts are shared by every document of the process (pdfkit accepts a fontkit font).
  doc.registerFont('regular', fonts.regular as unknown as Buffer);
  doc.registerFont('bold', fonts.bold as unknown as Buffer);
  const output = collectOutput(doc);
  const done = new Promise<Uint8Array>((resolve, reject) => {
    // The header, written before output was collected, still comes through the stream.
    doc.on('data', (chunk: Uint8Array) => output.early.push(chunk));
    doc.on('end', () => resolve(output()));
    doc.on('error', reject);
  });
  const tagging = new Tagging(doc, layout.structure);
  const ctx: DrawContext = {
    doc,
    svg,
    pictures,
    opened: new Map(),
    tagging,
    language: info.language,
    forms: new VectorForms(doc),
  };
  const bookmarks = new Bookmarks(doc);
  for (const page of layout.pages) {
    doc.addPage({ size: 'A4', margin: 0 });
    writeAtOnce(doc.page as unknown as PageContent);
    for (const item of page.items) drawTagged(item, ctx, bookmarks);
    tagging.endPage();
  }
  tagging.end();
  bookmarks.end();
  doc.end();
  return done;
}
