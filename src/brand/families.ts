/**
 * The font families a brand may choose and their files: known without loading
 * fontkit, so that a batch with nothing to build can fingerprint them cheaply.
 */
import type { Brand } from '../content/schema.js';

export type FontStyle = 'regular' | 'bold';

export interface FontFamily {
  name: string;
  files: Record<FontStyle, string>;
  /** The family slashes its zero, which a Danish reader takes for Ø: draw it plain. */
  plainZero?: boolean;
}

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
