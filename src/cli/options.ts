/**
 * Command-line options are input too: a value of the wrong form is a diagnostic
 * naming the option, what was expected and what was given, never a crash or a
 * silent default.
 */
import { FatalError } from '../diagnostics.js';

export function optionError(option: string, message: string, hint?: string): FatalError {
  return new FatalError({ file: option, message, hint });
}

/** A whole number from `min` up; yargs gives NaN for "abc". */
export function wholeNumber(option: string, value: number | undefined, min: number, max = 100_000): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min || value > max)
    throw optionError(
      option,
      `expected a whole number from ${min} to ${max.toLocaleString('en')}, got ${Number.isNaN(value) ? 'something else' : `"${value}"`}`,
    );
  return value;
}

/** A real calendar date written YYYY-MM-DD. */
export function isoDate(option: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime()) || !date.toISOString().startsWith(value))
    throw optionError(option, `expected a date written YYYY-MM-DD, got "${value}"`, 'e.g. 2026-12-01');
  return value;
}
