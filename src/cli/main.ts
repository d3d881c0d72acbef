/**
 * `handout`, run from its modules: the TypeScript sources (tests), the compiled ones,
 * and the entry of the bundle dist/cli.js (and, through snapshot.ts, of the startup snapshot).
 */
import { runCli } from './commands.js';

void runCli(process.argv.slice(2));
