/** Error messages that were unclear once, each as its author meets it. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../../src/content/json.js';
import { formatDiagnostic, HandoutError } from '../../src/diagnostics.js';
import { validateProject } from '../../src/validate.js';
import { copyProject, editFile } from '../helpers/project.js';

function diagnostics(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof HandoutError) return error.diagnostics.map(formatDiagnostic);
    throw error;
  }
  throw new Error('expected a HandoutError');
}

describe('messages a content author reads', () => {
  it('suggests the field that was meant, in objects, lists and blocks', async () => {
    const root = await copyProject();
    await editFile(root, 'content/handouts/smerter-i-ryggen.json', (t) =>
      t
        .replace('"subtitle"', '"subtitel"')
        .replace('"author"', '"autor"')
        .replace('"type": "list",\n          "items"', '"type": "list",\n          "itmes"'),
    );
    const lines = (await validateProject(root)).map(formatDiagnostic);
    expect(lines).toContain(
      'content/handouts/smerter-i-ryggen.json:5:3: subtitel: unknown field "subtitel" (did you mean "subtitle"?)',
    );
    expect(lines).toContain(
      'content/handouts/smerter-i-ryggen.json:13:5: meta.autor: unknown field "autor" (did you mean "author"?)',
    );
    expect(
      lines.some((l) => /sections\[2\]\.blocks\[1\]\.itmes: unknown field "itmes" \(did you mean "items"\?\)/.test(l)),
    ).toBe(true);
  });

  it('says which template construct is not closed, in plain words, where it can', async () => {
    const root = await copyProject();
    await writeFile(path.join(root, 'templates/a.hbs'), '<h1>{{title}}\n<p>x</p>\n');
    await writeFile(path.join(root, 'templates/b.hbs'), '{{#if x}}\n<p>a</p>\n');
    await writeFile(path.join(root, 'templates/c.hbs'), '<p>{{x}</p>\n');
    const lines = (await validateProject(root)).map(formatDiagnostic);
    expect(lines).toContain('templates/a.hbs:1:1: <h1> is not closed (add </h1>)');
    expect(lines).toContain(
      'templates/b.hbs:3:1: template syntax error: the template ends inside a block (a {{#if}}, {{#each}} or {{#unless}} has no closing {{/…}})',
    );
    expect(lines).toContain(
      'templates/c.hbs:1:7: template syntax error: an expression is not closed (every {{ needs its }})',
    );
  });

  it('gives one diagnostic for an unclosed string, and columns as an editor counts them after a byte-order mark', () => {
    expect(diagnostics(() => parseJson('f.json', '{\n  "a": "open,\n  "b": 1\n}'))).toHaveLength(1);
    expect(diagnostics(() => parseJson('f.json', '\ufeff{ "a": 1,, }'))).toEqual([
      'f.json:1:10: malformed JSON: property name expected (look for a trailing comma before } or ])',
    ]);
  });

  it('validates a file named on the command line wherever it is, and says when it does not exist', async () => {
    const root = await copyProject();
    await mkdir(path.join(root, 'drafts'));
    await writeFile(path.join(root, 'drafts/x.json'), '{ "id": "x" }');
    const lines = (
      await validateProject(root, [path.join(root, 'drafts/x.json'), path.join(root, 'drafts/nope.json')])
    ).map(formatDiagnostic);
    expect(lines).toContain('drafts/x.json:1:1: title: missing required field "title" (expected string)');
    expect(lines).toContain('drafts/nope.json: cannot read the file: it does not exist');
  });

  it('names the path when the output folder cannot be made because a file is in the way', async () => {
    const root = await copyProject();
    await writeFile(path.join(root, 'blocked'), 'a file, not a folder');
    const { build } = await import('../../src/cli/build.js');
    const report = await build(
      {
        root,
        files: [path.join(root, 'content/handouts/smerter-i-ryggen.json')],
        all: false,
        brand: ['skovlund-sygehus'],
        out: path.join(root, 'blocked'),
        pdfa: false,
        debug: false,
      },
      () => {},
    );
    expect(report.failures[0]?.message).toMatch(
      /blocked\/skovlund-sygehus\/smerter-i-ryggen\.pdf: cannot write the PDF: a file stands where a folder should be$/,
    );
  });

  it('checks the references of a handout that also has schema errors, in the same run', async () => {
    const root = await copyProject();
    await editFile(root, 'content/handouts/smerter-i-ryggen.json', (t) =>
      t.replace('"version": "1.2"', '"version": 1').replace('"exercise": "heel-slide"', '"exercise": "heel-slid"'),
    );
    const lines = (await validateProject(root)).map(formatDiagnostic);
    expect(lines).toContain(
      'content/handouts/smerter-i-ryggen.json:10:5: meta.version: expected string, received number',
    );
    expect(
      lines.some((l) =>
        /smerter-i-ryggen\.json:\d+:\d+: sections\[5\]\.blocks\[\d+\]\.items\[1\]\.exercise: unknown exercise "heel-slid" \(did you mean "heel-slide"\?\)/.test(
          l,
        ),
      ),
    ).toBe(true);
  });
});

describe('characters the font lacks', () => {
  it('are named in a warning when the handout is built', async () => {
    const root = await copyProject();
    await editFile(root, 'content/handouts/smerter-i-ryggen.json', (t) =>
      t.replace('"title": "Smerter i ryggen"', '"title": "Smerter i ryggen 💪"'),
    );
    const { openProject, render } = await import('../../src/pipeline.js');
    const result = await render(await openProject(root), {
      handout: 'content/handouts/smerter-i-ryggen.json',
      brand: 'skovlund-sygehus',
    });
    expect(result.warnings.map(formatDiagnostic)).toEqual([
      'content/handouts/smerter-i-ryggen.json:4:3: warning: title: the font cannot draw "💪" (U+1F4AA) (they would print as empty boxes; write them differently)',
    ]);
  });
});
