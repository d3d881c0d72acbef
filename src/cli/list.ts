/** `handout list`: what the project holds, as lines a person can scan. */
import path from 'node:path';
import { listJson } from '../content/files.js';
import { brandIds, contentDir } from '../content/library.js';
import type { Project } from '../pipeline.js';

export async function listProject(project: Project): Promise<string[]> {
  const { library, templates, root } = project;
  const handouts = (await listJson(contentDir(root, 'handouts'))).map((f) => path.basename(f, '.json'));
  const exercises = [...library.exercises.values()]
    .map((e) => e.value)
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((e) => `  ${e.id.padEnd(34)} ${e.category.padEnd(10)} ${e.tags.join(', ')}`);
  const broken = [...library.broken.keys()].map((k) => `  ${k} (broken: run handout validate)`);
  return [
    `handouts (${handouts.length}):`,
    ...handouts.map((h) => `  ${h}`),
    `exercises (${exercises.length}):`,
    ...exercises,
    `brands: ${brandIds(library).join(', ')}`,
    `templates: ${templates.names().join(', ')}`,
    `labels: ${[...library.labels.keys()].sort().join(', ')}`,
    `pictures: ${library.pictures.size}`,
    ...(broken.length > 0 ? ['broken files:', ...broken] : []),
  ];
}
