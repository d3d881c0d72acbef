/**
 * The build record: what each output was last built from. An output whose
 * fingerprint has not changed, and whose file is still there, is not rebuilt.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../output.js';

export interface OutputRecord {
  fingerprint: string;
  handout: string;
  brand: string;
  pages: number;
  sha256: string;
  /** A handout's version and content hash when it was built. */
  version?: string;
  contentHash?: string;
  built?: string;
}

export interface BuildRecord {
  version: 1;
  outputs: Record<string, OutputRecord>;
}

export function recordPath(root: string): string {
  return path.join(root, '.cache', 'handout-build.json');
}

export async function loadRecord(root: string): Promise<BuildRecord> {
  try {
    const record = JSON.parse(await readFile(recordPath(root), 'utf8')) as BuildRecord;
    if (record.version === 1 && record.outputs && typeof record.outputs === 'object') return record;
  } catch {
    // No record yet, or an unreadable one: build everything.
  }
  return { version: 1, outputs: {} };
}

export async function saveRecord(root: string, record: BuildRecord): Promise<void> {
  const sorted = Object.fromEntries(Object.entries(record.outputs).sort(([a], [b]) => (a < b ? -1 : 1)));
  await writeFileAtomic(
    recordPath(root),
    new TextEncoder().encode(`${JSON.stringify({ version: 1, outputs: sorted }, null, 2)}\n`),
  );
}
