/** Lay out markup written in a test with the real fonts and theme, and read the pages back. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type FontFamilyId, loadFonts } from '../../src/brand/fonts.js';
import { themeFor, type Variant } from '../../src/brand/theme.js';
import type { Labels } from '../../src/content/labels.js';
import type { Brand } from '../../src/content/schema.js';
import { overflowingItems, type TextArea } from '../../src/layout/extent.js';
import { layoutDocument } from '../../src/layout/layout.js';
import { fontMeasurer } from '../../src/layout/measure.js';
import type { Page, PlacedItem } from '../../src/layout/types.js';
import { parseMarkup } from '../../src/markup/parse.js';
import { ROOT } from '../helpers/project.js';

const labels = JSON.parse(readFileSync(path.join(ROOT, 'content/labels/da.json'), 'utf8')) as Labels;
const brand = JSON.parse(readFileSync(path.join(ROOT, 'content/brands/skovlund-sygehus.json'), 'utf8')) as Brand;
export const measure = fontMeasurer(loadFonts(brand.font));

export function areaOf(variant: Variant = 'standard'): TextArea {
  const { frame } = themeFor(brand, variant);
  return { left: frame.left, top: frame.top, width: frame.right - frame.left, height: frame.bottom - frame.top };
}

/** Pictures named `tall` stand 1:10; every other picture is 3:2. */
export function layoutMarkup(markup: string, variant: Variant = 'standard') {
  return layoutDocument({
    blocks: parseMarkup('test.hbs', markup),
    theme: themeFor(brand, variant),
    measure,
    aspect: (picture) => (picture.includes('tall') ? 0.1 : 1.5),
    furniture: {
      logo: { picture: brand.logo, alt: '', aspect: 3 },
      organisation: brand.organisation,
      footer: 'Dok.-id TEST',
      pageOf: (page, pages) => `Side ${page} af ${pages}`,
    },
    labels,
  });
}

export function content(page: Page | undefined): PlacedItem[] {
  return (page?.items ?? []).filter((i) => !i.artifact);
}

/** A page's text lines, top to bottom (fragments of one line joined). */
export function lines(page: Page | undefined): string[] {
  const rows = new Map<number, { x: number; text: string }[]>();
  for (const item of content(page)) {
    if (item.kind !== 'text') continue;
    const y = Math.round(item.y);
    rows.set(y, [...(rows.get(y) ?? []), { x: item.x, text: item.text }]);
  }
  return [...rows.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, parts]) =>
      parts
        .sort((a, b) => a.x - b.x)
        .map((p) => p.text)
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
}

/** The filled rects of a page (frames, table cells, callout bars). */
export function rects(page: Page | undefined, fill?: string) {
  return content(page).filter((i) => i.kind === 'rect' && (fill === undefined || i.fill === fill));
}

/** Everything drawn outside the text area, on any page (text measured in the given font). */
export function outside(pages: Page[], variant: Variant = 'standard', font: FontFamilyId = brand.font) {
  const fontMeasure = font === brand.font ? measure : fontMeasurer(loadFonts(font));
  return pages.flatMap((p) => overflowingItems(p, areaOf(variant), fontMeasure.height));
}

/** Words of running text, n of them: "ord1 ord2 …". */
export function words(n: number, stem = 'ord'): string {
  return Array.from({ length: n }, (_, i) => `${stem}${i + 1}`).join(' ');
}
