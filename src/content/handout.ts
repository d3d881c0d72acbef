/**
 * A handout file, loaded and checked against the library: every exercise and
 * picture it names must exist. The result is the view the templates render.
 */
import { HandoutError, type DiagnosticInit } from '../diagnostics.js';
import { readJson } from './files.js';
import { diagnosticAt, type JsonDocument, type JsonPath, validate } from './json.js';
import { exercisePictureProblem, type Library } from './library.js';
import { formatDose, mergeDose } from './dose.js';
import type { Labels } from './library.js';
import { type Block, type Dose, type Exercise, type Handout, HandoutSchema } from './schema.js';
import { didYouMean } from './suggest.js';

export interface ExerciseView extends Exercise {
  /** The dose after the handout's override, and written out. */
  dose: Dose;
  doseText: string;
  note?: string;
  /** 1-based number across the whole handout. */
  number: number;
}

export type BlockView = Exclude<Block, { type: 'exercises' }> | { type: 'exercises'; items: ExerciseView[] };

export interface HandoutView extends Omit<Handout, 'sections'> {
  sections: { title: string; blocks: BlockView[] }[];
}

export async function loadHandout(root: string, file: string): Promise<{ handout: Handout; doc: JsonDocument }> {
  const doc = await readJson(root, file);
  return { handout: validate(doc, HandoutSchema), doc };
}

/** Replace exercise references by the exercises themselves; report every unknown id at once. */
export function resolveHandout(handout: Handout, doc: JsonDocument, library: Library, labels: Labels): HandoutView {
  const problems: DiagnosticInit[] = [];
  let number = 0;
  const checkPicture = (picture: string, path: JsonPath) => {
    if (!picture.startsWith('assets/') && !library.pictures.has(picture)) {
      problems.push(diagnosticAt(doc, path, `unknown picture "${picture}"`, didYouMean(picture, library.pictures.keys())));
    }
  };
  const sections = handout.sections.map((section, s) => ({
    title: section.title,
    blocks: section.blocks.map((block, b): BlockView => {
      const at: JsonPath = ['sections', s, 'blocks', b];
      if (block.type === 'figures') {
        block.items.forEach((item, i) => checkPicture(item.picture, [...at, 'items', i, 'picture']));
      }
      if (block.type !== 'exercises') return block;
      const items: ExerciseView[] = [];
      block.items.forEach((ref, i) => {
        const failed = library.broken.get(`exercises/${ref.exercise}`);
        if (failed) {
          problems.push(...failed.diagnostics);
          return;
        }
        const exercise = library.exercises.get(ref.exercise)?.value;
        if (!exercise) {
          problems.push(
            diagnosticAt(doc, [...at, 'items', i, 'exercise'], `unknown exercise "${ref.exercise}"`, didYouMean(ref.exercise, library.exercises.keys())),
          );
          return;
        }
        const pictureProblem = exercisePictureProblem(library, ref.exercise);
        if (pictureProblem) problems.push(pictureProblem);
        const dose = mergeDose(exercise.dose, ref.dose);
        number++;
        items.push({ ...exercise, dose, doseText: formatDose(dose, labels), note: ref.note, number });
      });
      return { type: 'exercises', items };
    }),
  }));
  if (problems.length > 0) throw new HandoutError(problems);
  return { ...handout, sections };
}
