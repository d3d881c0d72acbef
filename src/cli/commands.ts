/** The `handout` command line: its commands and options, a thin shell over the library. */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import yargs from 'yargs';
import { parseShard } from '../batch/shard.js';
import { VARIANTS, type Variant } from '../brand/theme.js';
import { type DiagnosticInit, FatalError, HandoutError } from '../diagnostics.js';
import { toolVersion } from '../packaged.js';
import type { BuildReport } from './build.js';
import { isoDate, optionError, wholeNumber } from './options.js';
import { createReporter } from './progress.js';
import { showFailure, showOn } from './show.js';

// Each command loads what it needs when it runs: the renderer (pdfkit, fontkit, the
// schemas) is most of a cold start, and `batch` with nothing to build never renders.

let debug = false;
// The project folder, for the source lines under a diagnostic.
let root = '.';

/** The system's way to open an address; without one, the printed address is enough. */
function openBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  spawn(command, [url], { stdio: 'ignore', detached: true })
    .on('error', () => undefined)
    .unref();
}

/** Diagnostics like a compiler's (text) or as one JSON array for CI annotations; returns the number of errors. */
function report(problems: readonly DiagnosticInit[], format: 'text' | 'json'): number {
  const errors = problems.filter((p) => p.severity !== 'warning').length;
  if (format === 'json') {
    console.log(
      JSON.stringify(
        problems.map((p) => ({ severity: 'error', ...p })),
        null,
        2,
      ),
    );
    return errors;
  }
  const show = showOn(process.stderr, root);
  for (const p of problems) console.error(show(p));
  const warnings = problems.length - errors;
  console.error(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
  return errors;
}

/** Runs `handout <args>`: what it prints, its exit code. */
export async function runCli(args: readonly string[]): Promise<void> {
  // `handout list | head` closes the pipe early; that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  await yargs(args)
    .scriptName('handout')
    .usage('$0 <command> [options]\n\nTurn clinical content (JSON) into branded, accessible A4 patient handouts (PDF).')
    .option('root', {
      type: 'string',
      default: '.',
      describe: 'Project folder holding content/, templates/ and assets/',
    })
    .option('debug', { type: 'boolean', default: false, describe: 'Show stack traces for internal errors' })
    .command(
      'build [files..]',
      'Render handouts and programmes: <out>/<brand>/<id>[.<lang>][.large-print].pdf',
      (y) =>
        y
          .positional('files', { type: 'string', array: true, describe: 'Handout JSON files', default: [] as string[] })
          .option('all', { type: 'boolean', default: false, describe: 'Build every handout in content/handouts/' })
          .option('brand', {
            type: 'string',
            array: true,
            describe: 'Brand id(s) from content/brands/ (default: every brand)',
          })
          .option('out', { type: 'string', default: 'output', describe: 'Output folder' })
          .option('pdfa', { type: 'boolean', default: false, describe: 'Archival PDF/A-2a (always tagged PDF/UA-1)' })
          .option('watch', {
            type: 'boolean',
            default: false,
            describe: 'Keep running; rebuild what a changed file affects',
          })
          .option('variant', {
            choices: VARIANTS,
            default: 'standard' as Variant,
            describe: 'large-print: 16 pt body, bigger pictures',
          })
          .option('lang', {
            type: 'string',
            describe: 'Language of a programme (labels and exercises); handouts print in their own',
          })
          .option('format', {
            choices: ['pdf', 'html', 'txt'] as const,
            array: true,
            default: ['pdf'] as ('pdf' | 'html' | 'txt')[],
            describe: 'pdf, and the accessible alternatives: html (a clean page for the web and phones) and txt',
          })
          .check((argv) =>
            argv.all || (argv.files ?? []).length > 0 ? true : 'name at least one handout file, or use --all',
          )
          .example(
            '$0 build content/handouts/smerter-i-ryggen.json --brand skovlund-sygehus --out output',
            'One leaflet for one brand',
          )
          .example('$0 build --all', 'Every handout for every brand')
          .example('$0 build --all --watch', 'Rebuild on every change')
          .example('$0 build content/programmes/p-2026-0142.json', "A client's exercise sheet, in the clinic's brand")
          .example(
            '$0 build content/programmes/p-2026-0142.json --lang en --variant large-print',
            'The same in English, in large print',
          ),
      async (argv) => {
        const options = {
          root: argv.root,
          files: argv.files ?? [],
          all: argv.all,
          brand: argv.brand,
          out: argv.out,
          pdfa: argv.pdfa,
          variant: argv.variant,
          language: argv.lang,
          formats: argv.format,
          debug: argv.debug,
        };
        const diagnostic = showOn(process.stderr, argv.root);
        const show = (report: BuildReport) => {
          for (const w of report.warnings) console.error(diagnostic(w));
          for (const f of report.failures) console.error(`\n${f.target}:\n${showFailure(f, diagnostic)}`);
          console.log(`\n${report.built.length} built, ${report.failures.length} failed`);
          process.exitCode = report.fatal ? 2 : report.failures.length > 0 ? 1 : 0;
        };
        const { build } = await import('./build.js');
        show(await build(options, (line) => console.log(line)));
        if (argv.watch) {
          const { watchBuild } = await import('./watch.js');
          await watchBuild(options, show, (line) => console.log(line));
          console.log('watching content/, templates/ and assets/ (Ctrl-C to stop)');
        }
      },
    )
    .command(
      'batch',
      'Build everything a manifest names (handouts x brands x variants x languages), in parallel and incrementally',
      (y) =>
        y
          .option('config', { type: 'string', default: 'handouts.config.json', describe: 'The manifest' })
          .option('jobs', {
            type: 'number',
            default: os.availableParallelism(),
            describe: 'Worker threads (default: one per core)',
          })
          .option('shard', { type: 'string', describe: 'Build only share i of n, e.g. 2/4 (stable across runs)' })
          .option('force', {
            type: 'boolean',
            default: false,
            describe: 'Rebuild outputs whose inputs have not changed',
          })
          .example('$0 batch', 'Build handouts.config.json')
          .example('$0 batch --shard 2/4 --jobs 2', 'The second quarter of the work, on 2 threads'),
      async (argv) => {
        const live = Boolean(process.stdout.isTTY) && !process.env.CI;
        const reporter = createReporter(process.stdout, live, showOn(process.stdout, argv.root));
        // Loaded only for a batch: the manifest's glob library is a cost every other command's cold start would pay.
        const { runBatch } = await import('../batch/batch.js');
        const summary = await runBatch(
          {
            root: argv.root,
            manifest: argv.config,
            workers: wholeNumber('--jobs', argv.jobs, 1, 256) as number,
            shard: argv.shard ? parseShard(argv.shard) : undefined,
            force: argv.force,
          },
          (event) => reporter.event(event),
          argv.debug,
        );
        reporter.summary(summary);
        if (summary.failed.length > 0) process.exitCode = 1;
      },
    )
    .command(
      'validate [paths..]',
      'Check every content file, brand, label file and template without rendering; report all problems',
      (y) =>
        y
          .positional('paths', {
            type: 'string',
            array: true,
            default: [] as string[],
            describe: 'Report only problems in these files or folders',
          })
          .option('format', {
            choices: ['text', 'json'] as const,
            default: 'text' as const,
            describe: 'json: one array of diagnostics, for CI annotations',
          })
          .example('$0 validate', 'The whole project')
          .example('$0 validate content/handouts --format json', 'Handouts only, as JSON'),
      async (argv) => {
        const { byPlace, validateProject, within } = await import('../validate.js');
        const problems = within(
          await validateProject(argv.root, argv.paths ?? []),
          path.resolve(argv.root),
          argv.paths ?? [],
        ).sort(byPlace);
        if (report(problems, argv.format) > 0) process.exitCode = 1;
      },
    )
    .command(
      'check',
      'Clinical governance: review dates passed (error) or near (warning), content changed without a new version',
      (y) =>
        y
          .option('warn-days', {
            type: 'number',
            default: 60,
            describe: 'Warn when a review date is this many days away or fewer',
          })
          .option('today', { type: 'string', describe: 'Check as of this date, YYYY-MM-DD (default: today)' })
          .option('lix-max', {
            type: 'number',
            default: 40,
            describe: 'Warn when LIX (Danish readability) of a handout or section is above this',
          })
          .option('strict', { type: 'boolean', default: false, describe: 'Exit 1 on warnings too' })
          .option('format', {
            choices: ['text', 'json'] as const,
            default: 'text' as const,
            describe: 'json for CI annotations',
          })
          .example('$0 check --warn-days 90', 'In CI, before leaflets are published'),
      async (argv) => {
        const today = isoDate('--today', argv.today) ?? new Date().toISOString().slice(0, 10);
        const warnDays = wholeNumber('--warn-days', argv['warn-days'], 0, 3650) as number;
        const lixMax = wholeNumber('--lix-max', argv['lix-max'], 1, 100) as number;
        const [{ checkProject }, { byPlace }] = await Promise.all([import('../check.js'), import('../validate.js')]);
        const problems = (await checkProject(path.resolve(argv.root), { today, warnDays, lixMax })).sort(byPlace);
        if (report(problems, argv.format) > 0 || (argv.strict && problems.length > 0)) process.exitCode = 1;
      },
    )
    .command(
      'list [words..]',
      'List handouts, exercises (names and tags), brands, templates and labels; find exercises by tag and word',
      (y) =>
        y
          .positional('words', {
            type: 'string',
            array: true,
            default: [] as string[],
            describe: 'Show only exercises whose id, name or tags hold every word (accents ignored: "lob" finds "løb")',
          })
          // Not an array option: that would take the search words after it as tags too. Given twice, yargs makes an array.
          .option('tag', {
            type: 'string',
            requiresArg: true,
            describe: 'Show only exercises with this tag (id or Danish name); give it again for more',
          })
          .example('$0 list', 'Everything the project holds')
          .example(
            '$0 list --tag lænd --tag liggende bækken',
            'Exercises for the low back, lying down, about the pelvis',
          ),
      async (argv) => {
        const [{ openProject }, { listProject }] = await Promise.all([import('../pipeline.js'), import('./list.js')]);
        const project = await openProject(argv.root);
        const filter = { words: (argv.words ?? []).map(String), tags: [argv.tag ?? []].flat().map(String) };
        for (const line of await listProject(project, filter)) console.log(line);
      },
    )
    .command(
      'catalog',
      'Write the exercise catalogue: every exercise with picture, purpose, default dose and tags',
      (y) =>
        y
          .option('brand', { type: 'string', demandOption: true, describe: 'Brand id from content/brands/' })
          .option('out', {
            type: 'string',
            default: 'output',
            describe: 'Output folder: writes <out>/<brand>/catalog[.<lang>].pdf',
          })
          .option('lang', { type: 'string', default: 'da', describe: 'Language of labels and exercises' })
          .option('variant', {
            choices: VARIANTS,
            default: 'standard' as Variant,
            describe: 'large-print: bigger type and pictures',
          })
          .example('$0 catalog --brand skovlund-sygehus', 'output/skovlund-sygehus/catalog.pdf'),
      async (argv) => {
        const [{ openProject, renderCatalog }, { outputPath, sourcesProblem, writeFileAtomic }] = await Promise.all([
          import('../pipeline.js'),
          import('../output.js'),
        ]);
        const project = await openProject(argv.root);
        const misplaced = await sourcesProblem(project.root, path.resolve(argv.out));
        if (misplaced)
          throw optionError(
            '--out',
            `cannot write to "${argv.out}": ${misplaced}`,
            'name an output folder such as "output"',
          );
        const { pdf, pages } = await renderCatalog(project, {
          brand: argv.brand,
          language: argv.lang,
          variant: argv.variant,
        });
        const file = outputPath(
          argv.out,
          argv.brand,
          argv.lang === 'da' ? 'catalog' : `catalog.${argv.lang}`,
          argv.variant,
        );
        await writeFileAtomic(file, pdf);
        console.log(`wrote ${file} (${pages.length} pages, ${project.library.exercises.size} exercises)`);
      },
    )
    .command(
      'init [dir]',
      'Start a project: a brand with a placeholder logo, a handout, a programme, the manifest and JSON Schemas',
      (y) =>
        y
          .positional('dir', { type: 'string', default: '.', describe: 'Folder to create it in (made if missing)' })
          .example('$0 init my-clinic', 'Then: cd my-clinic && handout build --all'),
      async (argv) => {
        const dir = argv.dir ?? '.';
        const { initProject } = await import('./init.js');
        for (const file of await initProject(dir)) console.log(`wrote ${path.join(dir, file)}`);
        const cd = dir === '.' ? '' : `cd ${dir} && `;
        console.log(`\nnext: ${cd}handout build --all   (then edit content/ and build again)`);
      },
    )
    .command(
      'studio',
      "A local web page to compose a client's programme and preview any handout (127.0.0.1 only)",
      (y) =>
        y
          .option('port', { type: 'number', default: 0, describe: 'Port to listen on (default: a free one)' })
          .option('open', {
            type: 'boolean',
            default: Boolean(process.stdout.isTTY) && !process.env.CI,
            describe: 'Open the page in the browser',
          })
          .example('$0 studio', 'Prints the address to open, with its one-time token'),
      async (argv) => {
        const port = wholeNumber('--port', argv.port, 0, 65_535) as number;
        // Loaded only for the studio: its http server is no cost of any other command.
        const { startStudio } = await import('../studio/server.js');
        const studio = await startStudio({ root: argv.root, port });
        console.log(`handout studio: ${studio.url}`);
        console.log('open it in a browser on this machine (Ctrl-C to stop)');
        if (argv.open) openBrowser(studio.url);
      },
    )
    .command(
      'schema',
      'Write JSON Schemas for every kind of content file into schemas/ (for editor completion)',
      (y) => y.option('out', { type: 'string', default: 'schemas', describe: 'Folder to write them to' }),
      async (argv) => {
        const { writeSchemas } = await import('./schema.js');
        for (const file of await writeSchemas(argv.out)) console.log(`wrote ${file}`);
      },
    )
    .middleware((argv) => {
      debug = Boolean(argv.debug);
      root = argv.root;
    })
    .fail((message, error) => {
      // Bad input is reported like a compiler; only an internal error shows its stack, with --debug.
      // Exit 1 for problems in the content, 2 when the run could not go on at all (as eslint and typst do).
      if (error instanceof HandoutError) {
        console.error(error.diagnostics.map(showOn(process.stderr, root)).join('\n'));
        process.exit(error instanceof FatalError ? 2 : 1);
      }
      // yargs reports some usage mistakes (an option without its value) as an error of its own.
      if (error instanceof Error && error.name !== 'YError')
        console.error(debug ? error.stack : `internal error: ${error.message} (run with --debug for the stack trace)`);
      // A usage mistake: the message first, and where to read more, not the whole help.
      else
        console.error(
          `handout: ${message ?? error?.message}\nrun \`handout --help\` (or \`handout <command> --help\`) for usage`,
        );
      process.exit(2);
    })
    .demandCommand(1, 'name a command')
    .strict()
    .help()
    .alias('h', 'help')
    .version(toolVersion())
    .parseAsync();
}
