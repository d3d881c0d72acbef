/**
 * The entry of the command line's startup snapshot (see launch.ts), which
 * `npm run build` bundles as dist/snapshot.cjs and gives to `node --build-snapshot`.
 * Before the snapshot is taken it renders a sample leaflet and programme in a copy
 * of the project, so that what a build needs is loaded, compiled and warm.
 *
 * What it keeps from that is what any process keeps between documents, and a
 * test holds each such cache to giving the same bytes as a fresh process
 * (test/process-caches.test.ts); the snapshot's own output is tested against the
 * bundle's (test/cli/snapshot.test.ts). The copy makes sure no project's state
 * (its shaping cache, its path) is kept. What it does keep is the package's folder
 * (packaged.ts), which is why the snapshot's name holds it (launch.ts).
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startupSnapshot } from 'node:v8';
import { PACKAGE_ROOT } from '../packaged.js';
import { openProject, render } from '../pipeline.js';
import { runCli } from './commands.js';
// What `handout build` loads when it runs, loaded now.
import './build.js';

const SAMPLES = [
  { handout: 'content/handouts/smerter-i-ryggen.json', brand: 'skovlund-sygehus' },
  { handout: 'content/programmes/p-2026-0142.json' },
];

async function warmUp(): Promise<void> {
  const copy = await mkdtemp(path.join(os.tmpdir(), 'handout-snapshot-'));
  try {
    for (const part of ['content', 'templates', 'assets'])
      await cp(path.join(PACKAGE_ROOT, part), path.join(copy, part), { recursive: true });
    const project = await openProject(copy);
    for (const sample of SAMPLES) await render(project, sample);
  } finally {
    await rm(copy, { recursive: true, force: true });
  }
}

void warmUp();

// Started as `node --snapshot-blob <file> -- <args>`: process.argv is [node, ...args].
startupSnapshot.setDeserializeMainFunction(() => void runCli(process.argv.slice(1)));
