/**
 * The brand check against what is drawn: every text the templates put on a fill
 * (white paper, the card and table tint, the callout tints, the primary colour)
 * reaches 4.5:1 with any brand the check lets through.
 */
import { describe, expect, it } from 'vitest';
import { contrast } from '../../src/brand/colour.js';
import type { Page, PlacedItem, RectItem } from '../../src/layout/types.js';
import { openProject, render } from '../../src/pipeline.js';
import { copyProject, editFile } from '../helpers/project.js';

const REQUESTS = [
  { handout: 'content/handouts/loeb-med-rygsmerter.json', brand: 'skovlund-sygehus' },
  { handout: 'content/programmes/p-2026-0142.json', brand: 'skovlund-sygehus' },
];

async function projectWithPrimary(primary: string) {
  const root = await copyProject();
  await editFile(root, 'content/brands/skovlund-sygehus.json', (text) =>
    text.replace(/"primary": "#[0-9a-f]{6}"/, `"primary": "${primary}"`),
  );
  return openProject(root);
}

function contains(rect: RectItem, item: Extract<PlacedItem, { kind: 'text' }>): boolean {
  const cx = item.x + item.width / 2;
  const cy = item.y + item.size / 2;
  return cx > rect.x && cx < rect.x + rect.width && cy > rect.y && cy < rect.y + rect.height;
}

/** Each text item with the fill it is drawn on: the last filled shape under it, else the white page. */
function textOnFill(page: Page): { text: string; colour: string; fill: string }[] {
  const out: { text: string; colour: string; fill: string }[] = [];
  page.items.forEach((item, i) => {
    if (item.kind !== 'text' || item.text.trim() === '') return;
    const under = page.items
      .slice(0, i)
      .filter((r): r is RectItem => r.kind === 'rect' && r.fill !== undefined && contains(r, item))
      .at(-1);
    out.push({ text: item.text, colour: item.colour, fill: under?.fill ?? '#ffffff' });
  });
  return out;
}

describe('the brand contrast check', () => {
  it('refuses a grey that passes on white but not on the tints, and what it suggests reads at 4.5:1 everywhere', async () => {
    // #767676 is 4.54:1 on white; on the callout and card tints links would print at about 4:1.
    const grey = await projectWithPrimary('#767676');
    const refused = await render(grey, REQUESTS[0] as (typeof REQUESTS)[0]).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(refused?.message).toMatch(/contrast of links and list bullets on the info callout's tint is [34]\.\d\d:1/);
    const suggested = /darken it, e\.g\. to (#[0-9a-f]{6})/.exec(refused?.message ?? '')?.[1];
    expect(suggested).toBeDefined();

    const project = await projectWithPrimary(suggested as string);
    const fills = new Set<string>();
    for (const request of REQUESTS) {
      const { pages } = await render(project, request);
      for (const page of pages)
        for (const { text, colour, fill } of textOnFill(page)) {
          fills.add(fill);
          expect(contrast(colour, fill), `"${text}" ${colour} on ${fill}`).toBeGreaterThanOrEqual(4.5);
        }
    }
    // White, the primary (number badges), the card tint and the callout tints were all checked.
    expect(fills.size).toBeGreaterThanOrEqual(4);
  });
});
