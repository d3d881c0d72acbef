/**
 * The shape of the batch manifest (`handouts.config.json`), a file the clinic
 * writes like its content: the batch expands it, and `handout schema` writes
 * its JSON Schema with the others.
 */
import { z } from 'zod';

/** The sizes a handout is printed in: large print has a 16 pt body and bigger pictures. */
export const VARIANTS = ['standard', 'large-print'] as const;
export type Variant = (typeof VARIANTS)[number];

export const ManifestSchema = z
  .strictObject({
    $schema: z.string().optional(),
    /** Globs of handout and programme files, relative to the project; a programme is built for its own brand only. */
    handouts: z.array(z.string().min(1)).min(1).default(['content/handouts/*.json', 'content/programmes/*.json']),
    /** Brand ids or globs over them; "*" is every brand. */
    brands: z.array(z.string().min(1)).min(1).default(['*']),
    variants: z.array(z.enum(VARIANTS)).min(1).default(['standard']),
    languages: z
      .array(z.string().regex(/^[a-z]{2}$/))
      .min(1)
      .default(['da']),
    /** Archival PDF/A-2a for every output. */
    pdfa: z.boolean().default(false),
    /** Where each PDF goes: {brand}, {lang}, {handout}, {variant} ("" for standard, ".large-print" otherwise). */
    output: z
      .string()
      .regex(/\{handout\}/, 'the output pattern must contain {handout}')
      .regex(/\.pdf$/, 'the output pattern must end in .pdf')
      .default('output/{brand}/{lang}/{handout}{variant}.pdf'),
    /**
     * Every output must land inside this folder (relative to the project, or absolute): a pattern
     * that leaves it is refused. Name another folder here to write elsewhere; never the sources.
     */
    outputFolder: z.string().min(1).default('output'),
  })
  .describe('What `handout batch` builds and where it writes it.');
export type Manifest = z.infer<typeof ManifestSchema>;
