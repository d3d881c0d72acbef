/** How the command line shows a diagnostic on one of its streams. */
import { type DiagnosticInit, styleDiagnostic } from '../diagnostics.js';
import { diagnosticColours, painter } from './colour.js';

export type Show = (d: DiagnosticInit) => string;

/** Diagnostics for `stream`: coloured when it is a terminal that wants colour. */
export function showOn(stream: { isTTY?: boolean }): Show {
  const style = diagnosticColours(painter(stream));
  return (d) => styleDiagnostic(d, style);
}

/** A failure's diagnostics, or the text of an internal error. */
export function showFailure(failure: { message: string; diagnostics?: readonly DiagnosticInit[] }, show: Show) {
  return failure.diagnostics ? failure.diagnostics.map(show).join('\n') : failure.message;
}
