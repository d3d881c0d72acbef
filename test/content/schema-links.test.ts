/**
 * Every `$schema` link in the shipped content resolves to a schema `handout schema`
 * writes, and every content file passes that schema under an independent validator
 * (ajv), so an editor never flags a file the tool accepts, nor the other way round.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { jsonSchemaFiles } from '../../src/content/json-schemas.js';
import { filesBelow, ROOT } from '../helpers/project.js';

const generated = jsonSchemaFiles();
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
for (const [name, text] of generated) ajv.addSchema(JSON.parse(text), name);

/** A project the package ships, its root and the JSON files in it that are content. */
const PROJECTS = [
  { root: ROOT, dirs: ['content'], files: ['handouts.config.json'] },
  // `handout init` copies starter/ to a project's root and writes schemas/ beside it.
  { root: path.join(ROOT, 'starter'), dirs: ['content'], files: ['handouts.config.json'] },
];

async function contentFiles(): Promise<{ root: string; file: string }[]> {
  const out: { root: string; file: string }[] = [];
  for (const { root, dirs, files } of PROJECTS) {
    for (const dir of dirs) {
      for (const file of await filesBelow(path.join(root, dir)))
        if (file.endsWith('.json')) out.push({ root, file: path.join(dir, file) });
    }
    for (const file of files) out.push({ root, file });
  }
  return out;
}

const files = await contentFiles();

/** The generated schema a `$schema` link names, or why it names none. */
function schemaOf(root: string, file: string, link: unknown): string {
  if (typeof link !== 'string') throw new Error(`${file} has no "$schema"`);
  const target = path.relative(root, path.resolve(path.dirname(path.join(root, file)), link));
  const name = path.basename(target);
  if (target !== path.join('schemas', name) || !generated.has(name))
    throw new Error(`${file}: "$schema": "${link}" names no schema \`handout schema\` writes`);
  return name;
}

function problems(name: string, value: unknown): string[] {
  const check = ajv.getSchema(name);
  if (!check) throw new Error(`no schema ${name}`);
  return check(value) ? [] : (check.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}

describe('$schema links', () => {
  it('the projects hold content of every kind', () => {
    const kinds = new Set(files.map(({ file }) => file.split(path.sep)[1] ?? file));
    expect([...kinds].sort()).toEqual(
      ['brands', 'exercises', 'handouts', 'handouts.config.json', 'labels', 'pictures', 'programmes'].sort(),
    );
  });

  it.each(files.map(({ root, file }) => [path.relative(ROOT, path.join(root, file)), root, file]))(
    '%s names a generated schema and passes it',
    async (_, root, file) => {
      const value: unknown = JSON.parse(await readFile(path.join(root, file), 'utf8'));
      const name = schemaOf(root, file, (value as { $schema?: unknown }).$schema);
      expect(problems(name, value)).toEqual([]);
      // As the tool does, the schema refuses a key it does not know (a typo an editor should flag).
      expect(problems(name, { ...(value as object), 'not a key': true })).not.toEqual([]);
    },
  );

  it('the authoring fixture, copied into projects as a handout, passes the handout schema', async () => {
    const value: unknown = JSON.parse(await readFile(path.join(ROOT, 'test/fixtures/authoring/base.json'), 'utf8'));
    expect(problems('handout.schema.json', value)).toEqual([]);
  });

  it('refuses what the tool refuses: a schema error is found', () => {
    expect(problems('programme.schema.json', { id: 'P 1' })).not.toEqual([]);
  });
});
