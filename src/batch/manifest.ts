/**
 * The batch manifest (`handouts.config.json`): which handouts, brands, variants
 * and languages to build, and where each PDF goes. Expanded into jobs in a
 * stable order, so that shards and records mean the same thing on every run.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { documentKind } from '../content/document-kind.js';
import { readJson } from '../content/files.js';
import { diagnosticAt, type JsonDocument, validate } from '../content/json.js';
import { brandIds, type Library } from '../content/library.js';
import { type Manifest, ManifestSchema, type Variant } from '../content/manifest-schema.js';
import { type DiagnosticInit, HandoutError } from '../diagnostics.js';
import { isInside, sourcesCheck } from '../output.js';

export interface Job {
  /** The output file, relative to the project: also the job's identity. */
  output: string;
  handout: string;
  brand: string;
  variant: Variant;
  language: string;
  pdfa: boolean;
}

export async function loadManifest(root: string, file: string): Promise<{ manifest: Manifest; doc: JsonDocument }> {
  const doc = await readJson(root, path.resolve(root, file));
  return { manifest: validate(doc, ManifestSchema), doc };
}

function matcher(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
}

/** A brand id as the schema allows it; anything else in a programme's "brand" is not printed or used as a path. */
const BRAND_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** The job's brand for a programme whose "brand" is not an id: its build fails with the schema's diagnostic. */
export const INVALID_BRAND = 'invalid-brand';

/**
 * A programme's own brand (it is built for that brand only); undefined for a
 * handout. The raw field is checked before it goes into an output path or a
 * log line: a therapist may have typed the client's name into it.
 */
function programmeBrand(file: string): string | undefined {
  let value: { brand?: unknown };
  try {
    value = JSON.parse(readFileSync(file, 'utf8')) as { brand?: unknown };
  } catch {
    return undefined;
  }
  if (documentKind(value) !== 'programme') return undefined;
  return typeof value.brand === 'string' && BRAND_ID.test(value.brand) ? value.brand : INVALID_BRAND;
}

/** Every job the manifest names, sorted by output path. */
export async function expandManifest(
  manifest: Manifest,
  root: string,
  library: Library,
  where: string | JsonDocument,
): Promise<Job[]> {
  // A problem points at its field in the manifest file when we have the file's text.
  const at = (field: string, message: string, hint?: string): DiagnosticInit =>
    typeof where === 'string'
      ? { file: where, path: field, message, hint }
      : diagnosticAt(where, [field], message, hint);
  const handouts = (await glob(manifest.handouts, { cwd: root, onlyFiles: true })).sort();
  if (handouts.length === 0) {
    throw new HandoutError(at('handouts', `no handout files match ${manifest.handouts.join(', ')}`));
  }
  const known = brandIds(library);
  const brands = known.filter((id) => manifest.brands.some((p) => matcher(p).test(id)));
  const unmatched = manifest.brands.filter((p) => !known.some((id) => matcher(p).test(id)));
  if (unmatched.length > 0) {
    throw new HandoutError(
      at(
        'brands',
        `no brand matches ${unmatched.map((p) => `"${p}"`).join(', ')}`,
        `known brands: ${known.join(', ')}`,
      ),
    );
  }
  const jobs: Job[] = [];
  for (const handout of handouts) {
    const id = path.basename(handout, '.json');
    // A client's programme is printed in its own clinic's brand only.
    const stated = programmeBrand(path.join(root, handout));
    const own = stated === undefined || known.includes(stated) ? stated : INVALID_BRAND;
    for (const brand of own ? [own] : brands) {
      for (const language of manifest.languages) {
        for (const variant of manifest.variants) {
          const output = manifest.output
            .replaceAll('{brand}', brand)
            .replaceAll('{lang}', language)
            .replaceAll('{handout}', id)
            .replaceAll('{variant}', variant === 'standard' ? '' : `.${variant}`);
          jobs.push({ output, handout, brand, variant, language, pdfa: manifest.pdfa });
        }
      }
    }
  }
  const sorted = jobs.sort((a, b) => (a.output < b.output ? -1 : a.output > b.output ? 1 : 0));
  const clashes = sorted.filter(
    (job, i) => sorted[i - 1]?.output === job.output && sorted[i - 2]?.output !== job.output,
  );
  if (clashes.length > 0) {
    const describe = (j: Job) =>
      `${j.handout} for ${j.brand}${j.variant === 'standard' ? '' : ` (${j.variant})`}${manifest.languages.length > 1 ? ` in ${j.language}` : ''}`;
    throw new HandoutError(
      clashes.map((job) =>
        at(
          'output',
          `two outputs would be written to ${job.output}: ${sorted
            .filter((j) => j.output === job.output)
            .map(describe)
            .join(' and ')}`,
          'put {brand}, {lang}, {handout} and {variant} in the output pattern',
        ),
      ),
    );
  }
  const misplaced = await misplacedOutputs(manifest, root, sorted, at);
  if (misplaced.length > 0) throw new HandoutError(misplaced);
  return sorted;
}

/** Outputs outside the output folder, or in the project's sources: refused before anything is written. */
async function misplacedOutputs(
  manifest: Manifest,
  root: string,
  jobs: readonly Job[],
  at: (field: string, message: string, hint?: string) => DiagnosticInit,
): Promise<DiagnosticInit[]> {
  const folder = path.resolve(root, manifest.outputFolder);
  const sourcesProblem = sourcesCheck(root);
  const folderProblem = sourcesProblem(folder);
  if (folderProblem)
    return [
      at(
        'outputFolder',
        `cannot write outputs to "${manifest.outputFolder}": ${folderProblem}`,
        'use a folder such as "output"',
      ),
    ];
  const problems: DiagnosticInit[] = [];
  for (const job of jobs) {
    const file = path.resolve(root, job.output);
    const problem = isInside(folder, file)
      ? sourcesProblem(file)
      : `it is outside the output folder "${manifest.outputFolder}"`;
    if (problem) {
      problems.push(
        at(
          'output',
          `cannot write ${job.output}: ${problem}`,
          `write below "${manifest.outputFolder}/", or name the folder you mean in "outputFolder"`,
        ),
      );
      // One is enough to see what the pattern does; a thousand would bury it.
      break;
    }
  }
  return problems;
}
