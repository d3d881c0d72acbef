/**
 * The command line as `npm run build` ships it: one CommonJS bundle (dist/cli.cjs)
 * that V8 compiles with the code cache written beside it (dist/cli.cjs.cache) after
 * a sample build ran, so a cold `handout build` finds the bytecode of every function
 * that build needed instead of parsing and compiling them. Node 20 has no code cache
 * for ES modules and no `module.enableCompileCache`; a `vm.Script` has one.
 *
 * The cache is part of the tool, like the bundle: it is only ever read from the
 * tool's own folder, never from a project. It starts with the SHA-256 of the bundle
 * it was made from, because V8 checks only the length of the source it is given:
 * a bundle rebuilt without its cache would otherwise run another build's bytecode.
 * V8 itself refuses a cache from another V8 version or other flags; either way the
 * bundle is then compiled as it would be without one.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

const DIGEST_BYTES = 32;

export interface CommandLine {
  /** Runs the bundle, as Node runs a CommonJS main module. */
  run(): void;
  /** Whether V8 took the code cache. */
  readonly cached: boolean;
  /** The code cache of everything compiled so far, with the bundle's digest in front. */
  codeCache(): Buffer;
}

/** The bundle at `file` (its `source`), compiled with `cache` when that was made from this very source. */
export function commandLine(file: string, source: string, cache?: Buffer): CommandLine {
  const digest = createHash('sha256').update(source).digest();
  const own = cache && cache.length > DIGEST_BYTES && digest.equals(cache.subarray(0, DIGEST_BYTES));
  // The same wrapper Node puts around a CommonJS module, so the bundle sees require, module and __filename.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData: own ? cache.subarray(DIGEST_BYTES) : undefined,
  });
  return {
    cached: Boolean(own) && !script.cachedDataRejected,
    run() {
      const module = { exports: {} };
      const main = script.runInThisContext() as (...args: unknown[]) => void;
      main.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
    },
    codeCache: () => Buffer.concat([digest, script.createCachedData()]),
  };
}
