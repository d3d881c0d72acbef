/**
 * A handout file, loaded and checked against the library: every exercise and
 * picture it names must exist. The result is the view the templates render.
 */
import { type DiagnosticInit, HandoutError } from '../diagnostics.js';
import { svgProblems } from '../images/svg-safety.js';
import { type ExerciseView, type RefContext, resolveExerciseRef } from './exercise-ref.js';
import { pictureFileProblems } from './files.js';
import { diagnosticAt, type JsonDocument, type JsonPath } from './json.js';
import type { Labels } from './labels.js';
import type { Library } from './library.js';
import { parsePictureRef, pictogramId } from './picture-ref.js';
import type { Block, Handout } from './schema.js';
import { didYouMean } from './suggest.js';

export type BlockView = Exclude<Block, { type: 'exercises' }> | { type: 'exercises'; items: ExerciseView[] };

export interface HandoutView extends Omit<Handout, 'sections'> {
  sections: { title: string; blocks: BlockView[] }[];
}

/** Replace exercise references by the exercises themselves; report every unknown id at once. */
export function resolveHandout(handout: Handout, doc: JsonDocument, library: Library, labels: Labels): HandoutView {
  const problems: DiagnosticInit[] = [];
  const refs: RefContext = { doc, library, labels, language: handout.language, problems, untranslated: [] };
  let number = 0;
  const checkPicture = (picture: string, path: JsonPath) => {
    if (pictogramId(picture) && !library.pictures.has(picture)) {
      problems.push(
        diagnosticAt(doc, path, `unknown picture "${picture}"`, didYouMean(picture, library.pictures.keys())),
      );
    }
  };
  const sections = handout.sections.map((section, s) => ({
    title: section.title,
    blocks: section.blocks.map((block, b): BlockView => {
      const at: JsonPath = ['sections', s, 'blocks', b];
      if (block.type === 'figures') {
        for (const [i, item] of block.items.entries()) checkPicture(item.picture, [...at, 'items', i, 'picture']);
      }
      if (block.type !== 'exercises') return block;
      const items: ExerciseView[] = [];
      block.items.forEach((ref, i) => {
        const view = resolveExerciseRef(ref, [...at, 'items', i], number + 1, refs);
        if (view) {
          number++;
          items.push(view);
        }
      });
      return { type: 'exercises', items };
    }),
  }));
  if (problems.length > 0) throw new HandoutError(problems);
  return { ...handout, sections };
}

/**
 * What a handout names outside its own file: its template and its pictures
 * under assets/. Each problem at its place in the handout.
 */
export async function handoutFileProblems(
  handout: Handout,
  doc: JsonDocument,
  root: string,
  templates: readonly string[],
): Promise<DiagnosticInit[]> {
  const problems: DiagnosticInit[] = [];
  if (!templates.includes(handout.template)) {
    problems.push(
      diagnosticAt(
        doc,
        ['template'],
        `unknown template "${handout.template}"`,
        didYouMean(handout.template, templates) ?? `known templates: ${templates.join(', ')}`,
      ),
    );
  }
  for (const [s, section] of handout.sections.entries()) {
    for (const [b, block] of section.blocks.entries()) {
      if (block.type !== 'figures') continue;
      for (const [i, figure] of block.items.entries()) {
        if (parsePictureRef(figure.picture).kind !== 'asset') continue;
        const place = diagnosticAt(doc, ['sections', s, 'blocks', b, 'items', i, 'picture'], '');
        problems.push(...(await pictureFileProblems(root, figure.picture, place, svgProblems)));
      }
    }
  }
  return problems;
}
