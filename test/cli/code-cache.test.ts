/**
 * The command line as it ships: dist/handout.js runs the bundle dist/cli.cjs with the
 * code cache `npm run build` wrote beside it. Needs `npm run build` (which `npm ci` runs).
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { commandLine } from '../../src/cli/code-cache.js';
import { ROOT } from '../helpers/project.js';

const run = promisify(execFile);

/** A CommonJS module that says which build of it ran, and what Node gave it. */
function moduleSource(build: string): string {
  return `module.exports = { build: (() => '${build}')(), dir: require('node:path').basename(__dirname), file: __filename };
console.log(JSON.stringify(module.exports));`;
}

const TSX = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const CODE_CACHE = pathToFileURL(path.join(ROOT, 'src/cli/code-cache.ts')).href;

/**
 * Compiles and runs a module in a fresh process, as dist/handout.js does: V8 keeps
 * what it compiled in memory, and would not even look at a cache for a source it has seen.
 */
async function runModule(source: string, cache?: Buffer) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'handout-code-cache-'));
  const file = path.join(dir, 'cli.cjs');
  await writeFile(file, source);
  if (cache) await writeFile(`${file}.cache`, cache);
  const script = `
    import { existsSync, readFileSync, writeFileSync } from 'node:fs';
    import { commandLine } from '${CODE_CACHE}';
    const file = ${JSON.stringify(file)};
    const cli = commandLine(file, readFileSync(file, 'utf8'), existsSync(file + '.cache') ? readFileSync(file + '.cache') : undefined);
    cli.run();
    console.log(JSON.stringify({ cached: cli.cached }));
    writeFileSync(file + '.made', cli.codeCache());`;
  const { stdout } = await run(process.execPath, ['--import', TSX, '--input-type=module', '-e', script]);
  const [ran, { cached }] = stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  return { ran, cached: cached as boolean, file, made: await readFile(`${file}.made`) };
}

describe('the command line compiled with a code cache', { timeout: 30_000 }, () => {
  it('runs a bundle as Node runs a CommonJS module: require, module, __filename and __dirname', async () => {
    const { ran, file } = await runModule(moduleSource('a'));
    expect(ran).toEqual({ build: 'a', dir: path.basename(path.dirname(file)), file });
  });

  it('takes a cache made from the same bundle', async () => {
    const first = await runModule(moduleSource('b'));
    expect(first.cached).toBe(false);
    const second = await runModule(moduleSource('b'), first.made);
    expect(second).toMatchObject({ cached: true, ran: { build: 'b' } });
  });

  it('refuses a cache made from another bundle of the same length, which V8 alone would take', async () => {
    const { made } = await runModule(moduleSource('c'));
    expect(moduleSource('d').length).toBe(moduleSource('c').length);
    expect(await runModule(moduleSource('d'), made)).toMatchObject({ cached: false, ran: { build: 'd' } });
  });

  it('compiles the bundle as usual when the cache is damaged, cut short or empty', async () => {
    const { made } = await runModule(moduleSource('e'));
    const damaged = Buffer.concat([made.subarray(0, 32), Buffer.alloc(made.length - 32, 7)]);
    for (const cache of [damaged, made.subarray(0, made.length / 2), made.subarray(0, 32), Buffer.alloc(0)])
      expect(await runModule(moduleSource('e'), cache)).toMatchObject({ cached: false, ran: { build: 'e' } });
  });
});

describe('the built command line (dist/)', () => {
  const bundle = path.join(ROOT, 'dist/cli.cjs');

  it('ships a code cache that V8 takes for the bundle beside it', () => {
    expect(existsSync(bundle), 'run `npm run build` first').toBe(true);
    const cli = commandLine(bundle, readFileSync(bundle, 'utf8'), readFileSync(`${bundle}.cache`));
    expect(cli.cached).toBe(true);
  });
});
