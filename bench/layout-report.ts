/**
 * `npm run layout-report`: page economy of the sample leaflets. Prints, per leaflet and
 * variant (hospital brand): pages, mean fill, pages under 60 % full (the last page does
 * not count) and any content outside the text area, then why each page ends: the rule that
 * moved the rest on (`full`, `page-break`, `keep-together`, `keep-with-next`, `orphans`,
 * `picture`), the words that start the next page and the room left. Asserts nothing.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFonts } from '../src/brand/fonts.js';
import { themeFor, VARIANTS } from '../src/brand/theme.js';
import { overflowingItems, pageFill, type TextArea } from '../src/layout/extent.js';
import { fontMeasurer } from '../src/layout/measure.js';
import { openProject, render } from '../src/pipeline.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const BRAND = process.argv[2] ?? 'skovlund-sygehus';
const percent = (x: number) => `${(x * 100).toFixed(0)}%`.padStart(5);

const project = await openProject(root);
const handouts = (await readdir(path.join(root, 'content/handouts'))).filter((f) => f.endsWith('.json')).sort();
console.log(`brand ${BRAND}; fill = lowest content over text-area height\n`);
console.log(`${'handout'.padEnd(28)}${'variant'.padEnd(13)}pages   mean  <60%  overflow  fills`);
const totals = new Map<string, number>();
const ends: string[] = [];
for (const variant of VARIANTS) {
  for (const file of handouts) {
    const result = await render(project, { handout: path.join('content/handouts', file), brand: BRAND, variant });
    const theme = themeFor(result.brand, variant);
    const measure = fontMeasurer(loadFonts(theme.font));
    const area: TextArea = {
      left: theme.frame.left,
      top: theme.frame.top,
      width: theme.frame.right - theme.frame.left,
      height: theme.frame.bottom - theme.frame.top,
    };
    const fills = result.pages.map((p) => pageFill(p, area, measure.height));
    const under = fills.slice(0, -1).filter((f) => f < 0.6).length;
    const overflow = result.pages.reduce((n, p) => n + overflowingItems(p, area, measure.height).length, 0);
    const mean = fills.reduce((a, b) => a + b, 0) / fills.length;
    totals.set(variant, (totals.get(variant) ?? 0) + fills.length);
    const label = `${file.replace('.json', '')} ${variant}`;
    for (const p of result.pages)
      if (p.end)
        ends.push(`${label} p${p.number}: ${p.end.rule}, ${p.end.room.toFixed(0)} pt left, next «${p.end.next}»`);
    console.log(
      `${file.replace('.json', '').padEnd(28)}${variant.padEnd(13)}${String(fills.length).padStart(5)}  ${percent(mean)} ${String(under).padStart(5)} ${String(overflow).padStart(9)}  ${fills.map((f) => (f * 100).toFixed(0)).join(' ')}`,
    );
  }
}
console.log(`\nwhy each page ends:\n${ends.join('\n')}`);
console.log(`\ntotal pages: ${[...totals].map(([v, n]) => `${v} ${n}`).join(', ')}`);
