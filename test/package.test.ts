/**
 * The package as a clinic gets it: `npm pack`, installed into a folder of its
 * own, `handout init`, `handout build`, and the PDF read back. The test machine
 * may be offline, so "installed" is the tarball unpacked into node_modules/handout
 * beside the production dependencies of the lockfile (linked from this checkout);
 * yargs is copied, not linked, because where it lies decides which package.json
 * it would take the version from.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rename, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readPdf } from './helpers/pdf.js';
import { ROOT } from './helpers/project.js';

const run = promisify(execFile);

interface Lockfile {
  packages: Record<string, { dev?: boolean }>;
}

/** Unpack the tarball as npm would install it into `app`, with the production dependencies beside it. */
async function install(tarball: string, app: string): Promise<string> {
  const modules = path.join(app, 'node_modules');
  await mkdir(modules, { recursive: true });
  await run('tar', ['-xzf', tarball, '-C', modules]);
  await rename(path.join(modules, 'package'), path.join(modules, 'handout'));
  const lock = JSON.parse(await readFile(path.join(ROOT, 'package-lock.json'), 'utf8')) as Lockfile;
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (entry.dev || !/^node_modules\/(@[^/]+\/)?[^/]+$/.test(key) || !existsSync(path.join(ROOT, key))) continue;
    await mkdir(path.dirname(path.join(app, key)), { recursive: true });
    if (key === 'node_modules/yargs') await cp(path.join(ROOT, key), path.join(app, key), { recursive: true });
    else await symlink(path.join(ROOT, key), path.join(app, key), 'dir');
  }
  return path.join(modules, 'handout');
}

describe('the packed package', () => {
  it('holds the tool and its defaults only, installs, inits a project and builds a PDF', {
    timeout: 300_000,
  }, async () => {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'handout-pack-'));
    const packed = await run('npm', ['pack', '--json', '--pack-destination', tmp], { cwd: ROOT, maxBuffer: 1 << 26 });
    const [{ filename, files }] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as [
      { filename: string; files: { path: string }[] },
    ];
    const paths = files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'dist/handout.js',
        'dist/worker.js',
        'dist/src/index.d.ts',
        'templates/leaflet.hbs',
        'templates/partials/exercise.hbs',
        'content/labels/da.json',
        'content/exercises/pelvic-tilt.json',
        'content/pictures/pelvic-tilt.json',
        'starter/gitignore',
      ]),
    );
    // No tests, benchmarks, sample handouts or brands, source maps of absent sources, or an earlier tarball.
    expect(
      paths.filter((p) =>
        /^(test|bench|src|scripts|output|\.cache|dist\/(test|bench|scripts)|content\/(handouts|brands|programmes))\/|\.map$|\.tgz$/.test(
          p,
        ),
      ),
    ).toEqual([]);

    const app = path.join(tmp, 'app');
    await mkdir(app);
    // The clinic's own package.json: --version must not print its version.
    await writeFile(
      path.join(app, 'package.json'),
      JSON.stringify({ name: 'klinik', version: '9.9.9', private: true }),
    );
    const tool = await install(path.join(tmp, filename), app);
    const { version } = JSON.parse(await readFile(path.join(tool, 'package.json'), 'utf8')) as { version: string };
    const cli = path.join(tool, 'dist/handout.js');
    const handout = (cwd: string, ...args: string[]) =>
      run(process.execPath, [cli, ...args], { cwd, env: { ...process.env, FORCE_COLOR: '0' } });

    expect((await handout(app, '--version')).stdout).toBe(`${version}\n`);
    await handout(app, 'init', 'klinik');
    const project = path.join(app, 'klinik');
    expect(await readFile(path.join(project, '.gitignore'), 'utf8')).toContain('output/');
    // A logo with text is drawn by svg-to-pdfkit in a standard font, and PDF/A embeds a colour
    // profile: both are files pdfkit finds beside itself, and so beside the bundle it is in.
    await writeFile(
      path.join(project, 'assets/logo.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 80"><text x="8" y="50" font-size="30">Min Klinik</text></svg>',
    );
    const build = await handout(project, 'build', '--all', '--pdfa');
    expect(build.stderr).toBe('');
    const pdf = await readPdf(await readFile(path.join(project, 'output/min-klinik/kom-godt-i-gang.pdf')));
    const text = pdf.pages.map((p) => p.text).join('\n');
    expect(text).toContain('Kom godt i gang');
    expect(text).toContain('Vip med bækkenet');
    // A batch renders on worker threads, which run the worker's own bundle: it must be in the package.
    const batch = await handout(project, 'batch');
    expect(batch.stdout).toMatch(/ built, 0 unchanged, 0 failed/);
    await readFile(path.join(project, 'output/min-klinik/da/kom-godt-i-gang.pdf'));
  });
});
