/** Characters a content file uses that the brand's font cannot draw: they would print as empty boxes. */
import { diagnosticAt, type JsonDocument } from '../content/json.js';
import type { DiagnosticInit } from '../diagnostics.js';
import { type FontFamilyId, loadFonts, missingGlyphs } from './fonts.js';

/** Every string of a JSON value with its path, to look for characters the font cannot draw. */
function* strings(value: unknown, at: (string | number)[] = []): Generator<[string, (string | number)[]]> {
  if (typeof value === 'string') yield [value, at];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, [...at, i]);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) if (k !== '$schema') yield* strings(v, [...at, k]);
}

/** Fields of a programme that name a person: their text never goes into a message. */
const PRIVATE = new Set(['client']);

export function glyphWarnings(doc: JsonDocument, family: FontFamilyId = 'atkinson-hyperlegible'): DiagnosticInit[] {
  const font = loadFonts(family).regular;
  const out: DiagnosticInit[] = [];
  for (const [text, at] of strings(doc.value)) {
    const missing = missingGlyphs(font, text);
    if (missing.length > 0 && at.length === 1 && PRIVATE.has(at[0] as string)) {
      // Never quote (part of) a client's name: warnings end up in logs.
      out.push({
        ...diagnosticAt(
          doc,
          at,
          `the font cannot draw ${missing.length} character${missing.length === 1 ? '' : 's'} of this field`,
          'they would print as empty boxes; check the spelling in the file',
        ),
        severity: 'warning',
      });
    } else if (missing.length > 0) {
      out.push({
        ...diagnosticAt(
          doc,
          at,
          `the font cannot draw ${missing.map((c) => `"${c}" (U+${(c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')})`).join(', ')}`,
          'they would print as empty boxes; write them differently',
        ),
        severity: 'warning',
      });
    }
  }
  return out;
}
