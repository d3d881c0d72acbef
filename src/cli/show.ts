/** How the command line shows a diagnostic on one of its streams. */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { MAX_CONTENT_BYTES } from '../content/files.js';
import { type DiagnosticInit, styleDiagnostic } from '../diagnostics.js';
import { PACKAGE_ROOT } from '../packaged.js';
import { diagnosticColours, painter } from './colour.js';
import { excerpt, formatExcerpt } from './excerpt.js';

export type Show = (d: DiagnosticInit) => string;

const inside = (dir: string, file: string) => {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
};

/**
 * The text of a file a diagnostic names, to quote a line of: only a file of
 * the project or the package, of a content file's size, and never a programme,
 * whose every line may be about a client (a CI log keeps what it is shown).
 */
export function sourceReader(root: string): (file: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  const read = (file: string) => {
    const full = path.resolve(root, file);
    if (!inside(path.resolve(root), full) && !inside(PACKAGE_ROOT, full)) return undefined;
    try {
      const stat = statSync(full);
      if (!stat.isFile() || stat.size > MAX_CONTENT_BYTES) return undefined;
      const text = readFileSync(full, 'utf8');
      return /"client"\s*:/.test(text) ? undefined : text;
    } catch {
      return undefined;
    }
  };
  return (file) => {
    if (!cache.has(file)) cache.set(file, read(file));
    return cache.get(file);
  };
}

/**
 * Diagnostics for `stream`: coloured when it is a terminal that wants colour,
 * each with the line of its file it points at, when it has a place.
 */
export function showOn(stream: { isTTY?: boolean }, root: string): Show {
  const style = diagnosticColours(painter(stream));
  const source = sourceReader(root);
  return (d) => {
    const line = styleDiagnostic(d, style);
    const text = d.position && source(d.file);
    const quoted = text && d.position ? excerpt(text, d.position) : undefined;
    if (!quoted) return line;
    return [line, ...formatExcerpt(quoted, (caret) => style('severity', caret, d.severity ?? 'error'))].join('\n');
  };
}

/** A failure's diagnostics, or the text of an internal error. */
export function showFailure(failure: { message: string; diagnostics?: readonly DiagnosticInit[] }, show: Show) {
  return failure.diagnostics ? failure.diagnostics.map(show).join('\n') : failure.message;
}
