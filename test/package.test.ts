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
import { beforeAll, describe, expect, it } from 'vitest';
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

/** Where the tarball was packed and installed, once for the tests below. */
interface Installed {
  tmp: string;
  app: string;
  tool: string;
  paths: string[];
}

async function packAndInstall(): Promise<Installed> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'handout-pack-'));
  const packed = await run('npm', ['pack', '--json', '--pack-destination', tmp], { cwd: ROOT, maxBuffer: 1 << 26 });
  const [{ filename, files }] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as [
    { filename: string; files: { path: string }[] },
  ];
  const app = path.join(tmp, 'app');
  await mkdir(app);
  // The clinic's own package.json: --version must not print its version.
  await writeFile(path.join(app, 'package.json'), JSON.stringify({ name: 'klinik', version: '9.9.9', private: true }));
  const tool = await install(path.join(tmp, filename), app);
  return { tmp, app, tool, paths: files.map((f) => f.path) };
}

let installed: Installed;
beforeAll(async () => {
  installed = await packAndInstall();
}, 300_000);

describe('the packed package', () => {
  it('holds the tool and its defaults only, installs, inits a project and builds a PDF', {
    timeout: 300_000,
  }, async () => {
    const { app, tool, paths } = installed;
    expect(paths).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'dist/handout.js',
        'dist/cli.js',
        'dist/worker.js',
        'dist/src/index.d.ts',
        'templates/leaflet.hbs',
        'templates/partials/exercise.hbs',
        'content/labels/da.json',
        'content/exercises/pelvic-tilt.json',
        'content/pictures/pelvic-tilt.json',
        'starter/gitignore',
        'src/studio/page/index.html',
        'src/studio/page/studio.js',
      ]),
    );
    // No tests, benchmarks, sources (but the studio's page, served as it is), sample handouts or brands,
    // source maps of absent sources, an earlier tarball, or a startup snapshot (for the packing Node only).
    expect(
      paths.filter((p) =>
        /^(test|bench|src\/(?!studio\/page\/)|scripts|output|\.cache|dist\/(test|bench|scripts)|content\/(handouts|brands|programmes))\/|\.map$|\.tgz$|\.blob$|snapshot\.cjs$/.test(
          p,
        ),
      ),
    ).toEqual([]);

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

  it("compiles in a consumer's strict tsc without skipLibCheck, and renders content given as an object", {
    timeout: 300_000,
  }, async () => {
    const consumer = path.join(installed.tmp, 'consumer');
    await mkdir(path.join(consumer, 'node_modules/@types'), { recursive: true });
    // A consumer on Node has Node's types; everything else comes with the package and its dependencies.
    await symlink(path.join(installed.app, 'node_modules/handout'), path.join(consumer, 'node_modules/handout'), 'dir');
    await symlink(path.join(ROOT, 'node_modules/@types/node'), path.join(consumer, 'node_modules/@types/node'), 'dir');
    await writeFile(path.join(consumer, 'package.json'), JSON.stringify({ type: 'module', private: true }));
    await writeFile(
      path.join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noUncheckedIndexedAccess: true,
          exactOptionalPropertyTypes: true,
          skipLibCheck: false,
          outDir: 'out',
        },
        files: ['render.ts'],
      }),
    );
    await writeFile(path.join(consumer, 'render.ts'), CONSUMER);
    const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
    const compiled = await run(process.execPath, [tsc, '-p', consumer]).catch((e: { stdout: string }) => e);
    expect(compiled.stdout).toBe('');

    await handoutInit(installed, consumer);
    const rendered = await run(process.execPath, [path.join(consumer, 'out/render.js')], { cwd: consumer });
    expect(rendered.stdout).toBe('kom-godt-i-gang p-0002\n');
    const sheet = await readPdf(await readFile(path.join(consumer, 'p-0002.pdf')));
    expect(sheet.pages.map((p) => p.text).join('\n')).toContain('Bo Jensen');
  });
});

/** `handout init` in `dir`, with the installed package's command. */
async function handoutInit({ tool }: Installed, dir: string): Promise<void> {
  await run(process.execPath, [path.join(tool, 'dist/src/cli/main.js'), 'init'], { cwd: dir });
}

/** A clinic's script: a handout by its path, a programme its own system composed as an object. */
const CONSUMER = `import { writeFile } from 'node:fs/promises';
import { HandoutError, formatDiagnostic, openProject, render, type ProgrammeContent } from 'handout';

const project = await openProject('.');
const leaflet = await render(project, { handout: 'content/handouts/kom-godt-i-gang.json', brand: 'min-klinik' });
const programme: ProgrammeContent = {
  id: 'p-0002',
  brand: 'min-klinik',
  client: 'Bo Jensen',
  date: '2026-11-20',
  therapist: 'Mette',
  weeks: 2,
  exercises: [{ exercise: 'pelvic-tilt', note: 'Roligt.' }],
};
try {
  const sheet = await render(project, { handout: programme });
  const bytes: Uint8Array = sheet.pdf;
  await writeFile('p-0002.pdf', bytes);
  console.log(leaflet.id, sheet.id);
} catch (error) {
  if (error instanceof HandoutError) console.error(error.diagnostics.map(formatDiagnostic).join('\\n'));
  throw error;
}
`;
