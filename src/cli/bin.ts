#!/usr/bin/env node
/** `handout`, as installed: the command line bundle beside this file, with its code cache when there is one. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { commandLine } from './code-cache.js';

const bundle = fileURLToPath(new URL('./cli.cjs', import.meta.url));
let cache: Buffer | undefined;
try {
  cache = readFileSync(`${bundle}.cache`);
} catch {
  // Built without one (or it was removed): the bundle is compiled as usual.
}
commandLine(bundle, readFileSync(bundle, 'utf8'), cache).run();
