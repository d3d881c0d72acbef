import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonSchemaFiles } from '../../src/content/json-schemas.js';
import { ROOT } from '../helpers/project.js';

describe('schemas/', () => {
  it.each([...jsonSchemaFiles()])(
    '%s equals what the zod schema generates (run `npx handout schema` after changing a schema)',
    async (name, text) => {
      expect(await readFile(path.join(ROOT, 'schemas', name), 'utf8')).toBe(text);
    },
  );
});
