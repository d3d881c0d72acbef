/**
 * Every colour syntax SVG allows, drawn in a real build and read back from the
 * PDF's fill operators: by the fast path (parsed shapes as a form) and by
 * svg-to-pdfkit alike. A colour neither can draw is refused, naming the file,
 * the attribute and its place.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COLOUR_HINT, parseSvgColour } from '../../src/images/svg-colour.js';
import { svgProblems } from '../../src/images/svg-safety.js';
import { parseVector } from '../../src/images/vector.js';
import { openProject, render } from '../../src/pipeline.js';
import { BASE } from '../authoring/helpers.js';
import { type Paint, paintsOf } from '../helpers/pdf.js';
import { copyProject } from '../helpers/project.js';

/** A fill value, and what the PDF fills with: a colour and its opacity, or nothing. */
const SYNTAXES: [string, string | undefined, number?][] = [
  ['#c05', '#cc0055'],
  ['#1a4c', '#11aa44', 0xcc / 255],
  ['#1a2b3c', '#1a2b3c'],
  ['#1A2B3D80', '#1a2b3d', 0x80 / 255],
  ['rgb(10, 20, 30)', '#0a141e'],
  ['rgb(11 21 31)', '#0b151f'],
  ['rgba(40, 50, 60, 0.5)', '#28323c', 0.5],
  ['rgb(100%, 50%, 0%)', '#ff8000'],
  ['rgba(0%, 40%, 100%, 25%)', '#0066ff', 0.25],
  ['rgb(300, -5, 0)', '#ff0000'],
  ['hsl(120, 100%, 25%)', '#008000'],
  ['hsla(240deg, 100%, 50%, 0.75)', '#0000ff', 0.75],
  ['hsl(300 100% 25% / 40%)', '#800080', 0.4],
  ['tomato', '#ff6347'],
  ['DarkSlateBlue', '#483d8b'],
  ['currentColor', '#123456'],
  [' none ', undefined],
  ['transparent', undefined],
];

function swatches(extra = ''): string {
  const rects = SYNTAXES.map(([fill], i) => `<rect x="${i * 10}" y="0" width="8" height="8" fill="${fill}"/>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SYNTAXES.length * 10} 8">${extra}<g color="#123456">${rects.join('')}</g></svg>`;
}

const expected: Paint[] = SYNTAXES.flatMap(([, colour, opacity = 1]) =>
  colour ? [{ kind: 'fill' as const, colour, opacity: expect.closeTo(opacity, 2) as number }] : [],
);

/** Whether `whole` starts with `part`. */
function startsWith(whole: Paint[], part: Paint[]): boolean {
  return part.every((p, i) => whole[i] !== undefined && expect.objectContaining(p).asymmetricMatch(whole[i]));
}

async function build(pictures: Record<string, string>): Promise<Uint8Array> {
  const root = await copyProject();
  await mkdir(path.join(root, 'content/handouts'), { recursive: true });
  for (const [file, svg] of Object.entries(pictures)) await writeFile(path.join(root, file), svg);
  const handout = structuredClone(BASE);
  handout.sections[0].blocks.push({
    type: 'figures',
    items: Object.keys(pictures).map((picture) => ({ picture, alt: 'Farveprøver' })),
  });
  await writeFile(path.join(root, 'content/handouts/base.json'), JSON.stringify(handout));
  const { pdf } = await render(await openProject(root), {
    handout: 'content/handouts/base.json',
    brand: 'skovlund-sygehus',
  });
  return pdf;
}

describe('SVG colours', () => {
  const fast = swatches();
  // A <defs> is beyond the fast path's subset: the picture goes to svg-to-pdfkit.
  const fallback = swatches('<defs/>');

  it('the two pictures take the two paths', () => {
    expect(parseVector(fast)).toBeDefined();
    expect(parseVector(fallback)).toBeUndefined();
  });

  it('draws every syntax in its colour and opacity, by either path', async () => {
    const pdf = await build({ 'assets/fast.svg': fast, 'assets/fallback.svg': fallback });
    const paints = await paintsOf(pdf);
    // Each picture's fills, in order: the fast path's form first, then svg-to-pdfkit's.
    const starts = paints.flatMap((p, i) => (p.colour === '#cc0055' ? [i] : []));
    expect(starts).toHaveLength(2);
    const [fastPaints, fallbackPaints] = [paints.slice(starts[0], starts[1]), paints.slice(starts[1])];
    expect(startsWith(fastPaints, expected), JSON.stringify(fastPaints)).toBe(true);
    expect(startsWith(fallbackPaints, expected), JSON.stringify(fallbackPaints)).toBe(true);
  });

  it.each([
    ['fill="blurple"', '<rect> fill="blurple" is not a colour'],
    ['stroke="rgb(1, 2)"', '<rect> stroke="rgb(1, 2)" is not a colour'],
    ['style="stroke: #12; fill: red"', '<rect> style: stroke="#12" is not a colour'],
    ['fill="url(#g) lab(50 20 20)"', '<rect> fill="url(#g) lab(50 20 20)" is not a colour'],
  ])('refuses %s, naming the file, the attribute and its line:col', (attribute, message) => {
    const svg = `<svg viewBox="0 0 1 1">\n  <rect width="1"\n    ${attribute} height="1"/></svg>`;
    expect(svgProblems(svg, 'assets/logo.svg')).toEqual([
      { file: 'assets/logo.svg', position: { line: 3, column: 5 }, message, hint: COLOUR_HINT },
    ]);
  });

  it('accepts what it draws, and a gradient with or without a fallback colour', () => {
    for (const [fill] of SYNTAXES) expect(parseSvgColour(fill), fill).toBeDefined();
    const svg = swatches('<defs><linearGradient id="g"/></defs><rect fill="url(#g)"/><rect fill="url(#g) red"/>');
    expect(svgProblems(svg, 'assets/logo.svg')).toEqual([]);
  });

  it('a build with a colour it cannot draw fails with the file and the attribute', async () => {
    await expect(
      build({ 'assets/bad.svg': '<svg viewBox="0 0 1 1"><rect width="1" height="1" fill="blurple"/></svg>' }),
    ).rejects.toThrow(/assets\/bad\.svg:1:51: <rect> fill="blurple" is not a colour/);
  });
});
