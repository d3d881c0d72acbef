/**
 * The last step of `npm run build`: dist/cli.cjs.cache, the code cache of the command
 * line (see src/cli/code-cache.ts). It runs the bundle as `handout build` of a sample
 * leaflet and programme in a copy of the project, without a shaping cache so that
 * shaping is compiled too, and writes what V8 compiled on the way.
 *
 * It must run as plain `node`: V8 refuses a code cache made under other flags.
 */
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { commandLine } from '../src/cli/code-cache.js';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.resolve(dist, '..');
const bundle = path.join(dist, 'cli.cjs');

const project = mkdtempSync(path.join(os.tmpdir(), 'handout-code-cache-'));
for (const part of ['content', 'templates', 'assets'])
  cpSync(path.join(root, part), path.join(project, part), { recursive: true });

const cli = commandLine(bundle, readFileSync(bundle, 'utf8'));
process.on('exit', (code) => {
  rmSync(project, { recursive: true, force: true });
  if (code !== 0) return;
  writeFileSync(`${bundle}.cache.tmp`, cli.codeCache());
  renameSync(`${bundle}.cache.tmp`, `${bundle}.cache`);
});
process.chdir(project);
process.argv = [
  process.execPath,
  bundle,
  'build',
  'content/handouts/smerter-i-ryggen.json',
  'content/programmes/p-2026-0142.json',
  '--brand',
  'skovlund-sygehus',
];
cli.run();
