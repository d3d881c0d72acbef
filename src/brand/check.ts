/**
 * Rules a brand must meet before anything is printed with it: text a reader with
 * low vision can still read (WCAG contrast 4.5:1 or more).
 */
import { diagnosticAt, type JsonDocument } from '../content/json.js';
import type { Brand } from '../content/schema.js';
import type { DiagnosticInit } from '../diagnostics.js';
import { contrast, darkenToContrast } from './colour.js';

const MIN_CONTRAST = 4.5;

/** Pairs of colours that stand on each other in every handout. */
function pairs(brand: Brand) {
  const { primary, text, onPrimary } = brand.colours;
  return [
    { field: 'text', colour: text, background: '#ffffff', what: 'body text on white paper' },
    { field: 'primary', colour: primary, background: '#ffffff', what: 'headings and links on white paper' },
    { field: 'onPrimary', colour: onPrimary, background: primary, what: 'text on the primary colour' },
  ] as const;
}

export function brandProblems(brand: Brand, doc: JsonDocument): DiagnosticInit[] {
  return pairs(brand).flatMap(({ field, colour, background, what }) => {
    const ratio = contrast(colour, background);
    if (ratio >= MIN_CONTRAST) return [];
    const fix =
      field === 'onPrimary'
        ? darkenToContrast(background, colour, MIN_CONTRAST)
        : darkenToContrast(colour, background, MIN_CONTRAST);
    return [
      diagnosticAt(
        doc,
        ['colours', field],
        `contrast of ${what} is ${ratio.toFixed(2)}:1, below ${MIN_CONTRAST}:1`,
        field === 'onPrimary'
          ? `darken "primary" to ${fix} or choose another "onPrimary"`
          : `darken it, e.g. to ${fix}`,
      ),
    ];
  });
}
