/**
 * The one error type every stage throws. It carries what a person needs to fix
 * the input: which file, where in it, what was wrong and, where we can tell, how
 * to fix it. The CLI prints it like a compiler; the batch collects them.
 */
export interface Position {
  line: number;
  column: number;
}

export interface DiagnosticInit {
  file: string;
  /** A JSON path such as `sections[3].blocks[1]`, when the input is JSON. */
  path?: string;
  position?: Position;
  message: string;
  hint?: string;
  severity?: 'error' | 'warning';
}

export class HandoutError extends Error {
  readonly diagnostics: readonly DiagnosticInit[];

  constructor(diagnostics: DiagnosticInit | readonly DiagnosticInit[], options?: { cause?: unknown }) {
    const list = Array.isArray(diagnostics) ? diagnostics : [diagnostics as DiagnosticInit];
    super(list.map(formatDiagnostic).join('\n'), options);
    this.name = 'HandoutError';
    this.diagnostics = list;
  }
}

/**
 * A problem that stops the whole run before any content is read: no project
 * there, an option of the wrong form. The CLI exits 2 for it (as eslint and
 * typst do), and 1 for problems in the content.
 */
export class FatalError extends HandoutError {
  override readonly name = 'FatalError';
}

/** The parts of a diagnostic a terminal may colour. */
export type DiagnosticPart = 'where' | 'severity';

/** Dresses a part of a diagnostic (the CLI colours it on a terminal); the text must read the same without it. */
export type DiagnosticStyle = (part: DiagnosticPart, text: string, severity: 'error' | 'warning') => string;

/** `file:line:col: path: message (hint)`, the shape editors and CI annotate. */
export function formatDiagnostic(d: DiagnosticInit): string {
  return styleDiagnostic(d, (_part, text) => text);
}

/** The same line with its parts dressed by `style`. */
export function styleDiagnostic(d: DiagnosticInit, style: DiagnosticStyle): string {
  const severity = d.severity ?? 'error';
  const where = style('where', d.position ? `${d.file}:${d.position.line}:${d.position.column}` : d.file, severity);
  const path = d.path ? `${d.path}: ` : '';
  const level = severity === 'warning' ? `${style('severity', 'warning:', severity)} ` : '';
  const hint = d.hint ? ` (${d.hint})` : '';
  return `${where}: ${level}${path}${d.message}${hint}`;
}

/** Each diagnostic once, in the order first found. */
export function uniqueDiagnostics(list: readonly DiagnosticInit[]): DiagnosticInit[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = JSON.stringify([d.file, d.position?.line, d.position?.column, d.path, d.message, d.hint, d.severity]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Line and column of many offsets in one text: line starts found once, then a
 * binary search per offset (a long markup text has thousands of tags).
 */
export function positionFinder(text: string): (offset: number) => Position {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] as number) + 1 };
  };
}

/** 1-based line and column of a character offset. */
export function positionAt(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
