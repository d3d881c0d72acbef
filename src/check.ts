/**
 * `handout check`: clinical governance before a leaflet reaches a patient. A
 * leaflet past its review date must not be handed out; one near it is due for
 * review; a leaflet whose content changed since it was built must carry a new
 * version number.
 */
import { loadRecord } from './batch/record.js';
import { displayPath, listJson, readJson } from './content/files.js';
import { resolveHandout } from './content/handout.js';
import { diagnosticAt, type JsonDocument, validate } from './content/json.js';
import { contentDir, labelsFor, loadLibrary } from './content/library.js';
import { contentHash } from './content/provenance.js';
import { capitalRuns, readability } from './content/readability.js';
import { type Handout, HandoutSchema } from './content/schema.js';
import { type DiagnosticInit, HandoutError } from './diagnostics.js';

export interface CheckOptions {
  /** Today, YYYY-MM-DD: the date review dates are measured against. */
  today: string;
  /** Warn when a review date is this many days away or fewer. */
  warnDays: number;
  /** Warn when a handout's or a section's LIX is above this (40: ordinary patient information). */
  lixMax?: number;
}

/** The reader's text of a JSON value: every string but ids, references and addresses. */
function textsOf(value: unknown, key = ''): string[] {
  if (typeof value === 'string')
    return /^(id|exercise|picture|type|tone|colour|doi|url|template|language|\$schema)$/.test(key) ? [] : [value];
  if (Array.isArray(value)) return value.flatMap((v) => textsOf(v, key));
  // A reference list is cited literature, not text written for the patient.
  if (value && typeof value === 'object' && (value as { type?: unknown }).type === 'references') return [];
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => (k === 'meta' ? [] : textsOf(v, k)));
  return [];
}

/** Plain-language findings for one handout: readability and capitals. */
function clearPrint(doc: JsonDocument, handout: Handout, lixMax: number): DiagnosticInit[] {
  const out: DiagnosticInit[] = [];
  const warn = (path: (string | number)[], message: string, hint?: string) =>
    out.push({ ...diagnosticAt(doc, path, message, hint), severity: 'warning' });
  const whole = readability(textsOf(handout));
  if (whole.lix > lixMax) {
    warn(
      ['title'],
      `LIX ${whole.lix} for the whole handout, above ${lixMax}`,
      `longest sentences: ${whole.longest.map((l) => `"${l.text}" (${l.words} words)`).join('; ')}`,
    );
  }
  handout.sections.forEach((section, i) => {
    const r = readability(textsOf(section));
    if (r.lix > lixMax)
      warn(
        ['sections', i, 'title'],
        `LIX ${r.lix} in "${section.title}", above ${lixMax}`,
        `shorten: "${r.longest[0]?.text}"`,
      );
  });
  for (const text of textsOf(handout)) {
    for (const run of capitalRuns(text))
      warn(
        ['title'],
        `"${run}" is written in capitals: harder to read, and read out letter by letter`,
        'write it in ordinary letters; bold it in the template if it must stand out',
      );
  }
  return out;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export async function checkProject(root: string, options: CheckOptions): Promise<DiagnosticInit[]> {
  const library = await loadLibrary(root);
  const record = await loadRecord(root);
  const problems: DiagnosticInit[] = [];
  for (const file of await listJson(contentDir(root, 'handouts'))) {
    try {
      const doc = await readJson(root, file);
      const handout = validate(doc, HandoutSchema);
      const { reviewDate, version } = handout.meta;
      const left = daysBetween(options.today, reviewDate);
      if (left < 0) {
        problems.push(
          diagnosticAt(
            doc,
            ['meta', 'reviewDate'],
            `the review date ${reviewDate} has passed: this leaflet must not be handed out until it is reviewed`,
            'review it, then set a new reviewDate and version',
          ),
        );
      } else if (left <= options.warnDays) {
        problems.push({
          ...diagnosticAt(
            doc,
            ['meta', 'reviewDate'],
            `due for review in ${left} day${left === 1 ? '' : 's'} (${reviewDate})`,
          ),
          severity: 'warning',
        });
      }
      problems.push(...clearPrint(doc, handout, options.lixMax ?? 40));
      const hash = contentHash(resolveHandout(handout, doc, library, labelsFor(library, handout.language)));
      const built = Object.values(record.outputs).find(
        (o) =>
          o.handout === displayPath(root, file) &&
          o.version === version &&
          o.contentHash !== undefined &&
          o.contentHash !== hash,
      );
      if (built) {
        problems.push(
          diagnosticAt(
            doc,
            ['meta', 'version'],
            `the content changed since version ${version} was built (${built.contentHash}, now ${hash}), but the version did not go up`,
            'raise the version before the leaflet is handed out again',
          ),
        );
      }
    } catch (error) {
      if (error instanceof HandoutError) problems.push(...error.diagnostics);
      else throw error;
    }
  }
  return problems;
}
