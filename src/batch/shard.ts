/** `--shard i/n`: a stable share of the jobs, so a CI matrix of n runners splits one build. */
import { createHash } from 'node:crypto';
import { FatalError } from '../diagnostics.js';

export interface Shard {
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count || count > 10_000)
    throw new FatalError({
      file: '--shard',
      message: `expected i/n with 1 <= i <= n, e.g. 2/4; got "${text}"`,
      hint: 'the first number is which share this run builds, the second how many shares there are',
    });
  return { index, count };
}

/**
 * Whether a job belongs to a shard. By a hash of its output path, not its
 * position, so adding one handout does not move every other job to another shard.
 */
export function inShard(key: string, shard: Shard): boolean {
  const n = createHash('sha256').update(key).digest().readUInt32BE(0);
  return n % shard.count === shard.index - 1;
}
