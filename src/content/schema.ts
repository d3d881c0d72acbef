/**
 * The shapes of every content file. One zod schema per kind of file; the
 * TypeScript types are inferred from them so the two can never drift.
 */
import { z } from 'zod';

const id = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a lower-case id such as "bird-dog" (a-z, 0-9 and single dashes)');
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date written YYYY-MM-DD')
  .refine(
    (d) => {
      // A string of the wrong form already has its error; this catches only 2026-02-30 and the like.
      if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return true;
      const date = new Date(`${d}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(d);
    },
    { message: 'expected a real date (YYYY-MM-DD)' },
  );
/** A paragraph is short; a field longer than this is a mistake and would take minutes to lay out. */
const MAX_TEXT = 20_000;
/**
 * Characters that print as nothing or as a box: C0 and C1 controls (but tab and
 * line feed), which arrive with text pasted from other programs.
 */
const CONTROL = /(?![\t\n\r])\p{Cc}/u;
function controlMessage(value: unknown): string {
  const s = String(value);
  const at = s.search(CONTROL);
  const code = (s.codePointAt(at) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  return `contains the control character U+${code} at character ${at + 1}: it cannot be printed; delete it`;
}
/** Any string a reader sees. */
const printable = z.string().refine((s) => !CONTROL.test(s), { error: (issue) => controlMessage(issue.input) });
const text = printable
  .min(1, 'expected some text, got an empty string')
  .max(MAX_TEXT, `expected at most ${MAX_TEXT.toLocaleString('en')} characters: split long text into paragraphs`);
/** A whole number or an inclusive range written [min, max], e.g. 10 or [10, 15]. */
const amount = z.union([
  z.number().int().positive(),
  z.tuple([z.number().int().positive(), z.number().int().positive()]).refine(([a, b]) => a < b, {
    message: 'expected a range [min, max] with min below max',
  }),
]);

/** A picture is named by an id in content/pictures/ or by a file path under assets/. */
const pictureRef = z
  .string()
  .regex(
    /^([a-z0-9]+(-[a-z0-9]+)*|assets\/[\p{L}\p{N}_\-./ ]+\.(svg|png|jpe?g|webp|avif|tiff?|gif|SVG|PNG|JPE?G|WEBP|AVIF|TIFF?|GIF))$/u,
    {
      message: 'expected a picture id (content/pictures/<id>.json) or a file under assets/',
    },
  );

export const DoseSchema = z
  .strictObject({
    sets: amount.optional(),
    reps: amount.optional(),
    holdSeconds: amount.optional(),
    perSide: z.boolean().optional(),
    timesPerDay: amount.optional(),
    timesPerWeek: amount.optional(),
    /** Free text for what the fields cannot say, e.g. "til du mærker et let stræk". */
    text: text.optional(),
  })
  .refine((d) => Object.keys(d).length > 0, {
    message: 'an empty dose: expected at least one of sets, reps, holdSeconds, timesPerDay, timesPerWeek, text',
  })
  .describe('How much of an exercise: sets, repetitions, hold time, how often.');
export type Dose = z.infer<typeof DoseSchema>;

/**
 * A document's change to an exercise's dose, field by field; `null` removes a
 * field (e.g. the default repetitions, when the document gives a hold time instead).
 */
export const DoseOverrideSchema = z.strictObject({
  sets: amount.nullable().optional(),
  reps: amount.nullable().optional(),
  holdSeconds: amount.nullable().optional(),
  perSide: z.boolean().nullable().optional(),
  timesPerDay: amount.nullable().optional(),
  timesPerWeek: amount.nullable().optional(),
  text: text.nullable().optional(),
});
export type DoseOverride = z.infer<typeof DoseOverrideSchema>;

export const ExerciseCategory = z.enum(['relieving', 'mobility', 'stability', 'strength', 'stretch', 'warm-up']);

/** The words of an exercise in another language; what is left out falls back to Danish. */
export const ExerciseTranslationSchema = z.strictObject({
  name: text.optional(),
  purpose: text.optional(),
  alt: text.optional(),
  startPosition: text.optional(),
  steps: z.array(text).min(1).optional(),
  caution: text.optional(),
  progression: text.optional(),
  /** The equipment, translated item by item. */
  equipment: z.array(text).optional(),
  /** The dose's free text (`dose.text`), translated. */
  doseText: text.optional(),
});
export type ExerciseTranslation = z.infer<typeof ExerciseTranslationSchema>;

const languageCode = z.string().regex(/^[a-z]{2}$/, 'expected a two-letter language code such as "en"');

/** The longest address a QR code holds at the error correction we print (level M holds 2,331 bytes). */
export const MAX_ADDRESS = 2_000;
const url = z
  .url({ protocol: /^https?$/, error: 'expected a web address starting with https:// or http://' })
  .max(
    MAX_ADDRESS,
    `expected an address of at most ${MAX_ADDRESS.toLocaleString('en')} characters (it must fit in a QR code)`,
  );

export const ExerciseSchema = z
  .strictObject({
    $schema: z.string().optional(),
    id,
    name: text,
    purpose: text,
    category: ExerciseCategory,
    tags: z.array(id).default([]),
    equipment: z.array(text).default([]),
    picture: pictureRef,
    /** What the picture shows, for screen readers. */
    alt: text,
    startPosition: text,
    steps: z.array(text).min(1, 'expected at least one step'),
    dose: DoseSchema,
    /** "Obs": what to watch for. */
    caution: text.optional(),
    progression: text.optional(),
    /** A video of the exercise; exercise sheets print it as a QR code. */
    video: url.optional(),
    /** The same exercise in other languages, by language code ("en"). */
    translations: z
      .record(
        z.string().regex(/^[a-z]{2}$/, 'expected a two-letter language code such as "en"'),
        ExerciseTranslationSchema,
      )
      .optional(),
  })
  .describe('One exercise, written once and used by any handout or programme.');
export type Exercise = z.infer<typeof ExerciseSchema>;

/** An exercise as a document names it, with the document's own dose and note. */
const ExerciseRefSchema = z.strictObject({
  exercise: id,
  /** Overrides the exercise's default dose field by field; null removes a field. */
  dose: DoseOverrideSchema.optional(),
  note: text.optional(),
});

const FigureSchema = z.strictObject({
  picture: pictureRef,
  alt: text,
  caption: text.optional(),
});

const BlockSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('paragraph'), text }),
  z.strictObject({ type: z.literal('subheading'), text }),
  z.strictObject({
    type: z.literal('list'),
    ordered: z.boolean().default(false),
    /** Two columns for a list of short items, where that saves space. */
    columns: z.union([z.literal(1), z.literal(2)]).default(1),
    items: z.array(text).min(1, 'expected at least one list item'),
  }),
  z.strictObject({
    type: z.literal('table'),
    /** The header row: repeated on every page the table runs over. */
    header: z.array(text).min(1),
    rows: z
      .array(
        z
          .array(printable)
          .refine((cells) => cells.some((c) => c.trim() !== ''), 'expected a row with text in at least one cell'),
      )
      .min(1),
    /** Relative column widths, e.g. [1, 3, 3]. */
    widths: z.array(z.number().positive()).optional(),
  }),
  z.strictObject({
    type: z.literal('faq'),
    items: z.array(z.strictObject({ question: text, answer: text })).min(1),
  }),
  z.strictObject({
    type: z.literal('traffic-light'),
    /** Green, yellow and red, in that order: what each means for training. */
    items: z
      .array(z.strictObject({ colour: z.enum(['green', 'yellow', 'red']), label: text, text }))
      .length(3, 'a traffic light has three lights: green, yellow and red'),
  }),
  z.strictObject({
    type: z.literal('references'),
    /** The language the titles are written in, when not the handout's ("en"): read with that language's voice. */
    language: z
      .string()
      .regex(/^[a-z]{2}$/, 'expected a two-letter language code such as "en"')
      .optional(),
    items: z
      .array(
        z.strictObject({
          authors: text,
          year: z.number().int().min(1900).max(2100),
          title: text,
          journal: text,
          doi: z
            .string()
            .regex(
              /^10\.\d{4,9}\/\S+$/,
              'expected a DOI such as "10.1016/S0140-6736(18)30480-X" (without https://doi.org/)',
            )
            .optional(),
        }),
      )
      .min(1),
  }),
  z.strictObject({
    type: z.literal('figures'),
    /** Numbered captions ("1", "2", "3") for pictured steps. */
    numbered: z.boolean().default(false),
    items: z.array(FigureSchema).min(1).max(3, 'at most three pictures fit side by side'),
  }),
  z.strictObject({
    type: z.literal('exercises'),
    items: z.array(ExerciseRefSchema).min(1),
  }),
  z
    .strictObject({
      type: z.literal('callout'),
      tone: z.enum(['info', 'warning', 'danger']),
      title: text.optional(),
      text: text.optional(),
      items: z.array(text).min(1, 'expected at least one item, or leave "items" out').optional(),
    })
    .refine((c) => c.title !== undefined || c.text !== undefined || c.items !== undefined, {
      message: 'an empty callout: expected a "title", "text" or "items"',
    }),
]);
export type Block = z.infer<typeof BlockSchema>;

export const SectionSchema = z.strictObject({
  title: text,
  blocks: z.array(BlockSchema).min(1, 'a section needs at least one block'),
});
export type Section = z.infer<typeof SectionSchema>;

export const HandoutMetaSchema = z.strictObject({
  documentId: text,
  version: z.string().regex(/^\d+(\.\d+){0,2}$/, 'expected a version such as "1.0" or "2.1.3"'),
  date: isoDate,
  reviewDate: isoDate,
  author: text,
});

export const HandoutSchema = z
  .strictObject({
    $schema: z.string().optional(),
    id,
    title: text,
    subtitle: text.optional(),
    language: z
      .string()
      .regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'expected a language tag such as "da" or "da-DK"')
      .default('da'),
    template: id.default('leaflet'),
    meta: HandoutMetaSchema,
    /** Where the current version is published; else the brand's web address and the handout's id. */
    url: url.optional(),
    intro: text.optional(),
    sections: z.array(SectionSchema).min(1, 'a handout needs at least one section'),
  })
  .describe('A patient handout: metadata and sections of text, pictures and exercises.');
export type Handout = z.infer<typeof HandoutSchema>;
/** A handout as it is written (fields with a default may be left out): what the library API accepts. */
export type HandoutContent = z.input<typeof HandoutSchema>;

const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour written #rrggbb');

export const BrandSchema = z
  .strictObject({
    $schema: z.string().optional(),
    id,
    organisation: text,
    department: text.optional(),
    address: text,
    phone: text,
    email: z.email().optional(),
    web: url.optional(),
    logo: z
      .string()
      .regex(
        /^assets\/[\p{L}\p{N}_\-./ ]+\.(svg|png|jpe?g|webp|avif|tiff?|gif|SVG|PNG|JPE?G|WEBP|AVIF|TIFF?|GIF)$/u,
        'expected a logo file under assets/',
      ),
    colours: z.strictObject({
      primary: colour,
      accent: colour,
      text: colour.default('#1a1a1a'),
      onPrimary: colour.default('#ffffff'),
    }),
    /** A bundled typeface: Atkinson Hyperlegible (made for low-vision readers) or Open Sans. */
    font: z.enum(['atkinson-hyperlegible', 'open-sans']).default('atkinson-hyperlegible'),
  })
  .describe("An organisation's look and contact details.");
export type Brand = z.infer<typeof BrandSchema>;

export const ProgrammeSchema = z
  .strictObject({
    $schema: z.string().optional(),
    /** Names the output file: a case number, never the client's name. */
    id,
    /** The clinic's brand id from content/brands/. */
    brand: id,
    client: text,
    date: isoDate,
    therapist: text,
    language: z
      .string()
      .regex(/^[a-z]{2}$/, 'expected a two-letter language code such as "da" or "en"')
      .default('da'),
    /** The language the therapist wrote the notes and advice in: read with its voice in a programme printed in another. */
    notesLanguage: z
      .string()
      .regex(/^[a-z]{2}$/, 'expected a two-letter language code such as "da" or "en"')
      .default('da'),
    template: id.default('exercise-sheet'),
    /** How long the programme runs: the training diary has a page part per week. */
    weeks: z.number().int().min(1).max(26),
    followUp: isoDate.optional(),
    exercises: z
      .array(
        ExerciseRefSchema.extend({
          /** A video for this client; else the exercise's own. */
          video: url.optional(),
          /** The note in other languages, by language code, for a programme printed with --lang. */
          translations: z.record(languageCode, z.strictObject({ note: text })).optional(),
        }),
      )
      .min(1, 'a programme needs at least one exercise')
      .max(12, 'at most 12 exercises: a longer programme is rarely done'),
    advice: z.array(text).default([]),
    /** The advice in other languages, by language code, for a programme printed with --lang. */
    translations: z.record(languageCode, z.strictObject({ advice: z.array(text) })).optional(),
  })
  .describe("A physiotherapist's exercise programme for one client.");
export type Programme = z.infer<typeof ProgrammeSchema>;
/** A programme as it is written: what the library API accepts. */
export type ProgrammeContent = z.input<typeof ProgrammeSchema>;
