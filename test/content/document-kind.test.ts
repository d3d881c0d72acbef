import { describe, expect, it } from 'vitest';
import { documentKind } from '../../src/content/document-kind.js';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { validateProject } from '../../src/validate.js';
import { copyProject, editFile } from '../helpers/project.js';

describe('documentKind', () => {
  it('goes by the schema a file names, else by a client', () => {
    expect(documentKind({ $schema: '../../schemas/programme.schema.json', klient: 'x' })).toBe('programme');
    expect(documentKind({ $schema: '../../schemas/handout.schema.json', client: 'x' })).toBe('handout');
    expect(documentKind({ client: 'x' })).toBe('programme');
    expect(documentKind({ title: 'x' })).toBe('handout');
    expect(documentKind(null)).toBe('handout');
  });

  it('checks a programme with a mistyped "client" as a programme, so the one mistake is reported', async () => {
    const root = await copyProject();
    const file = 'content/programmes/p-2026-0142.json';
    await editFile(root, file, (text) => text.replace('"client":', '"klient":'));
    const problems = (await validateProject(root)).filter((p) => p.file === file).map(formatDiagnostic);
    expect(problems.sort()).toEqual([
      `${file}:1:1: client: missing required field "client" (expected string)`,
      `${file}:5:3: klient: unknown field "klient" (did you mean "client"?)`,
    ]);
  });
});
