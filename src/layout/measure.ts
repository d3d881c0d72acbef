/**
 * Text measurement with the same fontkit fonts pdfkit draws with, so what
 * layout measures is what the page shows.
 */
import type { LoadedFonts } from '../brand/fonts.js';
import type { Measurer } from './types.js';

export function fontMeasurer(fonts: LoadedFonts): Measurer {
  // Words repeat a lot in a handout; shaping each once per process is most of the speed.
  const cache = new Map<string, number>();
  return {
    width(text, style, size) {
      const key = `${style}\u0000${text}`;
      let units = cache.get(key);
      if (units === undefined) {
        const font = fonts[style];
        units = font.layout(text).advanceWidth / font.unitsPerEm;
        cache.set(key, units);
      }
      return units * size;
    },
    ascent(style, size) {
      const font = fonts[style];
      return (font.ascent / font.unitsPerEm) * size;
    },
    height(style, size) {
      const font = fonts[style];
      return ((font.ascent - font.descent) / font.unitsPerEm) * size;
    },
  };
}
