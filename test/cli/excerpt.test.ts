import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { excerpt, formatExcerpt } from '../../src/cli/excerpt.js';
import { handout } from '../helpers/cli.js';
import { ROOT } from '../helpers/project.js';

/** The excerpt as it prints, the caret line included. */
const shown = (source: string, line: number, column: number, width?: number) => {
  const e = excerpt(source, { line, column }, width);
  return e && formatExcerpt(e);
};

describe('excerpt', () => {
  it('shows the line with a caret under the column, the line number in a gutter', () => {
    expect(shown('{\n  "version": 1\n}\n', 2, 14)).toEqual(['  2 |   "version": 1', '    |              ^']);
    expect(shown(`${'\n'.repeat(11)}x`, 12, 1)).toEqual(['  12 | x', '     | ^']);
  });

  it('expands tabs to stops of four, so the caret stays under its character', () => {
    // Columns count characters: the 1 is the 7th; on screen it is at column 13.
    expect(shown('{\n\t"a":\t1\n}', 2, 7)).toEqual(['  2 |     "a":    1', '    |             ^']);
  });

  it('shows the last line of a file, with or without a newline at the end, and past its last character', () => {
    expect(shown('{\n  "a": 1\n}', 3, 1)).toEqual(['  3 | }', '    | ^']);
    expect(shown('{\n  "a": 1', 2, 9)).toEqual(['  2 |   "a": 1', '    |         ^']);
    // The end of a file that ends with a newline is an empty last line.
    expect(shown('{\n  "a": 1\n', 3, 1)).toEqual(['  3 |', '    | ^']);
    expect(shown('{\n  "a": 1\n', 4, 1)).toBeUndefined();
  });

  it('cuts a long line around the column, marking each cut', () => {
    const line = `${'a'.repeat(150)}X${'b'.repeat(150)}`;
    const e = excerpt(line, { line: 1, column: 151 }, 40);
    expect(e?.text).toBe(`…${'a'.repeat(19)}X${'b'.repeat(18)}…`);
    expect(e?.text[e.caret]).toBe('X');
    // Near an end only the other side is cut.
    expect(excerpt(line, { line: 1, column: 2 }, 40)).toEqual({ line: 1, text: `${'a'.repeat(39)}…`, caret: 1 });
    expect(excerpt(line, { line: 1, column: 302 }, 40)).toEqual({ line: 1, text: `…${'b'.repeat(39)}`, caret: 40 });
  });

  it('keeps the caret under any column of any line, within the width', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', ' ', '"', ':', '{'), maxLength: 400 }),
        fc.nat(),
        (line, n) => {
          const column = (n % (line.length + 1)) + 1;
          const e = excerpt(line, { line: 1, column }, 60) as NonNullable<ReturnType<typeof excerpt>>;
          expect(e.text.length).toBeLessThanOrEqual(60);
          if (column <= line.length) expect(e.text[e.caret]).toBe(line[column - 1]);
          else expect(e.caret).toBe(e.text.length);
          // A line is cut only when it must be, and then fills the width.
          expect(e.text.length).toBe(Math.min(line.length, 60));
          if (line.length <= 60) expect(e.text).toBe(line);
        },
      ),
    );
  });

  it('counts a wide character as two columns and a combining mark as none', () => {
    // "💪" is two UTF-16 units (columns 2-3 of a diagnostic) and two columns on screen.
    expect(excerpt('æ💪x', { line: 1, column: 4 })).toEqual({ line: 1, text: 'æ💪x', caret: 3 });
    expect(excerpt('o\u0308x', { line: 1, column: 3 })).toEqual({ line: 1, text: 'o\u0308x', caret: 1 });
  });

  it('never prints terminal control or direction overrides from a file, and drops a BOM and a CR', () => {
    expect(excerpt('\ufeff{"a":\u001b[31m1}\r\n', { line: 1, column: 6 })).toEqual({
      line: 1,
      text: '{"a":\ufffd[31m1}',
      caret: 5,
    });
    expect(excerpt('"\u202eabc"', { line: 1, column: 1 })?.text).toBe('"\ufffdabc"');
  });
});

describe('handout validate', () => {
  it('quotes the line of a content file and of a template under its error, and no line of a programme', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'handout-excerpt-'));
    await handout(dir, 'init');
    const edit = async (file: string, from: string | RegExp, to: string) =>
      writeFile(path.join(dir, file), (await readFile(path.join(dir, file), 'utf8')).replace(from, to));
    await edit('content/handouts/kom-godt-i-gang.json', /"version": "[^"]*"/, '"version": 1');
    await edit('content/programmes/p-0001.json', '"weeks": 4', '"weeks": "4"');
    await mkdir(path.join(dir, 'templates'));
    const leaflet = await readFile(path.join(ROOT, 'templates/leaflet.hbs'), 'utf8');
    await writeFile(path.join(dir, 'templates/leaflet.hbs'), `\t<figur picture="x"/>\n${leaflet}`);

    const r = await handout(dir, 'validate');
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')).toEqual([
      'content/handouts/kom-godt-i-gang.json:10:5: meta.version: expected string, received number',
      '  10 |     "version": 1,',
      '     |     ^',
      // A programme's lines are about a client: none is quoted.
      'content/programmes/p-0001.json:9:3: weeks: expected number, received string',
      'templates/leaflet.hbs:1:2: unknown markup element <figur> (did you mean "figure"?)',
      '  1 |     <figur picture="x"/>',
      '    |     ^',
      '3 errors, 0 warnings',
      '',
    ]);
  });
});
