/** A line written straight into the page is the line pdfkit's text() writes, byte for byte. */
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { type FontFamilyId, loadFonts } from '../../src/brand/fonts.js';
import { writeLine } from '../../src/draw/text.js';

/** A PDF of `lines` at one size, each drawn by `draw`, with nothing in it that changes from run to run. */
async function pdfOf(
  family: FontFamilyId,
  lines: readonly string[],
  draw: (doc: PDFKit.PDFDocument, text: string, y: number) => void,
): Promise<Buffer> {
  const date = new Date('2026-01-01T00:00:00Z');
  const doc = new PDFDocument({ size: 'A4', margin: 0, info: { CreationDate: date, ModDate: date } });
  doc.registerFont('regular', loadFonts(family).regular as unknown as Buffer);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
  });
  doc.font('regular').fontSize(11.5).fillColor('#1f4e79');
  lines.forEach((line, i) => {
    draw(doc, line, 40 + i * 20);
  });
  doc.end();
  return done;
}

const LINES = [
  'Hvis ryggen gør ondt, så gå en tur: 10–20 minutter.',
  'AVATAR To Tå Vækst, Wye, \u00c5se og \u00d8rsted',
  // Combining marks are placed apart from their letter (an offset): another way of writing.
  'e\u0301 a\u0308 o\u0302 — mixed with plain words again',
  'two  spaces,\ta tab and a trailing space ',
  'VA',
];

describe('writing a line of text', () => {
  for (const family of ['atkinson-hyperlegible', 'open-sans'] as const) {
    it(`gives the bytes of doc.text(..., { lineBreak: false }) in ${family}, kerning and marks included`, async () => {
      const theirs = await pdfOf(family, LINES, (doc, text, y) => {
        doc.text(text, 30, y, { lineBreak: false });
      });
      const ours = await pdfOf(family, LINES, (doc, text, y) => {
        writeLine(doc, text, 30, y);
      });
      expect(ours.equals(theirs)).toBe(true);
    });
  }
});
