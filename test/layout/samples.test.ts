/** Every page of every sample, in every brand and variant: nothing drawn outside the text area. */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { VARIANTS } from '../../src/brand/theme.js';
import { openProject, render } from '../../src/pipeline.js';
import { ROOT } from '../helpers/project.js';
import { outside } from './layout-helpers.js';

const json = (dir: string) =>
  readdirSync(path.join(ROOT, dir))
    .filter((f) => f.endsWith('.json'))
    .map((f) => path.join(dir, f));
const brands = readdirSync(path.join(ROOT, 'content/brands')).map((f) => f.replace(/\.json$/, ''));
const documents = [
  ...json('content/handouts').flatMap((handout) => brands.map((brand) => ({ handout, brand }))),
  ...json('content/programmes').map((handout) => ({ handout, brand: undefined })),
];

describe('sample pages', () => {
  it.each(documents)(
    '$handout ($brand): content stays inside the text area on every page',
    async ({ handout, brand }) => {
      const project = await openProject(ROOT);
      for (const variant of VARIANTS) {
        const result = await render(project, { handout, brand, variant });
        // Atkinson Hyperlegible and Open Sans differ in height: the check uses the brand's own font.
        const problems = outside(result.pages, variant, result.brand.font);
        expect(problems.map(({ item, box }) => `${variant} ${item.kind} ${JSON.stringify(box)}`)).toEqual([]);
      }
    },
  );
});
