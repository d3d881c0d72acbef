/**
 * Reading a JSON content file so that every later complaint can point at the
 * line and column the author wrote: a syntax error, a schema mismatch, an
 * unknown id.
 */
import { findNodeAtLocation, type Node, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { z } from 'zod';
import { type DiagnosticInit, HandoutError, type Position, positionAt } from '../diagnostics.js';
import { didYouMean } from './suggest.js';

export type JsonPath = readonly (string | number)[];

export interface JsonDocument {
  file: string;
  text: string;
  value: unknown;
  tree: Node | undefined;
}

/** Deeper than any content file needs; a parser that recurses would overflow long before a real limit. */
const MAX_DEPTH = 64;

/** The offset where nesting first goes deeper than MAX_DEPTH, found without recursion. */
function tooDeep(text: string): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > MAX_DEPTH) return i;
    } else if (c === 93 || c === 125) depth--;
  }
  return undefined;
}

/** A key given twice in one object: JSON.parse would silently keep the last. */
function duplicateKeys(tree: Node | undefined): Node[] {
  const out: Node[] = [];
  const stack = tree ? [tree] : [];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (node.type === 'object') {
      const seen = new Set<string>();
      for (const property of node.children ?? []) {
        const key = property.children?.[0];
        if (key && seen.has(String(key.value))) out.push(key);
        if (key) seen.add(String(key.value));
      }
    }
    stack.push(...(node.children ?? []));
  }
  return out.sort((a, b) => a.offset - b.offset);
}

export function parseJson(file: string, raw: string): JsonDocument {
  // Editors on Windows may save a byte-order mark; it is not part of the JSON, nor a column an editor counts.
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (text.trim() === '')
    throw new HandoutError({ file, message: 'the file is empty', hint: 'a content file holds one JSON object: { … }' });
  const deep = tooDeep(text);
  if (deep !== undefined) {
    throw new HandoutError({
      file,
      position: positionAt(text, deep),
      message: `JSON nested more than ${MAX_DEPTH} levels deep`,
      hint: 'content files need only a few levels',
    });
  }
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length > 0) {
    // The first error only: what the parser says after it (a "comma expected" after an
    // unclosed string) follows from the first and points at the wrong place.
    const first = errors.slice(0, 1);
    throw new HandoutError(
      first.map((e) => ({
        file,
        position: positionAt(text, e.offset),
        message: `malformed JSON: ${describeParseError(printParseErrorCode(e.error))}`,
        hint: parseHint(printParseErrorCode(e.error)),
      })),
    );
  }
  const duplicates = duplicateKeys(tree);
  if (duplicates.length > 0) {
    throw new HandoutError(
      duplicates.map((key) => ({
        file,
        position: positionAt(text, key.offset),
        message: `"${String(key.value)}" is given twice in the same object`,
        hint: 'keep one of them',
      })),
    );
  }
  // JSON.parse, not the tree, makes the value: it defines "__proto__" as a plain
  // own key (which the strict schemas then refuse) instead of setting a prototype.
  return { file, text, value: JSON.parse(text), tree };
}

/**
 * Content handed over as an object (the library API) rather than a file: checked as
 * the same file would be, its diagnostics named `name` and placed by JSON path (an
 * object has no lines). It goes through JSON text, so it holds what a file could.
 */
export function objectDocument(name: string, value: unknown, maxBytes: number): JsonDocument {
  let text: string | undefined;
  try {
    text = JSON.stringify(value, null, 2);
  } catch (error) {
    throw new HandoutError({
      file: name,
      message: `the content cannot be written as JSON: ${error instanceof Error ? error.message : String(error)}`,
      hint: 'pass plain data: objects, arrays, strings, numbers and booleans',
    });
  }
  if (text === undefined || typeof value !== 'object' || value === null || Array.isArray(value))
    throw new HandoutError({ file: name, message: 'expected the content as an object: { … }' });
  if (Buffer.byteLength(text) > maxBytes)
    throw new HandoutError({
      file: name,
      message: `the content is larger than a content file may be (${maxBytes} bytes)`,
    });
  return { file: name, text, value: JSON.parse(text), tree: undefined };
}

function describeParseError(code: string): string {
  const words = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words;
}

function parseHint(code: string): string | undefined {
  switch (code) {
    case 'PropertyNameExpected':
    case 'ValueExpected':
      return 'look for a trailing comma before } or ]';
    case 'UnexpectedEndOfString':
      return 'a string is not closed with "';
    case 'CommaExpected':
      return 'a comma is missing between two entries';
    case 'InvalidCommentToken':
      return 'JSON does not allow comments';
    default:
      return undefined;
  }
}

/** Where a JSON path points in the file; a missing key points at its parent. */
export function locate(doc: JsonDocument, path: JsonPath): Position | undefined {
  if (!doc.tree) return undefined;
  for (let n = path.length; n >= 0; n--) {
    const node = findNodeAtLocation(doc.tree, [...path.slice(0, n)]);
    if (node) {
      // Point at the key of a property rather than its value: that is what the author typed.
      const at = node.parent?.type === 'property' && node.parent.children?.[1] === node ? node.parent : node;
      return positionAt(doc.text, at.offset);
    }
  }
  return undefined;
}

export function formatPath(path: JsonPath): string {
  let out = '';
  for (const part of path) {
    out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
  }
  return out;
}

/** A diagnostic at a JSON path of a document. */
export function diagnosticAt(doc: JsonDocument, path: JsonPath, message: string, hint?: string): DiagnosticInit {
  return { file: doc.file, path: formatPath(path) || undefined, position: locate(doc, path), message, hint };
}

/** Validate a document against a schema; every issue becomes a diagnostic with its place. */
export function validate<S extends z.ZodType>(doc: JsonDocument, schema: S): z.output<S> {
  const result = schema.safeParse(doc.value);
  if (result.success) return result.data;
  throw new HandoutError(result.error.issues.map((issue) => issueDiagnostic(doc, issue, schema)));
}

/** The zod definition fields this module reads to find an object's fields. */
interface Def {
  type: string;
  shape?: Record<string, { _zod: { def: Def } }>;
  element?: { _zod: { def: Def } };
  innerType?: { _zod: { def: Def } };
  options?: { _zod: { def: Def } }[];
  values?: unknown[];
}

/** The field names an object at `path` may have, following the value through unions. */
export function fieldsAt(schema: z.ZodType, value: unknown, path: JsonPath): string[] {
  let def = (schema as unknown as { _zod: { def: Def } })._zod.def;
  let at: unknown = value;
  let i = 0;
  for (let guard = 0; guard < 200; guard++) {
    if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default')
      def = def.innerType?._zod.def as Def;
    else if (def.type === 'union') {
      // The option whose literal fields match the value (a block's "type"), else the first object.
      const objects = (def.options ?? []).map((o) => o._zod.def).filter((o) => o.type === 'object');
      const matches = (o: Def) =>
        Object.entries(o.shape ?? {}).every(
          ([k, f]) =>
            f._zod.def.type !== 'literal' || (f._zod.def.values ?? []).includes((at as Record<string, unknown>)?.[k]),
        );
      def = objects.find(matches) ?? (objects[0] as Def);
      if (!def) return [];
    } else if (i === path.length) return def.type === 'object' ? Object.keys(def.shape ?? {}) : [];
    else if (def.type === 'object') {
      const key = path[i++] as string;
      at = (at as Record<string, unknown>)?.[key];
      const next = def.shape?.[key];
      if (!next) return [];
      def = next._zod.def;
    } else if (def.type === 'array') {
      at = (at as unknown[])?.[path[i++] as number];
      def = def.element?._zod.def as Def;
    } else return [];
    if (!def) return [];
  }
  return [];
}

function issueDiagnostic(doc: JsonDocument, issue: z.core.$ZodIssue, schema: z.ZodType): DiagnosticInit {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const known = fieldsAt(schema, doc.value, path);
    return diagnosticAt(
      doc,
      [...path, key],
      `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`,
      didYouMean(key, known) ?? 'remove it or check its spelling',
    );
  }
  if (issue.code === 'invalid_union' && 'options' in issue && Array.isArray(issue.options)) {
    const options = issue.options.map(String);
    const given = valueAt(doc.value, path);
    return diagnosticAt(
      doc,
      path,
      given === undefined
        ? `missing "${String(path.at(-1))}"`
        : `unknown ${String(path.at(-1))} ${JSON.stringify(given)}`,
      didYouMean(String(given), options) ?? `expected one of ${options.map((o) => `"${o}"`).join(', ')}`,
    );
  }
  if (issue.code === 'invalid_type' && valueAt(doc.value, path) === undefined) {
    return diagnosticAt(doc, path, `missing required field "${String(path.at(-1))}" (expected ${issue.expected})`);
  }
  return diagnosticAt(doc, path, lowerFirst(issue.message.replace(/^Invalid input: /, '')));
}

function valueAt(value: unknown, path: JsonPath): unknown {
  let at = value;
  for (const part of path) {
    if (at === null || typeof at !== 'object' || !Object.hasOwn(at, part)) return undefined;
    at = (at as Record<string | number, unknown>)[part];
  }
  return at;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
