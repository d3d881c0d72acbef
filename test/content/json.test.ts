import { describe, expect, it } from 'vitest';
import { parseJson, validate } from '../../src/content/json.js';
import { HandoutSchema } from '../../src/content/schema.js';
import { HandoutError } from '../../src/diagnostics.js';

function diagnostics(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof HandoutError) return error.diagnostics;
    throw error;
  }
  throw new Error('expected a HandoutError');
}

const handout = (sections: string) => `{
  "id": "x",
  "title": "X",
  "meta": { "documentId": "D-1", "version": "1.0", "date": "2026-01-01", "reviewDate": "2027-01-01", "author": "A" },
  "sections": ${sections}
}`;

describe('parseJson', () => {
  it('points at a trailing comma with line and column', () => {
    const [d] = diagnostics(() => parseJson('h.json', '{\n  "a": 1,\n}'));
    expect(d).toMatchObject({ file: 'h.json', position: { line: 3, column: 1 } });
    expect(d?.message).toMatch(/malformed JSON/);
    expect(d?.hint).toMatch(/trailing comma/);
  });

  it('points at an unclosed string', () => {
    const [d] = diagnostics(() => parseJson('h.json', '{\n  "a": "open\n}'));
    expect(d?.position?.line).toBe(2);
    expect(d?.message).toMatch(/unexpected end of string|unterminated/i);
  });

  it('keeps __proto__ as data, so the strict schema refuses it', () => {
    const doc = parseJson('h.json', '{"__proto__": {"polluted": true}}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(doc.value as object, '__proto__')).toBe(true);
  });
});

describe('validate', () => {
  it('names the JSON path and the line of a wrong type', () => {
    const doc = parseJson('h.json', handout('[{ "title": 42, "blocks": [{ "type": "paragraph", "text": "t" }] }]'));
    const [d] = diagnostics(() => validate(doc, HandoutSchema));
    expect(d).toMatchObject({ path: 'sections[0].title', position: { line: 5 } });
    expect(d?.message).toMatch(/expected string, received number/);
  });

  it('names an unknown field and where it is', () => {
    const doc = parseJson(
      'h.json',
      handout('[{ "title": "S", "blokke": [], "blocks": [{ "type": "paragraph", "text": "t" }] }]'),
    );
    const [d] = diagnostics(() => validate(doc, HandoutSchema));
    expect(d?.message).toBe('unknown field "blokke"');
    expect(d?.path).toBe('sections[0].blokke');
    expect(d?.position).toEqual({ line: 5, column: 32 });
  });

  it('suggests the block type that was meant', () => {
    const doc = parseJson('h.json', handout('[{ "title": "S", "blocks": [{ "type": "paragrph", "text": "t" }] }]'));
    const [d] = diagnostics(() => validate(doc, HandoutSchema));
    expect(d?.path).toBe('sections[0].blocks[0].type');
    expect(d?.hint).toBe('did you mean "paragraph"?');
  });

  it('reports a missing required field by name', () => {
    const doc = parseJson('h.json', '{ "id": "x", "meta": {}, "sections": [] }');
    const messages = diagnostics(() => validate(doc, HandoutSchema)).map((d) => d.message);
    expect(messages).toContain('missing required field "title" (expected string)');
    expect(messages).toContain('missing required field "documentId" (expected string)');
  });
});
