import { describe, expect, it } from 'vitest';
import { changedFiles } from '../../src/cli/watch.js';

describe('changedFiles', () => {
  const onDisk = (file: string) => !file.includes('tmp') && !file.includes('gone');

  it('drops a temporary file added and gone, and keeps every other change', () => {
    const changes = new Map([
      ['content/handouts/.a.json.tmp', ['add', 'unlink'] as const],
      ['content/handouts/a.json', ['change'] as const],
      ['content/exercises/gone.json', ['unlink'] as const],
      ['content/exercises/new.json', ['add'] as const],
      ['assets/logo.svg', ['unlink', 'add'] as const],
    ]);
    expect([...changedFiles(changes, onDisk, new Set())].sort()).toEqual([
      'assets/logo.svg',
      'content/exercises/gone.json',
      'content/exercises/new.json',
      'content/handouts/a.json',
    ]);
  });

  it('drops the removal of a temporary file that arrives after the build that skipped it', () => {
    const fleeting = new Set<string>();
    const first = new Map([
      ['content/handouts/.a.json.tmp', ['add'] as const],
      ['content/handouts/a.json', ['change'] as const],
    ]);
    expect([...changedFiles(first, onDisk, fleeting)]).toEqual(['content/handouts/a.json']);
    const late = new Map([['content/handouts/.a.json.tmp', ['unlink'] as const]]);
    expect([...changedFiles(late, onDisk, fleeting)]).toEqual([]);
    expect(fleeting.size).toBe(0);
  });
});
