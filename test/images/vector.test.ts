import { describe, expect, it } from 'vitest';
import { parseVector } from '../../src/images/vector.js';

describe('parseVector', () => {
  it('reads shapes with inherited style and composed transforms', () => {
    const picture = parseVector(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 30"><g fill="#ff0000" stroke="#000000" stroke-width="2" transform="translate(10 5)"><circle cx="1" cy="2" r="3"/><rect x="0" y="0" width="4" height="5" rx="1" fill="none" transform="scale(2)"/></g></svg>',
    );
    expect(picture?.viewBox).toEqual([0, 0, 40, 30]);
    expect(picture?.ops).toEqual([
      {
        shape: { kind: 'circle', cx: 1, cy: 2, r: 3 },
        style: expect.objectContaining({ fill: '#ff0000', stroke: '#000000', strokeWidth: 2 }),
        matrix: [1, 0, 0, 1, 10, 5],
      },
      {
        shape: { kind: 'rect', x: 0, y: 0, width: 4, height: 5, rx: 1 },
        style: expect.objectContaining({ fill: undefined, stroke: '#000000' }),
        matrix: [2, 0, 0, 2, 10, 5],
      },
    ]);
  });

  it('reads a picture with a title and a description, which draw nothing', () => {
    const plain = '<circle cx="1" cy="2" r="3" fill="#ff0000"/>';
    const described = parseVector(
      `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 30"><title>Logo</title><desc>En <tspan>rød</tspan> cirkel</desc>${plain}</svg>`,
    );
    expect(described).toBeDefined();
    expect(described).toEqual(
      parseVector(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 30">${plain}</svg>`),
    );
  });

  it('leaves anything beyond the simple subset to svg-to-pdfkit', () => {
    expect(parseVector('<svg viewBox="0 0 1 1"><text x="0" y="0">Hej</text></svg>')).toBeUndefined();
    expect(parseVector('<svg viewBox="0 0 1 1"><path d="M0 0" style="fill:red"/></svg>')).toBeUndefined();
    expect(parseVector('<svg viewBox="0 0 1 1"><defs><linearGradient id="g"/></defs></svg>')).toBeUndefined();
    expect(parseVector('<svg width="10" height="10"><path d="M0 0"/></svg>')).toBeUndefined();
    expect(parseVector('<svg viewBox="0 0 1 1"><title>Logo</title><text x="0" y="0">Hej</text></svg>')).toBeUndefined();
  });
});
