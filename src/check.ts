/**
 * `handout check`: clinical governance before a leaflet reaches a patient. A
 * leaflet past its review date must not be handed out; one near it is due for
 * review; a leaflet whose content changed since it was built must carry a new
 * version number.
 */
import { loadRecord } from './batch/record.js';
import { displayPath, listJson, readJson } from './content/files.js';
import { resolveHandout } from './content/handout.js';
import { diagnosticAt, validate } from './content/json.js';
import { contentDir, labelsFor, loadLibrary } from './content/library.js';
import { contentHash } from './content/provenance.js';
import { HandoutSchema } from './content/schema.js';
import { type DiagnosticInit, HandoutError } from './diagnostics.js';

export interface CheckOptions {
  /** Today, YYYY-MM-DD: the date review dates are measured against. */
  today: string;
  /** Warn when a review date is this many days away or fewer. */
  warnDays: number;
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
