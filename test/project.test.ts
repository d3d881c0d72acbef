/**
 * A clinic's first hour: `handout init` in an empty folder, the package's own
 * templates, labels and exercises behind a project that has none, a project's
 * file replacing a packaged one by id, and a folder that is no project.
 */
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { handout, watch } from './helpers/cli.js';
import { readPdf } from './helpers/pdf.js';
import { filesBelow, ROOT } from './helpers/project.js';

const tempDir = () => mkdtemp(path.join(os.tmpdir(), 'handout-init-'));

async function pdfText(file: string): Promise<string> {
  const pdf = await readPdf(await readFile(file));
  return pdf.pages.map((p) => p.text).join('\n');
}

describe('handout init', () => {
  it('scaffolds a project whose $schema links resolve, and which builds with the packaged library', async () => {
    const dir = await tempDir();
    const init = await handout(dir, 'init', 'klinik');
    expect(init.code).toBe(0);
    const project = path.join(dir, 'klinik');
    const files = (await filesBelow(project)).sort();
    expect(files).toEqual(
      expect.arrayContaining([
        '.gitignore',
        'assets/logo.svg',
        'content/brands/min-klinik.json',
        'content/handouts/kom-godt-i-gang.json',
        'content/programmes/p-0001.json',
        'handouts.config.json',
        'schemas/programme.schema.json',
      ]),
    );
    // Only what the project owns: templates, labels and exercises come from the package.
    expect(files.filter((f) => /^(templates|content\/(exercises|labels|pictures))\//.test(f))).toEqual([]);
    expect((await readFile(path.join(project, '.gitignore'), 'utf8')).split('\n')).toEqual(
      expect.arrayContaining(['output/', '.cache/']),
    );
    for (const file of files.filter((f) => f.endsWith('.json') && !f.startsWith('schemas/'))) {
      const { $schema } = JSON.parse(await readFile(path.join(project, file), 'utf8')) as { $schema: string };
      const target = path.resolve(path.dirname(path.join(project, file)), $schema);
      await expect(readFile(target, 'utf8'), `${file} -> ${$schema}`).resolves.toContain('"$schema"');
    }

    expect(await handout(project, 'validate')).toMatchObject({ code: 0 });
    const build = await handout(project, 'build', '--all');
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    const leaflet = await pdfText(path.join(project, 'output/min-klinik/kom-godt-i-gang.pdf'));
    expect(leaflet).toContain('Kom godt i gang');
    // The name of a packaged exercise, and a packaged label.
    expect(leaflet).toContain('Vip med bækkenet');
    expect(leaflet).toContain('Side 1 af');
    const sheet = await handout(project, 'build', 'content/programmes/p-0001.json');
    expect(sheet.code).toBe(0);
    expect(await pdfText(path.join(project, 'output/min-klinik/p-0001.pdf'))).toContain('Hælen glider ud');
  });

  it('writes nothing when a file it would write is already there', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'content/brands'), { recursive: true });
    await writeFile(path.join(dir, 'content/brands/min-klinik.json'), 'mine');
    const init = await handout(dir, 'init');
    expect(init.code).toBe(2);
    expect(init.stderr).toContain('content/brands/min-klinik.json: already exists');
    expect(await readFile(path.join(dir, 'content/brands/min-klinik.json'), 'utf8')).toBe('mine');
    expect(await filesBelow(dir)).toEqual(['content/brands/min-klinik.json']);
  });
});

describe('packaged defaults', () => {
  it("a project's own exercise replaces the packaged one of the same id; its label file changes only the words it has", async () => {
    const dir = await tempDir();
    await handout(dir, 'init');
    const exercise = JSON.parse(await readFile(path.join(ROOT, 'content/exercises/pelvic-tilt.json'), 'utf8'));
    await mkdir(path.join(dir, 'content/exercises'));
    await writeFile(
      path.join(dir, 'content/exercises/pelvic-tilt.json'),
      JSON.stringify({ ...exercise, name: 'Klinikkens egen bækkenvip' }),
    );
    // One label changed; every other word still comes from the package.
    await mkdir(path.join(dir, 'content/labels'));
    await writeFile(path.join(dir, 'content/labels/da.json'), JSON.stringify({ pageOf: 'Ark {page}/{pages}' }));
    const build = await handout(dir, 'build', 'content/handouts/kom-godt-i-gang.json');
    expect(build.stderr).toBe('');
    const text = await pdfText(path.join(dir, 'output/min-klinik/kom-godt-i-gang.pdf'));
    expect(text).toContain('Klinikkens egen bækkenvip');
    expect(text).not.toContain('Vip med bækkenet');
    expect(text).toContain('Ark 1/');
    expect(text).not.toContain('Side 1 af');
    expect(text).toContain('Mængde:');
    expect(await handout(dir, 'validate')).toMatchObject({ code: 0 });
  });
});

describe('build --watch', () => {
  // What an editor or `sed -i` does: write a temporary file beside it and rename it over the file.
  async function saveAtomically(file: string, edit: (text: string) => string) {
    const temp = path.join(path.dirname(file), `.${path.basename(file)}.tmp-${process.pid}`);
    await writeFile(temp, edit(await readFile(file, 'utf8')));
    await rename(temp, file);
  }

  it('keeps seeing a file after atomic saves, in a project without templates/ of its own', {
    timeout: 240_000,
  }, async () => {
    const dir = await tempDir();
    await handout(dir, 'init');
    const { child, output, waitFor } = watch(dir, ['--all']);
    const file = path.join(dir, 'content/handouts/kom-godt-i-gang.json');
    try {
      expect(await waitFor(/watching/, 0)).toMatch(/1 built, 0 failed/);
      for (const words of ['Bevægelse hjælper dig', 'Bevægelse hjælper os']) {
        const mark = output().length;
        await saveAtomically(file, (t) => t.replace(/Bevægelse hjælper( dig)?/, words));
        // Only the file saved: the temporary copy renamed over it is no change.
        expect(await waitFor(/1 built, \d+ failed/, mark)).toMatch(
          /changed: content\/handouts\/kom-godt-i-gang\.json\n[\s\S]*1 built, 0 failed/,
        );
        expect(await pdfText(path.join(dir, 'output/min-klinik/kom-godt-i-gang.pdf'))).toContain(words);
      }
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill();
    }
  });

  it('starts without assets/, and builds once it is made', { timeout: 240_000 }, async () => {
    const dir = await tempDir();
    await handout(dir, 'init');
    const logo = await readFile(path.join(dir, 'assets/logo.svg'));
    await rm(path.join(dir, 'assets'), { recursive: true });
    const { child, output, waitFor } = watch(dir, ['--all']);
    try {
      expect(await waitFor(/watching/, 0)).toMatch(/0 built, 1 failed/);
      const mark = output().length;
      await mkdir(path.join(dir, 'assets'));
      await writeFile(path.join(dir, 'assets/logo.svg'), logo);
      expect(await waitFor(/\d+ built, \d+ failed/, mark)).toMatch(/1 built, 0 failed/);
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill();
    }
  });
});

describe('a folder that is no project', () => {
  it.each([['list'], ['validate'], ['check'], ['build', '--all']])(
    '%s in an empty folder fails with a hint to run handout init',
    async (...args) => {
      const dir = await tempDir();
      const result = await handout(dir, ...args);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('not a handout project: there is no content/ folder');
      expect(result.stderr).toContain('run `handout init`');
    },
  );

  it('--root naming a folder that does not exist fails, naming the folder', async () => {
    const result = await handout(ROOT, 'validate', '--root', '/does/not/exist');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('/does/not/exist: the project folder does not exist');
    expect(result.stderr).toContain('run `handout init /does/not/exist`');
  });
});
