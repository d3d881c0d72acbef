/**
 * The fonts a brand may choose, bundled from npm as static TTFs (WOFF2 crashes
 * pdfkit's subsetter on composite glyphs such as å). Each file is parsed once
 * per process: pdfkit would otherwise re-parse it for every document.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import { FONT_FAMILIES, type FontFamilyId, type FontStyle } from './families.js';
import { unslashZeros } from './zero.js';

export { FONT_FAMILIES, type FontFamilyId, type FontStyle };

/**
 * The part of a fontkit font handout uses. Declared here, not taken from fontkit
 * (which ships no types), so that the published types name no untyped module.
 */
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

const require = createRequire(import.meta.url);

export type LoadedFonts = Record<FontStyle, Font>;

const cache = new Map<FontFamilyId, LoadedFonts>();

export function loadFonts(id: FontFamilyId): LoadedFonts {
  let fonts = cache.get(id);
  if (!fonts) {
    const family = FONT_FAMILIES[id];
    const open = (file: string) => {
      const data = readFileSync(require.resolve(file));
      const font = fontkit.create(data);
      if (!('plainZero' in family && family.plainZero)) return font;
      return fontkit.create(unslashZeros(data, zeroGlyphs(font)));
    };
    fonts = { regular: open(family.files.regular), bold: open(family.files.bold) };
    cache.set(id, fonts);
  }
  return fonts;
}

/** The zero and its variants (tabular figures): the glyphs whose slash is taken out. */
function zeroGlyphs(font: Font): number[] {
  const ids = [font.glyphForCodePoint(0x30).id];
  for (let id = 0; id < font.numGlyphs; id++) if (/^zero\.tf$/.test(font.getGlyph(id).name)) ids.push(id);
  return ids;
}

/** Characters of `text` the font cannot draw, each once, in order of appearance. */
export function missingGlyphs(font: Font, text: string): string[] {
  const missing = new Set<string>();
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (cp > 0x20 && cp !== 0xad && !font.hasGlyphForCodePoint(cp)) missing.add(ch);
  }
  return [...missing];
}
