/** The command line as a nurse or a CI job meets it: exit codes, messages, files left behind. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { handout, watch } from './helpers/cli.js';
import { copyProject, editFile, filesBelow, ROOT } from './helpers/project.js';

const LEAFLET = 'content/handouts/smerter-i-ryggen.json';

describe('handout build', () => {
  it('writes output/<brand>/<handout>.pdf', async () => {
    const root = await copyProject();
    const result = await handout(root, 'build', LEAFLET, '--brand', 'skovlund-sygehus', '--out', 'output');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(await filesBelow(path.join(root, 'output'))).toEqual(['skovlund-sygehus/smerter-i-ryggen.pdf']);
  });

  it.each([
    {
      broken: 'bad JSON',
      edit: (t: string) => t.replace('"title": "Smerter i ryggen",', '"title": "Smerter i ryggen",,'),
      expected: /content\/handouts\/smerter-i-ryggen\.json:4:\d+: malformed JSON/,
    },
    {
      broken: 'a wrong type',
      edit: (t: string) => t.replace('"version": "1.2"', '"version": 1'),
      expected: /content\/handouts\/smerter-i-ryggen\.json:10:\d+: meta\.version: expected string, received number/,
    },
    {
      broken: 'an unknown exercise id',
      edit: (t: string) => t.replace('"exercise": "heel-slide"', '"exercise": "heel-slidr"'),
      expected:
        /content\/handouts\/smerter-i-ryggen\.json:\d+:\d+: sections\[5\]\.blocks\[\d+\]\.items\[1\]\.exercise: unknown exercise "heel-slidr" \(did you mean "heel-slide"\?\)/,
    },
  ])('refuses $broken with file, path and line, exits 1 and leaves no PDF', async ({ edit, expected }) => {
    const root = await copyProject();
    await editFile(root, LEAFLET, edit);
    const result = await handout(root, 'build', LEAFLET, '--out', 'output');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(expected);
    expect(await filesBelow(path.join(root, 'output'))).toEqual([]);
  });

  it('goes on with the other handouts and lists every failure at the end', async () => {
    const root = await copyProject();
    await editFile(root, 'content/handouts/broken.json', () => '{ "id": "broken" ');
    const result = await handout(root, 'build', '--all', '--brand', 'skovlund-sygehus', '--out', 'output');
    expect(result.code).toBe(1);
    const good = (await readdir(path.join(ROOT, 'content/handouts'))).filter((f) => f.endsWith('.json'));
    expect(result.stdout).toContain(`${good.length} built, 1 failed`);
    expect(result.stderr).toMatch(/content\/handouts\/broken\.json:1:\d+: malformed JSON/);
    expect((await filesBelow(path.join(root, 'output'))).sort()).toEqual(
      good.map((f) => `skovlund-sygehus/${f.replace('.json', '.pdf')}`).sort(),
    );
  });

  it.each([
    ['an unknown command', ['bild'], 'handout: Unknown argument: bild'],
    ['no command', [], 'handout: name a command'],
    ['build without a file', ['build'], 'handout: name at least one handout file, or use --all'],
    ['an unknown option', ['build', '--all', '--brnad', 'x'], 'handout: Unknown argument: brnad'],
  ])('%s is a usage error: exit 2, the message and a one-line hint, not the whole help', async (_, args, message) => {
    const result = await handout(ROOT, ...args);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(message);
    expect(result.stderr).toContain('handout --help');
    expect(result.stderr).not.toContain('Options:');
    expect(result.stdout).toBe('');
  });

  it('exits 1 for a problem in the content, 2 when there is no project to read', async () => {
    const root = await copyProject();
    await editFile(root, LEAFLET, (t) => t.replace('"version": "1.2"', '"version": 1'));
    expect((await handout(root, 'validate')).code).toBe(1);
    expect((await handout(root, 'build', LEAFLET)).code).toBe(1);
    expect((await handout(root, 'validate', '--root', 'no-such-folder')).code).toBe(2);
    expect((await handout(root, 'build', '--all', '--root', 'no-such-folder')).code).toBe(2);
  });

  it('documents every command and option in --help', async () => {
    const result = await handout(ROOT, 'build', '--help');
    for (const option of ['--brand', '--out', '--all', '--root']) expect(result.stdout).toContain(option);
  });
});

describe('a brand that fails its checks', () => {
  it('is refused with the contrast it has and a colour that would pass, while other brands still build', async () => {
    const root = await copyProject();
    await editFile(root, 'content/brands/pale.json', () =>
      JSON.stringify(
        {
          id: 'pale',
          organisation: 'Bleg Klinik',
          address: 'Vej 1, 9999 By',
          phone: '12 12 12 12',
          logo: 'assets/logos/skovlund-sygehus.svg',
          colours: { primary: '#7fb3d5', accent: '#2e8b57' },
        },
        null,
        2,
      ),
    );
    const result = await handout(root, 'build', LEAFLET, '--out', 'output');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /content\/brands\/pale\.json:8:5: colours\.primary: contrast of headings and links on white paper is 2\.\d\d:1, below 4\.5:1 \(darken it, e\.g\. to #[0-9a-f]{6}\)/,
    );
    expect((await filesBelow(path.join(root, 'output'))).sort()).toEqual([
      'fysio-lindebakken/smerter-i-ryggen.pdf',
      'idraetsklinikken-kvik/smerter-i-ryggen.pdf',
      'skovlund-sygehus/smerter-i-ryggen.pdf',
    ]);
  });
});

describe('handout build --watch', () => {
  it('rebuilds only what a change affects, and keeps running after an error', async () => {
    const root = await copyProject();
    const leaflet = JSON.parse(await readFile(path.join(root, LEAFLET), 'utf8'));
    await editFile(root, 'content/handouts/hvile.json', () =>
      JSON.stringify({ ...leaflet, id: 'hvile', sections: leaflet.sections.slice(0, 1) }, null, 2),
    );
    const { child, output, waitFor } = watch(root, ['--all', '--brand', 'skovlund-sygehus', '--out', 'output']);
    try {
      const handouts = (await readdir(path.join(root, 'content/handouts'))).length;
      expect(await waitFor(/watching/, 0)).toMatch(new RegExp(`${handouts} built, 0 failed`));

      let mark = output().length;
      await editFile(root, 'content/exercises/heel-slide.json', (t) =>
        t.replace('Hælen glider ud', 'Hælen glider frem'),
      );
      const rebuilt = await waitFor(/\d+ built, \d+ failed/, mark);
      expect(rebuilt).toMatch(/built output\/skovlund-sygehus\/smerter-i-ryggen\.pdf/);
      expect(rebuilt).not.toMatch(/hvile\.pdf/);
      expect(rebuilt).toMatch(/1 built, 0 failed/);

      mark = output().length;
      await editFile(root, 'content/handouts/hvile.json', (t) => t.replace('"version": "1.2"', '"version": 1'));
      expect(await waitFor(/\d+ built, \d+ failed/, mark)).toMatch(
        /content\/handouts\/hvile\.json:\d+:\d+: meta\.version: expected string, received number[\s\S]*0 built, 1 failed/,
      );

      mark = output().length;
      await editFile(root, 'content/handouts/hvile.json', (t) => t.replace('"version": 1', '"version": "1.2"'));
      expect(await waitFor(/\d+ built, \d+ failed/, mark)).toMatch(
        /built output\/skovlund-sygehus\/hvile\.pdf[\s\S]*1 built, 0 failed/,
      );
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill();
    }
  });
});
