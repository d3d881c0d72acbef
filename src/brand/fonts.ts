/**
 * The fonts a brand may choose, bundled from npm as static TTFs (WOFF2 crashes
 * pdfkit's subsetter on composite glyphs such as å). Each file is parsed once
 * per process: pdfkit would otherwise re-parse it for every document.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import type { Brand } from '../content/schema.js';
import { unslashZeros } from './zero.js';

export type FontStyle = 'regular' | 'bold';

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
}

export interface Glyph {
  id: number;
  name: string;
  path: { commands: { command: string; args: number[] }[]; toSVG(): string };
}

export interface FontFamily {
  name: string;
  files: Record<FontStyle, string>;
  /** The family slashes its zero, which a Danish reader takes for Ø: draw it plain. */
  plainZero?: boolean;
}

const require = createRequire(import.meta.url);

export const FONT_FAMILIES = {
  'atkinson-hyperlegible': {
    name: 'Atkinson Hyperlegible Next',
    files: {
      regular: '@expo-google-fonts/atkinson-hyperlegible-next/400Regular/AtkinsonHyperlegibleNext_400Regular.ttf',
      bold: '@expo-google-fonts/atkinson-hyperlegible-next/700Bold/AtkinsonHyperlegibleNext_700Bold.ttf',
    },
    plainZero: true,
  },
  'open-sans': {
    name: 'Open Sans',
    files: {
      regular: '@expo-google-fonts/open-sans/400Regular/OpenSans_400Regular.ttf',
      bold: '@expo-google-fonts/open-sans/700Bold/OpenSans_700Bold.ttf',
    },
  },
} as const satisfies Record<Brand['font'], FontFamily>;

export type FontFamilyId = keyof typeof FONT_FAMILIES;

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
