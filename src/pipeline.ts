/**
 * The whole path from a handout file to PDF bytes, one stage after the other:
 * load -> render template -> parse markup -> prepare pictures -> layout -> draw.
 */
import path from 'node:path';
import { loadFonts } from './brand/fonts.js';
import { type Theme, themeFor } from './brand/theme.js';
import { loadHandout, resolveHandout } from './content/handout.js';
import { brandById, type Library, labelsFor, loadLibrary } from './content/library.js';
import type { Brand, Handout } from './content/schema.js';
import { drawDocument } from './draw/document.js';
import { type PreparedPicture, preparePictures } from './images/pictures.js';
import { layoutDocument } from './layout/layout.js';
import { fontMeasurer } from './layout/measure.js';
import type { Page } from './layout/types.js';
import type { BlockNode } from './markup/tree.js';
import { parseMarkup } from './markup/parse.js';
import { loadTemplates, type Templates } from './template/environment.js';

export interface Project {
  root: string;
  library: Library;
  templates: Templates;
}

/** Load a project's library and templates once; render any number of handouts with it. */
export async function openProject(root: string): Promise<Project> {
  const absolute = path.resolve(root);
  const [library, templates] = await Promise.all([loadLibrary(absolute), loadTemplates(absolute)]);
  return { root: absolute, library, templates };
}

export interface RenderRequest {
  /** Path of the handout's JSON file. */
  handout: string;
  /** Brand id from content/brands/. */
  brand: string;
  /** PDF/A-2a for archiving, as well as PDF/UA-1. */
  archival?: boolean;
}

export interface RenderResult {
  pdf: Uint8Array;
  pages: Page[];
  handout: Handout;
  brand: Brand;
}

function picturesOf(blocks: readonly BlockNode[]): string[] {
  return blocks.flatMap((b): string[] => {
    switch (b.kind) {
      case 'figures':
        return b.items.map((f) => f.picture);
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

/** SOURCE_DATE_EPOCH wins, as reproducible-build tools expect; else the handout's own date. */
function documentDate(handout: Handout): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date(`${handout.meta.date}T00:00:00Z`);
}

/** "da" -> "da-DK": the PDF's language names the region a reader expects. */
const REGIONS: Record<string, string> = { da: 'da-DK', en: 'en-GB', de: 'de-DE', sv: 'sv-SE', nb: 'nb-NO' };
function languageTag(language: string): string {
  return REGIONS[language] ?? language;
}

function pictureAspect(pictures: ReadonlyMap<string, PreparedPicture>) {
  return (ref: string) => pictures.get(ref)?.aspect ?? 4 / 3;
}

export async function render(project: Project, request: RenderRequest): Promise<RenderResult> {
  const { library, templates, root } = project;
  const { handout, doc } = await loadHandout(root, path.resolve(root, request.handout));
  const brand = brandById(library, request.brand);
  const labels = labelsFor(library, handout.language);
  const view = resolveHandout(handout, doc, library, labels);
  const theme: Theme = themeFor(brand);

  const markup = templates.render(handout.template, { handout: view, brand }, labels, handout.language);
  const blocks = parseMarkup(`templates/${handout.template}.hbs (rendered)`, markup);

  const fonts = loadFonts(theme.font);
  const pictures = await preparePictures(
    [brand.logo, ...picturesOf(blocks)],
    {
      library,
      palette: { figure: theme.colour.primary, prop: '#8a8f98', accent: theme.colour.accent, floor: '#b0b4ba' },
      maxWidth: theme.frame.right - theme.frame.left,
      cacheDir: path.join(root, '.cache', 'images'),
    },
    { file: doc.file },
  );
  const aspect = pictureAspect(pictures);
  const measure = fontMeasurer(fonts);
  const pageOf = labels.pageOf ?? 'Side {page} af {pages}';
  const footer = [
    `${labels.documentId ?? 'Dok.-id'} ${handout.meta.documentId}`,
    `${labels.version ?? 'Version'} ${handout.meta.version}`,
    `${labels.phone ?? 'Tlf.'} ${brand.phone}`,
  ].join(' · ');
  const layout = layoutDocument({
    blocks,
    theme,
    measure,
    aspect,
    furniture: {
      logo: { picture: brand.logo, alt: brand.organisation, aspect: aspect(brand.logo) },
      organisation: brand.organisation,
      department: brand.department,
      footer,
      pageOf: (page, count) => pageOf.replace('{page}', String(page)).replace('{pages}', String(count)),
    },
  });
  const pdf = await drawDocument(layout, fonts, pictures, {
    title: handout.title,
    author: brand.department ? `${brand.organisation}, ${brand.department}` : brand.organisation,
    subject: handout.subtitle,
    keywords: [handout.meta.documentId, `version ${handout.meta.version}`].join(', '),
    language: languageTag(handout.language),
    date: documentDate(handout),
    archival: request.archival,
  });
  return { pdf, pages: layout.pages, handout, brand };
}

/** One call from TypeScript: a handout file and a brand id in, PDF bytes out. */
export async function renderHandout(options: RenderRequest & { root?: string }): Promise<Uint8Array> {
  const project = await openProject(options.root ?? process.cwd());
  return (await render(project, options)).pdf;
}

