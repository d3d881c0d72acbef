/**
 * Colour on a terminal: file names and severities of diagnostics stand out for
 * a person reading them, and nothing but plain text reaches a log, a pipe or CI.
 */
import { styleText } from 'node:util';
import type { DiagnosticStyle } from '../diagnostics.js';

type Format = Parameters<typeof styleText>[0];
export type Paint = (format: Format, text: string) => string;

const off = (value: string | undefined) => value === '0' || value === 'false';

/**
 * Whether to colour what goes to a stream. `FORCE_COLOR` decides when it is set
 * (`0` or `false`: never); otherwise only a terminal gets colour, and not when
 * `NO_COLOR` is set (https://no-color.org) or in CI, whose logs keep the codes.
 */
export function wantsColour(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (env.FORCE_COLOR !== undefined) return !off(env.FORCE_COLOR);
  return isTTY && !env.NO_COLOR && (!env.CI || off(env.CI));
}

/** Paint for one stream: the decision is ours (above), so node's own check of the stream is skipped. */
export function painter(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Paint {
  if (!wantsColour(env, Boolean(stream.isTTY))) return (_format, text) => text;
  return (format, text) => styleText(format, text, { validateStream: false });
}

/** Errors red, warnings yellow: the place in bold, and the word "warning:". */
export function diagnosticColours(paint: Paint): DiagnosticStyle {
  return (_part, text, severity) => paint(['bold', severity === 'warning' ? 'yellow' : 'red'], text);
}
