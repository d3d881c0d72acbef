/**
 * Scene → SVG. Paint order: back props, ghost figures, figures (each
 * painted back to front; "middle" props go between its two legs), front
 * props, arrows. Only basic SVG elements, so svg-to-pdfkit draws it
 * faithfully. No width/height on <svg>: it scales to whatever box it is
 * given (svg-to-pdfkit's width/height options, or the viewBox size in sharp).
 */
import { arrowSvg } from './arrows.js';
import { type Camera, type PosedFigure, poseFigure } from './body.js';
import { figureColours, figureParts, partSvg } from './figure.js';
import { propColours, propSvg } from './props.js';
import { pointResolver } from './refs.js';
import type { Palette, Prop, Scene } from './scene.js';
import { group, n } from './svg.js';

export const SIZES = { standard: [400, 300], wide: [600, 300] } as const;

export function sceneSize(scene: Scene): readonly [number, number] {
  return SIZES[scene.aspect ?? 'standard'];
}

function figureSvg(f: PosedFigure, palette: Palette, middle: string): string {
  const paper = palette.paper ?? '#ffffff';
  const colours = figureColours(palette.figure, paper, palette.ghost, f.figure.ghost ?? false);
  const parts = figureParts(f);
  // "middle" props go right after the leg farther from the viewer.
  const legs = parts.filter((p) => p.name.endsWith('-leg'));
  const backLeg = legs.reduce((a, b) => (b.depth < a.depth ? b : a));
  return group(parts.map((p) => partSvg(p, colours, f.scale) + (p === backLeg ? middle : '')));
}

/** Zoom so the region [x, y, w] fills the picture width. */
function frameTransform([x, y, w]: readonly [number, number, number], width: number): string {
  const k = width / w;
  return `matrix(${n(k, 4)} 0 0 ${n(k, 4)} ${n(-x * k)} ${n(-y * k)})`;
}

export function pictogramSvg(scene: Scene, palette: Palette): string {
  const [width, height] = sceneSize(scene);
  const camera: Camera = { turn: scene.camera?.turn ?? 0, tilt: scene.camera?.tilt ?? 0 };
  const posed = scene.figures.map((f) => poseFigure(f, camera));
  const resolve = pointResolver(posed);
  const paper = palette.paper ?? '#ffffff';
  const pc = propColours(palette.prop, palette.floor, paper);
  const props = scene.props ?? [];
  const draw = (p: Prop) => propSvg(p, pc, resolve, width, camera);
  const mainIndex = Math.max(
    0,
    scene.figures.findIndex((f) => !f.ghost),
  );
  const middleFor = (i: number) =>
    props
      .filter((p) => p.layer === 'middle' && (p.figure ?? mainIndex) === i)
      .map(draw)
      .join('');
  const order = posed
    .map((f, i) => ({ f, i }))
    .sort((a, b) => Number(b.f.figure.ghost ?? false) - Number(a.f.figure.ghost ?? false) || a.i - b.i);
  const body = [
    ...props.filter((p) => (p.layer ?? 'back') === 'back').map(draw),
    ...order.map(({ f, i }) => figureSvg(f, palette, middleFor(i))),
    ...props.filter((p) => p.layer === 'front').map(draw),
    ...(scene.arrows ?? []).map((a) => arrowSvg(a, palette.accent, resolve, paper)),
  ];
  const content = scene.frame ? group(body, { transform: frameTransform(scene.frame, width) }) : body.join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}">${content}</svg>`;
}
