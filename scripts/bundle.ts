/**
 * `npm run build` after tsc: the command line and the batch worker bundled with
 * their dependencies into dist/ (dist/cli.js, dist/worker.js and the chunks they
 * share). Node then reads and links a few files instead of some two hundred
 * modules at every start, and each chunk is only read when a command needs it:
 * `--version` or a batch with nothing to build never reads pdfkit or fontkit.
 * Only sharp stays outside: its native part is loaded for a raster picture.
 *
 * dist/handout.js starts the command line (src/cli/launch.ts): from the startup
 * snapshot this build takes last, for this Node, or from dist/cli.js. The snapshot
 * is made of dist/snapshot.cjs, the command line as one CommonJS file, which is
 * what `node --build-snapshot` takes.
 *
 * pdfkit, bundled, looks beside itself for its standard fonts (which an SVG's
 * text is drawn with), as "#standard-fonts/…": the "imports" of package.json
 * send it to pdfkit's own. It reads the colour profile of PDF/A from data/
 * beside itself, which is copied there.
 */
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build, type Plugin } from 'esbuild';
import { snapshotFile } from '../src/cli/launch.js';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// The chunks of an earlier build would be packed, and fingerprinted as the tool's code.
for (const name of await readdir(dist)) if (/\.(c?js|blob|blob\.tmp)$/.test(name)) await rm(path.join(dist, name));

/** A module that is never used: importing it costs nothing, calling it says why it is missing. */
function standIn(name: string, filter: RegExp, contents: string): Plugin {
  return {
    name,
    setup(build) {
      build.onResolve({ filter }, () => ({ path: name, namespace: name }));
      build.onLoad({ filter: /.*/, namespace: name }, () => ({ contents }));
    },
  };
}

const standIns = [
  // fontkit decodes a brotli dictionary of 120 KB when it is loaded, for WOFF2 fonts;
  // ours are TrueType files (WOFF2 crashes pdfkit's subsetter, see brand/fonts.ts).
  standIn(
    'no-woff2',
    /^brotli\/decompress(\.js)?$/,
    "export default () => { throw new Error('WOFF2 fonts are not supported: use the TrueType file'); };",
  ),
  // pdfkit builds AES tables when it is loaded (5 ms of a cold start), for encrypted PDFs; a handout is never encrypted.
  standIn(
    'no-aes',
    /^@noble\/ciphers\/aes(\.js)?$/,
    "const none = () => { throw new Error('PDF encryption is not supported'); }; export const cbc = none, ecb = none;",
  ),
];

/**
 * yargs brings string-width three times (8.3 for itself, 7.2 nested under cliui and under
 * wrap-ansi), and each copy compiles its Unicode regular expressions and makes an
 * Intl.Segmenter when loaded: 25 ms of every start. They all take the one yargs uses.
 */
const oneStringWidth: Plugin = {
  name: 'one-string-width',
  setup(build) {
    const only = createRequire(import.meta.url).resolve('string-width');
    build.onResolve({ filter: /^string-width$/ }, () => ({ path: only }));
  },
};

const shared: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // The ES module builds of dual packages (jsonc-parser's CommonJS build requires its parts at run time).
  mainFields: ['module', 'main'],
  external: ['sharp'],
  plugins: [...standIns, oneStringWidth],
  logLevel: 'warning',
};

await build({
  ...shared,
  entryPoints: {
    handout: path.join(dist, 'src/cli/bin.js'),
    cli: path.join(dist, 'src/cli/main.js'),
    worker: path.join(dist, 'src/batch/worker.js'),
  },
  outdir: dist,
  splitting: true,
  // Beside the entries: the pool finds ./worker.js, and pdfkit ./data/, from any chunk.
  chunkNames: '[name]-[hash]',
  format: 'esm',
  // Bundled CommonJS modules call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});

await build({
  ...shared,
  entryPoints: [path.join(dist, 'src/cli/snapshot.js')],
  outfile: path.join(dist, 'snapshot.cjs'),
  format: 'cjs',
  // The modules find the package, fonts and worker from their own address, which is now the bundle's.
  define: { 'import.meta.url': '__bundle_url', 'Intl.Segmenter': 'LazySegmenter' },
  inject: [path.join(dist, 'scripts/lazy-segmenter.js')],
  banner: { js: "const __bundle_url = require('node:url').pathToFileURL(__filename).href;" },
});

const pdfkit = path.dirname(createRequire(import.meta.url).resolve('pdfkit'));
await mkdir(path.join(dist, 'data'), { recursive: true });
await copyFile(path.join(pdfkit, 'data/sRGB_IEC61966_2_1.icc'), path.join(dist, 'data/sRGB_IEC61966_2_1.icc'));

// The startup snapshot, for this Node only, under its name once it is whole: Node crashes on half of one.
// Node warns that node:module, node:worker_threads and node:child_process are not verified in a
// snapshot: test/cli/snapshot.test.ts runs what uses them.
const snapshot = snapshotFile(dist);
execFileSync(
  process.execPath,
  ['--no-warnings', '--snapshot-blob', `${snapshot}.tmp`, '--build-snapshot', path.join(dist, 'snapshot.cjs')],
  { stdio: ['ignore', 'ignore', 'inherit'] },
);
await rename(`${snapshot}.tmp`, snapshot);
