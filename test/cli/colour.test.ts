/** Colour on a terminal for errors and warnings; plain text everywhere else. */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { wantsColour } from '../../src/cli/colour.js';
import { handout, handoutWith } from '../helpers/cli.js';

const ESC = String.fromCharCode(27);

describe('wantsColour', () => {
  it.each([
    [{}, true, true],
    [{}, false, false],
    [{ NO_COLOR: '1' }, true, false],
    [{ NO_COLOR: '' }, true, true],
    [{ CI: 'true' }, true, false],
    [{ CI: 'false' }, true, true],
    [{ FORCE_COLOR: '1' }, false, true],
    [{ FORCE_COLOR: '' }, false, true],
    [{ FORCE_COLOR: '1', NO_COLOR: '1', CI: 'true' }, false, true],
    [{ FORCE_COLOR: '0' }, true, false],
    [{ FORCE_COLOR: 'false' }, true, false],
  ])('%o, terminal %s: %s', (env, isTTY, expected) => {
    expect(wantsColour(env, isTTY)).toBe(expected);
  });
});

describe('diagnostics on the command line', () => {
  it('colour the place of an error red and of a warning yellow on request, and are plain text in a pipe', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'handout-colour-'));
    await handout(dir, 'init');
    // An error (weeks must be a number) and a warning (a character the font cannot draw).
    const edit = async (file: string, from: string, to: string) =>
      writeFile(path.join(dir, file), (await readFile(path.join(dir, file), 'utf8')).replace(from, to));
    await edit('content/programmes/p-0001.json', '"weeks": 4', '"weeks": "4"');
    await edit('content/handouts/kom-godt-i-gang.json', '"Kom godt i gang"', '"💪 Kom godt i gang"');

    const coloured = await handoutWith({ FORCE_COLOR: '1' }, dir, 'validate');
    const plain = await handoutWith({ FORCE_COLOR: undefined, NO_COLOR: undefined, CI: undefined }, dir, 'validate');
    expect(plain.code).toBe(1);
    const error = plain.stderr.match(/^content\/programmes\/p-0001\.json:\d+:\d+/m)?.[0] as string;
    const warning = plain.stderr.match(/^content\/handouts\/kom-godt-i-gang\.json:\d+:\d+/m)?.[0] as string;
    expect(plain.stderr).toContain(`${error}: weeks: expected number`);
    expect(plain.stderr).toContain(`${warning}: warning: title:`);
    expect(plain.stderr).not.toContain(ESC);

    expect(coloured.stderr).toContain(`${ESC}[1m${ESC}[31m${error}${ESC}[39m${ESC}[22m: weeks:`);
    expect(coloured.stderr).toContain(
      `${ESC}[1m${ESC}[33m${warning}${ESC}[39m${ESC}[22m: ${ESC}[1m${ESC}[33mwarning:${ESC}[39m${ESC}[22m title:`,
    );
    expect(stripVTControlCharacters(coloured.stderr)).toBe(plain.stderr);

    // build and batch show them the same way.
    const build = async (file: string) => (await handoutWith({ FORCE_COLOR: '1' }, dir, 'build', file)).stderr;
    expect(await build('content/programmes/p-0001.json')).toContain(
      `${ESC}[1m${ESC}[31m${error}${ESC}[39m${ESC}[22m: weeks:`,
    );
    expect(await build('content/handouts/kom-godt-i-gang.json')).toContain(
      `${ESC}[1m${ESC}[33m${warning}${ESC}[39m${ESC}[22m: ${ESC}[1m${ESC}[33mwarning:`,
    );
    const batch = await handoutWith({ FORCE_COLOR: '1' }, dir, 'batch', '--jobs', '1');
    expect(batch.stdout).toContain(`${ESC}[1m${ESC}[31m${error}${ESC}[39m${ESC}[22m: weeks:`);
  });
});
