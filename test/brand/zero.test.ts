/** A zero a Danish reader cannot take for Ø, drawn through pdfkit and read back as pixels. */
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { FONT_FAMILIES, type FontFamilyId, loadFonts } from '../../src/brand/fonts.js';
import { renderPage } from '../helpers/raster.js';

const SIZE = 200;

/** A page with "0" and "Ø" drawn large; returns the PDF and the middle of each glyph, in points. */
async function zeroAndOSlash(family: FontFamilyId, style: 'regular' | 'bold') {
  const font = loadFonts(family)[style] as unknown as {
    unitsPerEm: number;
    ascent: number;
    glyphForCodePoint(cp: number): { bbox: { minX: number; maxX: number; minY: number; maxY: number } };
  };
  const doc = new PDFDocument({ size: 'A4', margin: 0 });
  doc.registerFont('f', font as unknown as Buffer);
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
  });
  const k = SIZE / font.unitsPerEm;
  const baseline = 50 + font.ascent * k;
  const middles = ['0', 'Ø'].map((ch, i) => {
    const x = 50 + i * 250;
    doc.font('f').fontSize(SIZE).text(ch, x, 50, { lineBreak: false });
    const b = font.glyphForCodePoint(ch.codePointAt(0) as number).bbox;
    return { x: x + ((b.minX + b.maxX) / 2) * k, y: baseline - ((b.minY + b.maxY) / 2) * k };
  });
  doc.end();
  return { pdf: await done, middles };
}

describe('the zero', () => {
  it.each([
    ['atkinson-hyperlegible', 'regular'],
    ['atkinson-hyperlegible', 'bold'],
    ['open-sans', 'regular'],
    ['open-sans', 'bold'],
  ] as const)('%s %s: "0" is open in the middle where "Ø" has its slash', async (family, style) => {
    const { pdf, middles } = await zeroAndOSlash(family, style);
    const page = await renderPage(pdf, 1, 2);
    const ink = ({ x, y }: { x: number; y: number }) => {
      const i = (Math.round(y * page.scale) * page.width + Math.round(x * page.scale)) * 4;
      return 255 - (page.data[i] as number);
    };
    const [zero, oSlash] = middles as [{ x: number; y: number }, { x: number; y: number }];
    expect(ink(zero), 'the middle of "0" is paper').toBeLessThan(40);
    expect(ink(oSlash), 'the middle of "Ø" is ink').toBeGreaterThan(200);
  });

  it('comes from Atkinson Hyperlegible Next, whose zero is made plain', () => {
    expect(FONT_FAMILIES['atkinson-hyperlegible'].name).toBe('Atkinson Hyperlegible Next');
    expect(loadFonts('atkinson-hyperlegible').regular.postscriptName).toMatch(/^AtkinsonHyperlegibleNext/);
  });
});
