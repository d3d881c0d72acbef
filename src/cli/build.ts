/**
 * `handout build`: render handouts for brands into the output folder. One bad
 * handout never stops the others; every failure is listed at the end.
 */

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { InputIndex } from '../batch/inputs.js';
import type { Variant } from '../brand/theme.js';
import { documentKind } from '../content/document-kind.js';
import { listJson } from '../content/files.js';
import { brandIds, contentDir, languageProblem } from '../content/library.js';
import { type DiagnosticInit, FatalError, formatDiagnostic, HandoutError } from '../diagnostics.js';
import { saveShaping } from '../layout/shaping-cache.js';
import { outputPath, sourcesProblem, writeFileAtomic } from '../output.js';
import { type Alternative, openProject, render } from '../pipeline.js';

export interface BuildOptions {
  root: string;
  files: string[];
  all: boolean;
  brand?: string[];
  out: string;
  pdfa: boolean;
  variant?: Variant;
  language?: string;
  /** pdf (the default), and the accessible alternatives html and txt. */
  formats?: ('pdf' | Alternative)[];
  debug: boolean;
}

export interface BuildReport {
  built: string[];
  /** Warnings of what was built, such as characters the font cannot draw. */
  warnings: DiagnosticInit[];
  /** `message` in plain text; `diagnostics`, when the input was at fault, for the CLI to show its way. */
  failures: { target: string; message: string; diagnostics?: readonly DiagnosticInit[] }[];
  /** Nothing could be built at all: no project, or an option of the wrong form (exit 2, not 1). */
  fatal?: boolean;
}

function failure(target: string, error: unknown, debug: boolean): BuildReport['failures'][number] {
  if (error instanceof HandoutError) return { target, message: error.message, diagnostics: error.diagnostics };
  if (debug && error instanceof Error && error.stack) return { target, message: error.stack };
  const message = `internal error: ${error instanceof Error ? error.message : String(error)} (run with --debug for the stack trace)`;
  return { target, message };
}

function optionFailure(d: DiagnosticInit): BuildReport['failures'][number] {
  return { target: d.file, message: formatDiagnostic(d), diagnostics: [d] };
}

/**
 * Build the handouts and brands the options name. `affected`, when given, keeps
 * only the targets that read one of those files (for watch mode).
 */
export async function build(
  options: BuildOptions,
  log: (line: string) => void,
  affected?: ReadonlySet<string>,
): Promise<BuildReport> {
  const report: BuildReport = { built: [], warnings: [], failures: [] };
  let project: Awaited<ReturnType<typeof openProject>>;
  try {
    project = await openProject(options.root);
  } catch (error) {
    report.failures.push(failure('project', error, options.debug));
    report.fatal = error instanceof FatalError || !(error instanceof HandoutError);
    return report;
  }
  const language = options.language === undefined ? undefined : languageProblem(project.library, options.language);
  if (language) {
    report.failures.push(optionFailure({ file: '--lang', message: language }));
    report.fatal = true;
    return report;
  }
  const misplaced = await sourcesProblem(project.root, path.resolve(options.out));
  if (misplaced) {
    report.failures.push(
      optionFailure({
        file: '--out',
        message: `cannot write to "${options.out}": ${misplaced}`,
        hint: 'name an output folder such as "output"',
      }),
    );
    report.fatal = true;
    return report;
  }
  const files = options.all
    ? await listJson(contentDir(project.root, 'handouts'))
    : options.files.map((f) => path.resolve(f));
  const brands = options.brand?.length ? options.brand : brandIds(project.library);
  const index = new InputIndex(project.root, project.library);
  for (const file of files) {
    // A programme names its clinic's brand; a handout is built for every brand asked for.
    const own = (await isProgrammeFile(file)) && !options.brand?.length;
    for (const brand of own ? [undefined] : brands) {
      if (affected && brand && !(await reads(index, project.root, file, brand, affected))) continue;
      const target = `${path.relative(project.root, file) || file}${brand ? ` for ${brand}` : ''}`;
      const started = performance.now();
      try {
        const result = await render(project, {
          handout: file,
          brand,
          archival: options.pdfa,
          variant: options.variant,
          language: options.language,
          alternatives: (options.formats ?? []).filter((f): f is Alternative => f !== 'pdf'),
        });
        const out = outputPath(
          path.resolve(options.out),
          result.brand.id,
          options.language ? `${result.id}.${options.language}` : result.id,
          options.variant,
        );
        report.warnings.push(...result.warnings);
        const formats = options.formats?.length ? options.formats : ['pdf'];
        const written: string[] = [];
        for (const format of formats) {
          const file = format === 'pdf' ? out : out.replace(/\.pdf$/, `.${format}`);
          const bytes =
            format === 'pdf' ? result.pdf : new TextEncoder().encode(format === 'html' ? result.html : result.text);
          await writeFileAtomic(file, bytes, format === 'pdf' ? 'the PDF' : `the ${format} alternative`);
          written.push(file);
        }
        report.built.push(...written);
        log(
          `built ${written.map((w) => path.relative(process.cwd(), w)).join(', ')} (${result.pages.length} pages, ${Math.round(performance.now() - started)} ms)`,
        );
      } catch (error) {
        report.failures.push(failure(target, error, options.debug));
        log(`failed ${target}`);
      }
    }
  }
  await saveShaping();
  return report;
}

async function isProgrammeFile(file: string): Promise<boolean> {
  try {
    return documentKind(JSON.parse(await readFile(file, 'utf8'))) === 'programme';
  } catch {
    return false;
  }
}

/** Whether building `file` for `brand` reads any of the changed files (paths relative to the project). */
async function reads(
  index: InputIndex,
  root: string,
  file: string,
  brand: string,
  changed: ReadonlySet<string>,
): Promise<boolean> {
  const handout = path.relative(root, file).split(path.sep).join('/');
  if (changed.has(handout)) return true;
  const inputs = await index.inputs({ output: '', handout, brand, variant: 'standard', language: 'da', pdfa: false });
  // A handout that cannot even be read is rebuilt, so that its error shows.
  return inputs === undefined || inputs.some((f) => changed.has(f));
}
