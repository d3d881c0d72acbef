/** A short, stable fingerprint of what a handout says: changing one word changes it. */
import { createHash } from 'node:crypto';

/** JSON with keys sorted, so the same content always gives the same text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .filter((k) => k !== '$schema')
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The first 8 hex digits of the SHA-256 of the content (the handout with its exercises resolved). */
export function contentHash(content: unknown): string {
  return createHash('sha256').update(canonical(content)).digest('hex').slice(0, 8);
}
