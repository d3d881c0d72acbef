/**
 * What a content file is. A handout and a programme are validated, resolved and
 * built differently (a programme for its own clinic's brand), so every stage asks
 * here instead of looking for a key of its own.
 */
export type DocumentKind = 'handout' | 'programme';

const BY_SCHEMA: Readonly<Record<string, DocumentKind>> = {
  'handout.schema.json': 'handout',
  'programme.schema.json': 'programme',
};

/**
 * By the schema the file names, so that a programme with a mistyped "client" is
 * still checked as a programme; else by its content: a programme names a client.
 */
export function documentKind(value: unknown): DocumentKind {
  if (typeof value !== 'object' || value === null) return 'handout';
  const schema = (value as { $schema?: unknown }).$schema;
  const named = typeof schema === 'string' ? BY_SCHEMA[schema.split('/').at(-1) ?? ''] : undefined;
  return named ?? (Object.hasOwn(value, 'client') ? 'programme' : 'handout');
}
