/** The sample brands: nothing in a brand's own colours may look like the red-flag box or a hazard sign. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { themeFor } from '../../src/brand/theme.js';
import { brandById, brandIds } from '../../src/content/library.js';
import { openProject, type Project } from '../../src/pipeline.js';
import { ROOT } from '../helpers/project.js';

/** Hue in degrees (0 = red) and saturation 0-1 of #rrggbb. */
function hueOf(hex: string): { hue: number; saturation: number } {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const d = max - min;
  if (d === 0) return { hue: 0, saturation: 0 };
  const hue = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return { hue: (hue * 60 + 360) % 360, saturation: d / (1 - Math.abs(max + min - 1)) };
}

/** Reds and pinks: what the danger box and hazard signs are made of. */
function reddish(hex: string): boolean {
  const { hue, saturation } = hueOf(hex);
  return saturation > 0.25 && (hue < 15 || hue > 330);
}

let project: Project;
beforeAll(async () => {
  project = await openProject(ROOT);
});

describe('sample brands', () => {
  it('the danger box is red, so the test can tell', () => {
    const danger = themeFor(brandById(project.library, 'skovlund-sygehus')).colour.callout.danger;
    expect(reddish(danger.fill)).toBe(true);
    expect(reddish(danger.bar)).toBe(true);
  });

  it.each(['skovlund-sygehus', 'fysio-lindebakken', 'idraetsklinikken-kvik'])(
    '%s: cards, primary colour and logo are not red, so they never look like a red flag',
    (id) => {
      expect(brandIds(project.library)).toContain(id);
      const brand = brandById(project.library, id);
      const theme = themeFor(brand);
      expect(reddish(theme.colour.cardFill), 'card tint').toBe(false);
      expect(reddish(theme.colour.primary), 'primary').toBe(false);
      const svg = readFileSync(path.join(ROOT, brand.logo), 'utf8');
      const fills = [...svg.matchAll(/fill="(#[0-9a-fA-F]{6})"/g)].map((m) => m[1] as string);
      expect(fills.length).toBeGreaterThan(0);
      for (const fill of fills) expect(reddish(fill), `logo fill ${fill}`).toBe(false);
      // A triangle is the shape of a warning sign.
      expect(svg).not.toMatch(/<polygon points="[^"]*"/);
    },
  );
});
