/**
 * A brand's data turned into the numbers layout works with: page geometry,
 * type sizes, spacing and colours. Switching brand changes nothing but this.
 */
import { VARIANTS, type Variant } from '../content/manifest-schema.js';
import type { Brand } from '../content/schema.js';
import { tint } from './colour.js';
import type { FontFamilyId } from './families.js';

const MM = 72 / 25.4;

export interface Theme {
  page: { width: number; height: number };
  /** The frame body text flows in; header and footer sit outside it. */
  frame: { left: number; right: number; top: number; bottom: number };
  header: { top: number; height: number };
  footer: { baseline: number };
  font: FontFamilyId;
  size: { body: number; h1: number; h2: number; h3: number; caption: number; small: number };
  /** Line height as a multiple of the font size. */
  leading: number;
  /** The longest a line of text may be, in points: about 70 characters of body text. */
  measure: number;
  space: { block: number; heading: number; inner: number; padding: number };
  colour: {
    primary: string;
    accent: string;
    text: string;
    muted: string;
    onPrimary: string;
    rule: string;
    cardFill: string;
    callout: Record<'info' | 'warning' | 'danger', { bar: string; fill: string }>;
  };
  /** The picture's share of a media block's width, and how much larger pictures are in this variant. */
  picture: { mediaShare: number; scale: number };
}

// The command line names the variants with the theme that draws them.
export { VARIANTS, type Variant };

/**
 * The same content at another size. Large print: body 16 pt, headings in
 * proportion, bigger pictures.
 */
export function themeFor(brand: Brand, variant: Variant = 'standard'): Theme {
  const k = variant === 'large-print' ? 16 / 13 : 1;
  const width = 595.28;
  const height = 841.89;
  const side = 20 * MM;
  const { primary, accent, text, onPrimary } = brand.colours;
  return {
    page: { width, height },
    header: { top: 12 * MM, height: 16 * MM },
    frame: { left: side, right: width - side, top: 34 * MM, bottom: height - 22 * MM },
    footer: { baseline: height - 12 * MM },
    font: brand.font,
    size: {
      body: 13 * k,
      h1: 27 * k,
      h2: 18 * k,
      h3: 15 * k,
      caption: k > 1 ? 16 : 11.5,
      small: 9 * (k > 1 ? 11 / 9 : 1),
    },
    leading: 1.4,
    // Danish text in Atkinson Hyperlegible averages 0.44 em a character: 31 em is about 70.
    measure: 13 * k * 31,
    space: { block: 8, heading: 18, inner: 6, padding: 10 },
    colour: {
      primary,
      accent,
      text,
      muted: '#4d4d4d',
      onPrimary,
      rule: tint(primary, 0.7),
      cardFill: tint(primary, 0.94),
      callout: {
        info: { bar: primary, fill: tint(primary, 0.9) },
        warning: { bar: '#b35c00', fill: '#fdf1e3' },
        danger: { bar: '#b3261e', fill: '#fce8e6' },
      },
    },
    picture: { mediaShare: 0.4, scale: k > 1 ? 1.25 : 1 },
  };
}
