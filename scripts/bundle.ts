/**
 * `npm run build` after tsc: the command line and the batch worker bundled with
 * their dependencies into dist/ (dist/handout.js, dist/worker.js and the chunks
 * they share). Node then reads and links a few files instead of some two hundred
 * modules at every start, and each chunk is only read when a command needs it:
 * `--version` or a batch with nothing to build never reads pdfkit or fontkit.
 * Only sharp stays outside: its native part is loaded for a raster picture.
 *
 * pdfkit, bundled, looks beside itself for its standard fonts (which an SVG's
 * text is drawn with), as "#standard-fonts/…": the "imports" of package.json
 * send it to pdfkit's own. It reads the colour profile of PDF/A from data/
 * beside itself, which is copied there.
 */
import { copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// The chunks of an earlier build would be packed, and fingerprinted as the tool's code.
for (const name of await readdir(dist)) if (name.endsWith('.js')) await rm(path.join(dist, name));

/**
 * fontkit decodes a brotli dictionary of 120 KB when it is loaded, for WOFF2 fonts;
 * ours are TrueType files (WOFF2 crashes pdfkit's subsetter, see brand/fonts.ts).
 */
const noWoff2: Plugin = {
  name: 'no-woff2',
  setup(build) {
    build.onResolve({ filter: /^brotli\/decompress(\.js)?$/ }, () => ({ path: 'brotli', namespace: 'no-woff2' }));
    build.onLoad({ filter: /.*/, namespace: 'no-woff2' }, () => ({
      contents: "export default () => { throw new Error('WOFF2 fonts are not supported: use the TrueType file'); };",
    }));
  },
};

await build({
  entryPoints: {
    handout: path.join(dist, 'src/cli/main.js'),
    worker: path.join(dist, 'src/batch/worker.js'),
  },
  outdir: dist,
  bundle: true,
  splitting: true,
  // Beside the entries: the pool finds ./worker.js, and pdfkit ./data/, from any chunk.
  chunkNames: '[name]-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // The ES module builds of dual packages (jsonc-parser's CommonJS build requires its parts at run time).
  mainFields: ['module', 'main'],
  external: ['sharp'],
  plugins: [noWoff2],
  // Bundled CommonJS modules call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});

const pdfkit = path.dirname(createRequire(import.meta.url).resolve('pdfkit'));
await mkdir(path.join(dist, 'data'), { recursive: true });
await copyFile(path.join(pdfkit, 'data/sRGB_IEC61966_2_1.icc'), path.join(dist, 'data/sRGB_IEC61966_2_1.icc'));
