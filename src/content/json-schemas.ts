/**
 * JSON Schemas for editors, generated from the zod schemas so the two never
 * drift. Every shipped content file names its schema in `$schema`.
 */
import { z } from 'zod';
import { SceneSchema } from '../pictures/scene.js';
import { LabelsSchema } from './labels.js';
import { ManifestSchema } from './manifest-schema.js';
import { BrandSchema, ExerciseSchema, HandoutSchema, ProgrammeSchema } from './schema.js';

const KINDS = {
  handout: HandoutSchema,
  programme: ProgrammeSchema,
  exercise: ExerciseSchema,
  brand: BrandSchema,
  labels: LabelsSchema,
  picture: SceneSchema,
  manifest: ManifestSchema,
} as const;

export type ContentKind = keyof typeof KINDS;

/** File name (`<kind>.schema.json`) -> its text, formatted as it is committed. */
export function jsonSchemaFiles(): Map<string, string> {
  return new Map(
    Object.entries(KINDS).map(([kind, schema]) => [
      `${kind}.schema.json`,
      `${JSON.stringify(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }), null, 2)}\n`,
    ]),
  );
}
