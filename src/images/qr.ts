/** QR codes as vector pictures: one path of dark modules, crisp at any size and tiny in the PDF. */
import type { VectorPicture } from './vector.js';

/** The quiet zone a scanner needs around the code, in modules. */
const QUIET = 4;

export async function qrPicture(text: string): Promise<VectorPicture> {
  // Loaded on first use: most documents have no QR code, and a cold start pays for every module.
  const { default: QRCode } = await import('qrcode');
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  let d = '';
  for (let row = 0; row < n; row++) {
    // Runs of dark modules in a row become one rectangle each: fewer path segments.
    let col = 0;
    while (col < n) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && modules.get(row, col)) col++;
      d += `M${start + QUIET} ${row + QUIET}h${col - start}v1h${start - col}z`;
    }
  }
  const size = n + 2 * QUIET;
  return {
    viewBox: [0, 0, size, size],
    ops: [
      {
        shape: { kind: 'path', d },
        style: {
          fill: '#000000',
          stroke: undefined,
          strokeWidth: 0,
          lineCap: 'butt',
          lineJoin: 'miter',
          fillOpacity: 1,
          strokeOpacity: 1,
        },
        matrix: [1, 0, 0, 1, 0, 0],
      },
    ],
  };
}
