/**
 * The whole path from a handout file to PDF bytes, one stage after the other:
 * load -> render template -> parse markup -> prepare pictures -> layout -> draw.
 */

import path from 'node:path';
import { documentHtml } from './alternative/html.js';
import { documentText } from './alternative/text.js';
import { brandProblems } from './brand/check.js';
import { loadFonts } from './brand/fonts.js';
import { glyphWarnings } from './brand/glyphs.js';
import { type Theme, themeFor, type Variant } from './brand/theme.js';
import { catalogCategories } from './content/catalog.js';
import { formatDate, languageTag } from './content/dates.js';
import { documentKind } from './content/document-kind.js';
import { localise } from './content/exercise-text.js';
import { MAX_CONTENT_BYTES, readJson } from './content/files.js';
import { handoutFileProblems, resolveHandout } from './content/handout.js';
import { diagnosticAt, type JsonDocument, objectDocument, validate } from './content/json.js';
import { fillLabel, type Labels } from './content/labels.js';
import {
  brandAt,
  brandById,
  exercisePictureProblem,
  type Library,
  labelsFor,
  languageProblem,
  loadLibrary,
} from './content/library.js';
import { pictureKey } from './content/picture-ref.js';
import { resolveProgramme } from './content/programme.js';
import { contentHash } from './content/provenance.js';
import {
  type Brand,
  type HandoutContent,
  HandoutSchema,
  type ProgrammeContent,
  ProgrammeSchema,
} from './content/schema.js';
import { didYouMean } from './content/suggest.js';
import { type DiagnosticInit, HandoutError } from './diagnostics.js';
import { drawDocument } from './draw/document.js';
import { type PreparedPicture, preparePictures } from './images/pictures.js';
import { hyphenatorFor } from './layout/hyphenation.js';
import { layoutDocument } from './layout/layout.js';
import type { Hyphenator } from './layout/lines.js';
import { fontMeasurer } from './layout/measure.js';
import { restoreShaping } from './layout/shaping-cache.js';
import type { Page } from './layout/types.js';
import { parseMarkup } from './markup/parse.js';
import type { BlockNode } from './markup/tree.js';
import { loadTemplates, type Templates } from './template/environment.js';

export interface Project {
  root: string;
  library: Library;
  templates: Templates;
}

/** Load a project's library and templates once; render any number of handouts with it. */
export async function openProject(root: string): Promise<Project> {
  const absolute = path.resolve(root);
  const [library, templates] = await Promise.all([loadLibrary(absolute, brandProblems), loadTemplates(absolute)]);
  return { root: absolute, library, templates };
}

export interface RenderRequest {
  /**
   * The content: a handout or a client's programme, as the path of its file (relative
   * to the project) or as the object the file would hold.
   */
  handout: string | HandoutContent | ProgrammeContent;
  /** Brand id from content/brands/; a programme names its own, which this overrides. */
  brand?: string;
  /** PDF/A-2a for archiving, as well as PDF/UA-1. */
  archival?: boolean;
  variant?: Variant;
  /** The reader's language; a handout is printed in its own, a programme in any with labels. */
  language?: string;
  /** Also write the document as HTML or plain text (`html`, `text` in the result). */
  alternatives?: readonly Alternative[];
}

export type Alternative = 'html' | 'txt';

export interface RenderResult {
  pdf: Uint8Array;
  pages: Page[];
  /** The handout's or programme's id: the output file's name. */
  id: string;
  brand: Brand;
  language: string;
  /** What the reader gets less of than asked for, e.g. an exercise shown in Danish for want of a translation. */
  warnings: DiagnosticInit[];
  html?: string;
  text?: string;
  /** A handout's version and the short hash of the content that made it (also in its footer). */
  version?: string;
  hash?: string;
}

function picturesOf(blocks: readonly BlockNode[]): string[] {
  return blocks.flatMap((b): string[] => {
    switch (b.kind) {
      case 'figures':
        return b.items.map((f) => f.picture);
      case 'qr':
        return [pictureKey({ kind: 'qr', href: b.href })];
      case 'media':
        return [b.picture, ...picturesOf(b.children)];
      case 'card':
      case 'keep':
      case 'callout':
        return picturesOf(b.children);
      default:
        return [];
    }
  });
}

/**
 * SOURCE_DATE_EPOCH wins, as reproducible-build tools expect; else the document's
 * own date; else a fixed date, never the clock.
 */
function documentDate(iso: string | undefined): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== '') {
    const date = new Date(Number(epoch) * 1000);
    // The PDF's date is written with four year digits: 9999-12-31 is the last date it can hold.
    if (!/^\d{1,12}$/.test(epoch) || Number.isNaN(date.getTime()) || date.getUTCFullYear() > 9999)
      throw new HandoutError({
        file: 'SOURCE_DATE_EPOCH',
        message: `expected whole seconds since 1970-01-01, at most 253402300799 (the end of 9999); got "${epoch.slice(0, 40)}"`,
        hint: "unset it to use the document's own date",
      });
    return date;
  }
  return new Date(`${iso ?? '2000-01-01'}T00:00:00Z`);
}

function pictureAspect(pictures: ReadonlyMap<string, PreparedPicture>) {
  return (ref: string) => pictures.get(ref)?.aspect ?? 4 / 3;
}

/** What every kind of document (leaflet, catalogue, ...) hands to the shared stages. */
interface DocumentSource {
  template: string;
  view: object;
  language: string;
  title: string;
  subtitle?: string;
  keywords?: string;
  /** Left part of the footer on every page. */
  footer: string;
  /** A line in the header of every page: whose copy this is. */
  note?: string;
  date: Date;
  /** The file errors about the document's pictures are reported against. */
  file: string;
}

const hyphenatorCache = new Map<string, Promise<Hyphenator | undefined>>();
/** One hyphenator per language per process: its cache of split words is shared by every document. */
function hyphenators(language: string): Promise<Hyphenator | undefined> {
  let hyphenator = hyphenatorCache.get(language);
  if (!hyphenator) {
    hyphenator = hyphenatorFor(language);
    hyphenatorCache.set(language, hyphenator);
  }
  return hyphenator;
}

/** A problem with the logo is the brand file's, at its "logo" field. */
function logoPlace(library: Library, brand: Brand): Map<string, DiagnosticInit> {
  const doc = library.brands.get(brand.id)?.doc;
  return new Map(doc ? [[brand.logo, diagnosticAt(doc, ['logo'], '')]] : []);
}

/** Template -> markup -> document tree -> pictures -> layout -> PDF, for any document. */
async function renderDocument(
  project: Project,
  source: DocumentSource,
  brand: Brand,
  labels: Labels,
  options: { archival?: boolean; variant?: Variant; alternatives?: readonly Alternative[] },
) {
  const { library, templates, root } = project;
  const theme: Theme = themeFor(brand, options.variant);
  const markup = templates.render(source.template, { ...source.view, brand }, labels, source.language);
  const blocks = parseMarkup(`templates/${source.template}.hbs (rendered)`, markup);

  const fonts = loadFonts(theme.font);
  restoreShaping(root, fonts);
  const pictures = await preparePictures(
    [brand.logo, ...picturesOf(blocks)],
    {
      library,
      palette: { figure: theme.colour.primary, prop: '#8a8f98', accent: theme.colour.accent, floor: '#b0b4ba' },
      maxWidth: theme.frame.right - theme.frame.left,
      cacheDir: path.join(root, '.cache', 'images'),
    },
    { file: source.file },
    logoPlace(library, brand),
  );
  const aspect = pictureAspect(pictures);
  const measure = fontMeasurer(fonts);
  const layout = layoutDocument({
    blocks,
    theme,
    measure,
    aspect,
    hyphenate: await hyphenators(source.language),
    labels,
    furniture: {
      logo: { picture: brand.logo, alt: brand.organisation, aspect: aspect(brand.logo) },
      organisation: brand.organisation,
      department: brand.department,
      note: source.note,
      footer: source.footer,
      pageOf: (page, pages) => fillLabel(labels.pageOf, { page, pages }),
    },
  });
  if (layout.problems.length > 0) {
    throw new HandoutError(
      layout.problems.map((p) => ({
        file: source.file,
        message: p.message,
      })),
    );
  }
  const pdf = await drawDocument(layout, fonts, pictures, {
    title: source.title,
    author: brand.department ? `${brand.organisation}, ${brand.department}` : brand.organisation,
    subject: source.subtitle,
    keywords: source.keywords,
    language: languageTag(source.language),
    date: source.date,
    archival: options.archival,
  });
  // The accessible alternatives come from the same document tree: same content, order and numbering.
  const page = {
    title: source.title,
    language: languageTag(source.language),
    organisation: brand.organisation,
    footer: source.footer,
    labels,
  };
  const html = options.alternatives?.includes('html') ? documentHtml(blocks, theme, pictures, page) : undefined;
  const text = options.alternatives?.includes('txt') ? documentText(blocks, labels.picture) : undefined;
  return { pdf, pages: layout.pages, html, text };
}

/** How diagnostics name content given as an object: by its id, when it has one. */
function contentName(content: object): string {
  const id = (content as { id?: unknown }).id;
  return typeof id === 'string' ? `(content object "${id.slice(0, 60)}")` : '(content object)';
}

/** A handout or a programme, whichever the file holds. */
export async function render(project: Project, request: RenderRequest): Promise<RenderResult> {
  const doc =
    typeof request.handout === 'string'
      ? await readJson(project.root, path.resolve(project.root, request.handout))
      : objectDocument(contentName(request.handout), request.handout, MAX_CONTENT_BYTES);
  return renderJson(project, doc, request);
}

/**
 * A handout or a programme already read (or never saved: the studio's form), e.g.
 * `parseJson('content/programmes/p-1.json', text)`; `request.handout` is not read.
 */
export async function renderJson(
  project: Project,
  doc: JsonDocument,
  request: Omit<RenderRequest, 'handout'>,
): Promise<RenderResult> {
  const asked = request.language === undefined ? undefined : languageProblem(project.library, request.language);
  if (asked) throw new HandoutError({ file: doc.file, message: `cannot print it in the language asked for: ${asked}` });
  switch (documentKind(doc.value)) {
    case 'programme':
      return renderProgramme(project, doc, request);
    case 'handout':
      return renderLeaflet(project, doc, request);
  }
}

async function renderLeaflet(
  project: Project,
  doc: JsonDocument,
  request: Omit<RenderRequest, 'handout'>,
): Promise<RenderResult> {
  const { library } = project;
  const handout = validate(doc, HandoutSchema);
  if (request.language && request.language !== handout.language.slice(0, 2)) {
    throw new HandoutError({
      file: doc.file,
      message: `the handout is written in "${handout.language}", and there is no translation into "${request.language}"`,
      hint: 'handouts print in their own language; programmes and the catalogue can be printed in any language with labels',
    });
  }
  if (!request.brand)
    throw new HandoutError({
      file: doc.file,
      message: 'no brand given for the handout',
      hint: 'name one with --brand',
    });
  const brand = brandById(library, request.brand);
  const unknownLanguage = languageProblem(library, handout.language);
  if (unknownLanguage) throw new HandoutError(diagnosticAt(doc, ['language'], unknownLanguage));
  const labels = labelsFor(library, handout.language);
  const fileProblems = await handoutFileProblems(handout, doc, project.root, project.templates.names());
  if (fileProblems.length > 0) throw new HandoutError(fileProblems);
  const view = resolveHandout(handout, doc, library, labels);
  const { documentId, version } = handout.meta;
  // Which content made this copy: printed on every page, so a paper copy can be traced to its source.
  const hash = contentHash(view);
  const canonical = handout.url ?? (brand.web ? `${brand.web.replace(/\/$/, '')}/${handout.id}` : undefined);
  const result = await renderDocument(
    project,
    {
      template: handout.template,
      view: { handout: { ...view, hash, canonical } },
      language: handout.language,
      title: handout.title,
      subtitle: handout.subtitle,
      keywords: [documentId, `version ${version}`, hash].join(', '),
      footer: [
        `${labels.documentId} ${documentId}`,
        `${labels.version} ${version}`,
        `${labels.contentHash} ${hash}`,
        `${labels.phone} ${brand.phone}`,
      ].join(' · '),
      date: documentDate(handout.meta.date),
      file: doc.file,
    },
    brand,
    labels,
    request,
  );
  return {
    ...result,
    id: handout.id,
    brand,
    language: handout.language,
    warnings: glyphWarnings(doc, brand.font),
    version,
    hash,
  };
}

async function renderProgramme(
  project: Project,
  doc: JsonDocument,
  request: Omit<RenderRequest, 'handout'>,
): Promise<RenderResult> {
  const { library } = project;
  const programme = validate(doc, ProgrammeSchema);
  if (!project.templates.names().includes(programme.template)) {
    const names = project.templates.names();
    throw new HandoutError(
      diagnosticAt(
        doc,
        ['template'],
        `unknown template "${programme.template}"`,
        didYouMean(programme.template, names) ?? `known templates: ${names.join(', ')}`,
      ),
    );
  }
  const language = request.language ?? programme.language;
  const unknownLanguage = languageProblem(library, programme.language);
  if (unknownLanguage && !request.language) throw new HandoutError(diagnosticAt(doc, ['language'], unknownLanguage));
  const brand = request.brand ? brandById(library, request.brand) : brandAt(library, programme.brand, doc);
  const labels = labelsFor(library, language);
  const { view, warnings } = resolveProgramme(programme, doc, library, labels, language);
  const date = formatDate(programme.date, language);
  // The client's name goes on the page only: never into metadata, file names or logs.
  const title = labels.programmeTitle;
  const result = await renderDocument(
    project,
    {
      template: programme.template,
      view: { programme: view },
      language,
      title,
      subtitle: `${brand.organisation}, ${date}`,
      footer: [
        brand.organisation,
        `${labels.phone} ${brand.phone}`,
        ...(brand.web ? [brand.web.replace(/^https?:\/\//, '')] : []),
      ].join(' · '),
      note: `${programme.client} · ${date}`,
      date: documentDate(programme.date),
      file: doc.file,
    },
    brand,
    labels,
    request,
  );
  // A warning about the client's name would put (part of) the name in the log.
  const glyphs = glyphWarnings(doc, brand.font).filter((w) => w.path !== 'client');
  return { ...result, id: programme.id, brand, language, warnings: [...warnings, ...glyphs] };
}

/**
 * The exercise catalogue a clinic browses when it composes a programme: every
 * exercise of the library with its picture, purpose, default dose and tags.
 */
export async function renderCatalog(
  project: Project,
  request: { brand: string; language?: string; archival?: boolean; variant?: Variant },
): Promise<{ pdf: Uint8Array; pages: Page[] }> {
  const { library } = project;
  const brand = brandById(library, request.brand);
  const language = request.language ?? 'da';
  const unknownLanguage = languageProblem(library, language);
  if (unknownLanguage) throw new HandoutError({ file: 'content/labels', message: unknownLanguage });
  const labels = labelsFor(library, language);
  const problems = [
    ...[...library.broken].filter(([key]) => key.startsWith('exercises/')).flatMap(([, error]) => error.diagnostics),
    ...[...library.exercises.keys()].flatMap((id) => exercisePictureProblem(library, id) ?? []),
  ];
  if (problems.length > 0) throw new HandoutError(problems);
  const categories = catalogCategories(
    [...library.exercises.values()].map((e) => localise(e.value, language).exercise),
    labels,
  );
  const title = labels.catalogTitle;
  return renderDocument(
    project,
    {
      template: 'catalog',
      view: { title, count: library.exercises.size, categories },
      language,
      title,
      footer: [brand.organisation, `${labels.phone} ${brand.phone}`].join(' · '),
      date: documentDate(undefined),
      file: 'content/exercises',
    },
    brand,
    labels,
    request,
  );
}

/** One call from TypeScript: a handout file and a brand id in, PDF bytes out. */
export async function renderHandout(options: RenderRequest & { root?: string }): Promise<Uint8Array> {
  const project = await openProject(options.root ?? process.cwd());
  return (await render(project, options)).pdf;
}
