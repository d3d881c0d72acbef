import { describe, expect, it } from 'vitest';
import { parsePictureRef, pictogramId, pictureKey } from '../../src/content/picture-ref.js';

describe('picture references', () => {
  it.each([
    ['bird-dog', { kind: 'pictogram', id: 'bird-dog' }],
    ['assets/logo.svg', { kind: 'asset', path: 'assets/logo.svg' }],
    ['qr:https://example.org/a?b=1', { kind: 'qr', href: 'https://example.org/a?b=1' }],
  ] as const)('%s is read as what it names, and kept by the same text', (text, ref) => {
    expect(parsePictureRef(text)).toEqual(ref);
    expect(pictureKey(ref)).toBe(text);
  });

  it('names a pictogram id only for a pictogram', () => {
    expect(pictogramId('bird-dog')).toBe('bird-dog');
    expect(pictogramId('assets/bird-dog.svg')).toBeUndefined();
    expect(pictogramId('qr:https://example.org')).toBeUndefined();
  });
});
