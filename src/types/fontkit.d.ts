// The small part of fontkit that handout uses (fontkit ships no types).
declare module 'fontkit' {
  export interface Font {
    unitsPerEm: number;
    ascent: number;
    descent: number;
    lineGap: number;
    familyName: string;
    postscriptName: string;
    numGlyphs: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
    glyphForCodePoint(codePoint: number): Glyph;
    getGlyph(id: number): Glyph;
    layout(text: string): { advanceWidth: number };
    createSubset(): unknown;
  }
  export interface Glyph {
    id: number;
    name: string;
    advanceWidth: number;
    codePoints: number[];
    path: { commands: { command: string; args: number[] }[]; toSVG(): string };
  }
  export function create(buffer: Buffer): Font;
}
