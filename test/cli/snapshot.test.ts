/**
 * dist/handout.js as a checkout runs it: from the startup snapshot `npm run build`
 * took for this Node, or, when Node is given a V8 flag, from the bundle dist/cli.js
 * (as an installed package always does). Needs `npm run build` (which `npm ci` runs).
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { snapshotFile, startsWarm } from '../../src/cli/launch.js';
import { readPdf } from '../helpers/pdf.js';
import { copyProject, editFile, filesBelow, ROOT } from '../helpers/project.js';

const execFileAsync = promisify(execFile);

type Start = 'snapshot' | 'bundle';
/** Node given a V8 flag cannot use the snapshot, which was taken without it. */
const ENV: Record<Start, NodeJS.ProcessEnv> = {
  snapshot: { ...process.env, FORCE_COLOR: '0', NODE_OPTIONS: '' },
  bundle: { ...process.env, FORCE_COLOR: '0', NODE_OPTIONS: '--max-old-space-size=4096' },
};

function handout(start: Start, cwd: string, ...args: string[]) {
  return handoutOf(ROOT, start, cwd, ...args);
}

/** `handout <args>` as the checkout at `checkout` runs it. */
async function handoutOf(checkout: string, start: Start, cwd: string, ...args: string[]) {
  try {
    const bin = path.join(checkout, 'dist/handout.js');
    const { stdout, stderr } = await execFileAsync(process.execPath, [bin, ...args], { cwd, env: ENV[start] });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(() => {
  expect(existsSync(snapshotFile(path.join(ROOT, 'dist'))), 'run `npm run build` first').toBe(true);
});

describe('handout started from its snapshot', { timeout: 120_000 }, () => {
  it('writes the same bytes as the bundle, for documents the snapshot rendered when it was taken and others', async () => {
    const commands = [
      ['build', 'content/handouts/smerter-i-ryggen.json', '--brand', 'skovlund-sygehus'],
      ['build', 'content/programmes/p-2026-0142.json'],
      ['build', '--all', '--brand', 'idraetsklinikken-kvik', '--variant', 'large-print'],
      ['build', 'content/programmes/p-2026-0157.json', '--lang', 'en', '--format', 'pdf', 'html', 'txt'],
      ['build', 'content/handouts/smerter-i-ryggen.json', '--brand', 'fysio-lindebakken', '--pdfa'],
      ['catalog', '--brand', 'skovlund-sygehus'],
    ];
    const outputs: Record<Start, Map<string, Buffer>> = { snapshot: new Map(), bundle: new Map() };
    for (const start of ['snapshot', 'bundle'] as const) {
      const project = await copyProject();
      for (const command of commands) {
        const { code, stderr } = await handout(start, project, ...command, '--out', 'out');
        expect({ command, code, stderr }).toEqual({ command, code: 0, stderr: '' });
      }
      for (const file of await filesBelow(path.join(project, 'out')))
        outputs[start].set(file, await readFile(path.join(project, 'out', file)));
    }
    expect(outputs.snapshot.size).toBe(12);
    expect([...outputs.snapshot.keys()].sort()).toEqual([...outputs.bundle.keys()].sort());
    for (const [file, bytes] of outputs.snapshot)
      expect(bytes.equals(outputs.bundle.get(file) as Buffer), file).toBe(true);
  });

  it('sees content, templates and pictures edited after it was taken', async () => {
    const pdfs: Record<Start, Buffer> = {} as Record<Start, Buffer>;
    for (const start of ['snapshot', 'bundle'] as const) {
      const project = await copyProject();
      await editFile(project, 'content/handouts/smerter-i-ryggen.json', (t) =>
        t.replace('"Smerter i ryggen"', '"Ondt i ryggen"'),
      );
      await editFile(project, 'templates/leaflet.hbs', (t) =>
        t.replace('<h1>{{handout.title}}</h1>', '<h1>Pjece: {{handout.title}}</h1>'),
      );
      // The bed of the first rest position, a little longer.
      await editFile(project, 'content/pictures/rest-supine-pillow-knees.json', (t) =>
        t.replace('"width": 362', '"width": 370'),
      );
      const args = ['build', 'content/handouts/smerter-i-ryggen.json', '--brand', 'skovlund-sygehus', '--out', 'out'];
      expect(await handout(start, project, ...args)).toMatchObject({ code: 0, stderr: '' });
      pdfs[start] = await readFile(path.join(project, 'out/skovlund-sygehus/smerter-i-ryggen.pdf'));
    }
    // The bundle reads every file afresh: the same bytes mean the snapshot kept nothing of the samples as they were.
    expect(pdfs.snapshot.equals(pdfs.bundle)).toBe(true);
    expect((await readPdf(pdfs.snapshot)).pages[0]?.text).toContain('Pjece: Ondt i ryggen');
  });

  it("takes options before the command as handout's, not node's", async () => {
    const project = await copyProject();
    const handoutFile = path.join(project, 'content/handouts/smerter-i-ryggen.json');
    const args = ['--root', project, 'build', handoutFile, '--brand', 'skovlund-sygehus'];
    expect(await handout('snapshot', os.tmpdir(), ...args, '--out', path.join(project, 'out'))).toMatchObject({
      code: 0,
      stderr: '',
    });
    expect(existsSync(path.join(project, 'out/skovlund-sygehus/smerter-i-ryggen.pdf'))).toBe(true);
    expect((await handout('snapshot', project, 'build', '--help')).stdout).toContain('handout build [files..]');
  });

  it('passes on its diagnostics and exit code', async () => {
    const project = await copyProject();
    const { code, stderr } = await handout('snapshot', project, 'build', 'content/handouts/smerter-i-ryggn.json');
    expect(code).toBe(1);
    expect(stderr).toContain('content/handouts/smerter-i-ryggn.json: cannot read the file: it does not exist');
  });

  it('starts the commands that render from it, and no other', () => {
    expect(startsWarm(['build', 'content/handouts/a.json'])).toBe(true);
    expect(startsWarm(['--root', 'batch', 'build'])).toBe(true);
    expect(startsWarm(['catalog', '--brand', 'b'])).toBe(true);
    expect(startsWarm(['--version'])).toBe(false);
    expect(startsWarm(['validate'])).toBe(false);
    expect(startsWarm(['batch', '--jobs', '2'])).toBe(false);
    expect(startsWarm(['--root', 'build', '--debug', 'batch'])).toBe(false);
  });

  it('would run a batch on worker threads, should one start from it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'handout-snapshot-'));
    await handout('snapshot', dir, 'init', 'klinik');
    const blob = snapshotFile(path.join(ROOT, 'dist'));
    const { stdout } = await execFileAsync(process.execPath, ['--snapshot-blob', blob, '--', 'batch'], {
      cwd: path.join(dir, 'klinik'),
      env: ENV.snapshot,
    });
    expect(stdout).toMatch(/2 built, 0 unchanged, 0 failed/);
  });

  it('builds a handout whose logo is a raster picture (sharp, outside the bundle), either way', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'handout-snapshot-'));
    await handout('snapshot', dir, 'init', 'klinik');
    const project = path.join(dir, 'klinik');
    await sharp({ create: { width: 240, height: 80, channels: 3, background: '#2a6f97' } })
      .png()
      .toFile(path.join(project, 'assets/logo.png'));
    const brandFile = path.join(project, 'content/brands/min-klinik.json');
    await writeFile(brandFile, (await readFile(brandFile, 'utf8')).replace('assets/logo.svg', 'assets/logo.png'));
    for (const start of ['snapshot', 'bundle'] as const) {
      const out = `out-${start}`;
      expect(await handout(start, project, 'build', '--all', '--out', out)).toMatchObject({ code: 0, stderr: '' });
      const pdf = await readFile(path.join(project, out, 'min-klinik/kom-godt-i-gang.pdf'));
      const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
      const ops = await (await doc.getPage(1)).getOperatorList();
      await doc.destroy();
      expect(ops.fnArray).toContain(OPS.paintImageXObject);
    }
  });

  it('builds in the process node was started as, when node was given options of its own', async () => {
    // A profile asked of node must be of the build, not of a process that only started another.
    const project = await copyProject();
    const profiles = await mkdtemp(path.join(os.tmpdir(), 'handout-profile-'));
    await execFileAsync(
      process.execPath,
      [
        '--cpu-prof',
        '--cpu-prof-dir',
        profiles,
        path.join(ROOT, 'dist/handout.js'),
        'build',
        'content/handouts/smerter-i-ryggen.json',
        '--brand',
        'skovlund-sygehus',
      ],
      { cwd: project, env: ENV.snapshot },
    );
    const [profile] = await readdir(profiles);
    const { nodes } = JSON.parse(await readFile(path.join(profiles, profile as string), 'utf8')) as {
      nodes: { callFrame: { functionName: string } }[];
    };
    expect(nodes.some((n) => n.callFrame.functionName === 'renderDocument')).toBe(true);
  });

  it('stops the command when it is asked to stop', async () => {
    const project = await copyProject();
    const parent = spawn(
      process.execPath,
      [path.join(ROOT, 'dist/handout.js'), 'build', '--watch', 'content/handouts/smerter-i-ryggen.json'],
      {
        cwd: project,
        env: ENV.snapshot,
      },
    );
    let out = '';
    parent.stdout.on('data', (d) => {
      out += d;
    });
    for (let i = 0; i < 600 && !out.includes('watching'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(out).toContain('watching');
    const children = async () =>
      (await execFileAsync('ps', ['-o', 'pid=', '--ppid', String(parent.pid)])).stdout.trim().split(/\s+/).map(Number);
    const [child] = await children();
    expect(child).toBeGreaterThan(0);
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      parent.on('exit', (_code, signal) => resolve(signal)),
    );
    parent.kill('SIGTERM');
    expect(await exited).toBe('SIGTERM');
    const alive = () => {
      try {
        process.kill(child as number, 0);
        return true;
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 100 && alive(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(alive()).toBe(false);
  });

  it('runs the bundle when the checkout has moved since the snapshot was taken', async () => {
    // The snapshot knows the package's folder, so its name does: a copy with another version
    // must say its own (`build`, which starts from the snapshot, takes --version too).
    const moved = await movedCheckout('99.0.0');
    const blobs = (await readdir(path.join(moved, 'dist'))).filter((f) => f.endsWith('.blob'));
    expect(blobs).toEqual([path.basename(snapshotFile(path.join(ROOT, 'dist')))]);
    expect(await handoutOf(moved, 'snapshot', moved, 'build', '--version')).toMatchObject({
      code: 0,
      stdout: '99.0.0\n',
    });
  });

  it('runs the bundle when Node refuses the snapshot', async () => {
    const moved = await movedCheckout('98.0.0');
    // The snapshot renders the samples of the checkout it is taken in.
    for (const part of ['content', 'templates', 'assets'])
      await cp(path.join(ROOT, part), path.join(moved, part), { recursive: true });
    // Taken under another V8 flag, so Node refuses it (exit code 14), but named as if it were not.
    await execFileAsync(process.execPath, [
      '--max-semi-space-size=32',
      '--no-warnings',
      '--snapshot-blob',
      snapshotFile(path.join(moved, 'dist')),
      '--build-snapshot',
      path.join(moved, 'dist/snapshot.cjs'),
    ]);
    const { code, stdout, stderr } = await handoutOf(moved, 'snapshot', moved, 'build', '--version');
    expect({ code, stdout }).toEqual({ code: 0, stdout: '98.0.0\n' });
    expect(stderr).toContain('Failed to load the startup snapshot');
  });
});

/** dist/ and package.json of this checkout copied elsewhere, with another version. */
async function movedCheckout(version: string): Promise<string> {
  const moved = await mkdtemp(path.join(os.tmpdir(), 'handout-moved-'));
  await cp(path.join(ROOT, 'dist'), path.join(moved, 'dist'), {
    recursive: true,
    filter: (file) => !file.includes(`${path.sep}src${path.sep}`),
  });
  await symlink(path.join(ROOT, 'node_modules'), path.join(moved, 'node_modules'), 'dir');
  const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  await writeFile(path.join(moved, 'package.json'), JSON.stringify({ ...pkg, version }));
  return moved;
}
