/** `handout validate` reports every problem of a project in one run, each once. */
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../src/diagnostics.js';
import { validateProject } from '../src/validate.js';
import { copyProject, editFile } from './helpers/project.js';

const PROGRAMME = 'content/programmes/p-2026-0142.json';

describe('validateProject', () => {
  it('checks the references of a programme with schema errors: its exercises, brand, template and language', async () => {
    const root = await copyProject();
    await editFile(root, PROGRAMME, (t) =>
      t
        .replace('"weeks": 6', '"weeks": "6"')
        .replace('"exercise": "heel-slide"', '"exercise": "heel-slidr"')
        .replace('"language": "da"', '"language": "de", "template": "exercise-shet"'),
    );
    const lines = (await validateProject(root)).map(formatDiagnostic).filter((l) => l.startsWith(PROGRAMME));
    expect(lines).toEqual([
      expect.stringMatching(/:9:3: weeks: expected number, received string$/),
      expect.stringMatching(/:8:3: language: there are no labels for "de"/),
      expect.stringMatching(/:8:21: template: unknown template "exercise-shet" \(did you mean "exercise-sheet"\?\)$/),
      expect.stringMatching(
        /:13:7: exercises\[1\]\.exercise: unknown exercise "heel-slidr" \(did you mean "heel-slide"\?\)$/,
      ),
    ]);
  });

  it('does not quote a reference of the wrong form in a programme with schema errors', async () => {
    const root = await copyProject();
    await editFile(root, PROGRAMME, (t) =>
      t.replace('"weeks": 6', '"weeks": "6"').replace('"fysio-lindebakken"', '"Anna Hansen"'),
    );
    const lines = (await validateProject(root)).map(formatDiagnostic).filter((l) => l.startsWith(PROGRAMME));
    expect(lines).toEqual([
      expect.stringMatching(/:4:3: brand: expected a lower-case id/),
      expect.stringMatching(/:9:3: weeks: expected number, received string$/),
    ]);
    expect(lines.join('\n')).not.toContain('Anna');
  });

  it('reports a problem of an exercise once, however many handouts and programmes use it', async () => {
    const root = await copyProject();
    // heel-slide is used by a handout and both sample programmes.
    await editFile(root, 'content/exercises/heel-slide.json', (t) => t.replace(/"name": "[^"]*"/, '"name": 5'));
    const lines = (await validateProject(root)).map(formatDiagnostic);
    expect(lines.filter((l) => l.startsWith('content/exercises/heel-slide.json'))).toEqual([
      'content/exercises/heel-slide.json:4:3: name: expected string, received number',
    ]);
  });
});
