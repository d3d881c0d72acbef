/**
 * This thread's id, for the names of temporary files: worker threads share the
 * process id. It is looked up when asked, not imported: node:worker_threads loaded
 * into the command line's startup snapshot (src/cli/snapshot.ts) leaves every worker
 * started from it without a working process.cwd() (Node 20), and every module a
 * build needs is in that snapshot.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function threadId(): number {
  return (require('node:worker_threads') as typeof import('node:worker_threads')).threadId;
}
