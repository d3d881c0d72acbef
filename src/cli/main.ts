/**
 * `handout`, run from its modules: the TypeScript sources (tests), the compiled ones,
 * and the entry of the bundle dist/cli.cjs that dist/handout.js starts.
 */
import { runCli } from './commands.js';

void runCli(process.argv.slice(2));
