import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { brandProblems } from '../../src/brand/check.js';
import { fillLabel, LABEL_KEYS, type Labels } from '../../src/content/labels.js';
import { labelsFor, loadLibrary } from '../../src/content/library.js';
import { copyProject, editFile, ROOT } from '../helpers/project.js';

const read = async (language: string) =>
  JSON.parse(await readFile(path.join(ROOT, 'content/labels', `${language}.json`), 'utf8')) as Record<string, string>;

describe('labels', () => {
  it("the labels code may print are exactly da.json's (its tags and the studio's words aside), and en.json has every one", async () => {
    const da = await read('da');
    const fixed = Object.keys(da).filter((k) => k !== '$schema' && !/^(tag|studio)[A-Z]/.test(k));
    expect([...LABEL_KEYS]).toEqual(fixed);
    const en = await read('en');
    expect(LABEL_KEYS.filter((k) => !en[k])).toEqual([]);
  });

  it('a label the code names that da.json lacks does not compile', () => {
    const labels = {} as Labels;
    // @ts-expect-error: "pageNumber" is no label; typecheck fails if this line ever compiles.
    expect(labels.pageNumber).toBeUndefined();
    expect(labels.tagLaend).toBeUndefined();
  });

  it("a project's label file that leaves the package's words out still gets them", async () => {
    const root = await copyProject();
    await editFile(root, 'content/labels/da.json', () => JSON.stringify({ pageOf: 'Ark {page}/{pages}' }));
    const library = await loadLibrary(root, brandProblems);
    expect(labelsFor(library, 'da').pageOf).toBe('Ark {page}/{pages}');
    expect(labelsFor(library, 'da').phone).toBe('Tlf.');
  });

  it('fills placeholders by name and leaves unknown ones', () => {
    expect(fillLabel('Side {page} af {pages}', { page: 1, pages: 4 })).toBe('Side 1 af 4');
    expect(fillLabel('Ring {number} {x}', { number: '12 34' })).toBe('Ring 12 34 {x}');
  });
});
