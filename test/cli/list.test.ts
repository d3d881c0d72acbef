/** `handout list`: exercise names and Danish tags, found by tag and search word. */
import { describe, expect, it } from 'vitest';
import { type ExerciseEntry, findExercises, fold } from '../../src/cli/list.js';
import { handout } from '../helpers/cli.js';
import { ROOT } from '../helpers/project.js';

describe('fold', () => {
  it('makes Danish letters, their two-letter spellings and accents one plain letter', () => {
    expect(new Set(['løb', 'LØB', 'loeb', 'lob'].map(fold))).toEqual(new Set(['lob']));
    expect(new Set(['bækken', 'baekken', 'bakken'].map(fold))).toEqual(new Set(['bakken']));
    expect(new Set(['forstå', 'forstaa', 'forsta'].map(fold))).toEqual(new Set(['forsta']));
    expect(fold('Café')).toBe('cafe');
  });
});

describe('findExercises', () => {
  const entries: ExerciseEntry[] = [
    { id: 'jog-in-place', name: 'Let løb på stedet', tags: [{ id: 'ben', label: 'ben' }] },
    {
      id: 'back-extension',
      name: 'Rygløft på maven',
      tags: [
        { id: 'ryg', label: 'ryg' },
        { id: 'lob', label: 'løb' },
      ],
    },
    { id: 'child-pose', name: 'Barnets stilling', tags: [{ id: 'firefodsstand', label: 'på alle fire' }] },
  ];
  const ids = (words: string[], tags: string[] = []) => findExercises(entries, { words, tags }).map((e) => e.id);

  it('finds a word in the id, the name or a tag, whatever its accents', () => {
    expect(ids(['lob'])).toEqual(['jog-in-place', 'back-extension']);
    expect(ids(['LØB'])).toEqual(['jog-in-place', 'back-extension']);
    expect(ids(['child'])).toEqual(['child-pose']);
    expect(ids(['alle fire'])).toEqual(['child-pose']);
    expect(ids(['firefod'])).toEqual(['child-pose']);
  });

  it('keeps an exercise only when it has every tag (by id or label) and every word', () => {
    expect(ids([], ['løb'])).toEqual(['back-extension']);
    expect(ids([], ['lob'])).toEqual(['back-extension']);
    expect(ids([], ['løb', 'ryg'])).toEqual(['back-extension']);
    expect(ids([], ['løb', 'ben'])).toEqual([]);
    expect(ids(['stedet'], ['ben'])).toEqual(['jog-in-place']);
    expect(ids(['stedet', 'maven'])).toEqual([]);
    // A tag is a whole tag, not part of one.
    expect(ids([], ['fire'])).toEqual([]);
  });
});

describe('handout list', () => {
  it('shows each exercise with its name and Danish tags, and every tag', async () => {
    const r = await handout(ROOT, 'list');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}heel-slide +Hælen glider ud +muskelkorset, ryg, liggende$/m);
    expect(r.stdout).toMatch(/^ {2}bird-dog +Arm og ben på alle fire +ryg, mave, på alle fire, .*løb$/m);
    expect(r.stdout).toMatch(/^tags: balder, ben, .*lænd, løb, .*på alle fire, .*udspænding$/m);
  });

  it('finds exercises by search word and --tag, accents ignored', async () => {
    const word = await handout(ROOT, 'list', 'lob');
    expect(word.stdout).toMatch(/^exercises matching "lob" \(\d+ of 33\):$/m);
    // By its name ("Let løb på stedet") and by its tag (løb).
    expect(word.stdout).toMatch(/^ {2}jog-in-place +Let løb på stedet/m);
    expect(word.stdout).toMatch(/^ {2}back-extension +Rygløft på maven/m);

    const tags = await handout(ROOT, 'list', '--tag', 'lænd', '--tag', 'liggende', 'bækken');
    expect(tags.code).toBe(0);
    expect(
      tags.stdout
        .split('\n')
        .filter((l) => l.startsWith('  '))
        .map((l) => l.trim().split(' ')[0]),
    ).toEqual(['glute-bridge', 'pelvic-tilt']);
    expect(tags.stdout).toContain('exercises matching tag "lænd" and tag "liggende" and "bækken" (2 of 33):');
  });

  it('says so when nothing matches, and refuses a tag no exercise has', async () => {
    const none = await handout(ROOT, 'list', 'xyzzy', '--tag', 'ryg');
    expect(none).toMatchObject({
      code: 0,
      stdout: 'no exercise matches tag "ryg" and "xyzzy" (33 exercises; `handout list` shows them all)\n',
    });
    const typo = await handout(ROOT, 'list', '--tag', 'lend');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe('--tag: no exercise has the tag "lend" (did you mean "lænd"?)\n');
    const empty = await handout(ROOT, 'list', '--tag');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/^handout: Not enough arguments following: tag\n/);
  });
});
