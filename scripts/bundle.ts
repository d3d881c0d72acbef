/**
 * `npm run build` after tsc: the command line and the batch worker, each bundled
 * into one file (dist/handout.js, dist/worker.js). Node then reads and links
 * two files instead of some two hundred modules at every start. pdfkit and
 * fontkit stay outside (pdfkit finds its standard fonts beside itself, and
 * takes fontkit fonts from the same fontkit), and sharp, whose native part is
 * loaded only for a raster picture.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

await build({
  entryPoints: {
    handout: path.join(dist, 'src/cli/main.js'),
    worker: path.join(dist, 'src/batch/worker.js'),
  },
  outdir: dist,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // The ES module builds of dual packages (jsonc-parser's CommonJS build requires its parts at run time).
  mainFields: ['module', 'main'],
  external: ['pdfkit', 'fontkit', 'sharp'],
  // Bundled CommonJS modules call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
