/** The studio's API over HTTP: who may ask, what it reads and writes, and what it answers. */
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProgrammeSchema } from '../../src/content/schema.js';
import { openProject, render } from '../../src/pipeline.js';
import { nextCaseNumber, programmeText } from '../../src/studio/api.js';
import { handout, running } from '../helpers/cli.js';
import { readPdf } from '../helpers/pdf.js';
import { copyProject } from '../helpers/project.js';
import { type TestStudio, testStudio } from '../helpers/studio.js';

let studio: TestStudio;

beforeAll(async () => {
  studio = await testStudio();
});

afterAll(async () => {
  await studio.close();
  await rm(studio.root, { recursive: true, force: true });
});

const programme = (fields: Record<string, unknown> = {}) => ({
  id: 'p-2031-0001',
  brand: 'fysio-lindebakken',
  client: 'Birthe Kjærgaard',
  date: '2031-03-04',
  therapist: 'Ole Vestergaard, fysioterapeut',
  language: 'da',
  weeks: 4,
  exercises: [
    { exercise: 'bird-dog', dose: { reps: 8 } },
    { exercise: 'glute-bridge', note: 'Løft kun så højt, det er behageligt.' },
  ],
  advice: ['Gå en kort tur hver dag.'],
  ...fields,
});

describe('who may ask', () => {
  it('refuses a request without the token, with a wrong one, and takes the token from the address or the cookie', async () => {
    const host = `127.0.0.1:${studio.port}`;
    expect((await studio.raw('GET', '/api/brands', { host })).status).toBe(403);
    expect((await studio.raw('GET', '/', { host })).status).toBe(403);
    expect((await studio.raw('GET', '/api/brands?token=wrong', { host })).status).toBe(403);
    expect(
      (await studio.raw('GET', '/api/brands', { host, cookie: `handout-studio-${studio.port}=wrong` })).status,
    ).toBe(403);
    expect((await studio.raw('GET', `/api/brands?token=${studio.token}`, { host })).status).toBe(200);
    expect((await studio.call('GET', '/api/brands')).status).toBe(200);
  });

  it('trades the token in the address for a cookie the page cannot read, and takes it out of the address', async () => {
    const answer = await studio.raw('GET', `/?token=${studio.token}&lang=en`, { host: `127.0.0.1:${studio.port}` });
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/?lang=en');
    expect(answer.headers['set-cookie']?.[0]).toBe(
      `handout-studio-${studio.port}=${studio.token}; Path=/; HttpOnly; SameSite=Strict`,
    );
  });

  it('refuses a foreign Host (DNS rebinding) even with the token', async () => {
    for (const host of ['evil.example', `evil.example:${studio.port}`, '127.0.0.1', `127.0.0.1:${studio.port + 1}`]) {
      const answer = await studio.raw('GET', `/api/brands?token=${studio.token}`, { host });
      expect(answer.status, host).toBe(403);
      expect(answer.json().error).toMatch(/Host/);
    }
    expect((await studio.call('GET', '/api/brands', undefined, { host: `localhost:${studio.port}` })).status).toBe(200);
  });

  it('refuses a request from another site (CSRF): a foreign Origin, a cross-site fetch, a body that is not JSON', async () => {
    const body = { programme: programme() };
    const foreign = await studio.call('POST', '/api/programme/check', body, { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    const crossSite = await studio.call('POST', '/api/programme/check', body, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    const form = await studio.call('POST', '/api/programme/check', body, { 'content-type': 'text/plain' });
    expect(form.status).toBe(415);
    expect((await studio.call('POST', '/api/programme/check', body)).status).toBe(200);
  });

  it('sends every answer with a policy that loads nothing from elsewhere and lets no other site frame the page', async () => {
    const page = await studio.call('GET', '/');
    expect(page.status).toBe(200);
    const policy = String(page.headers['content-security-policy']);
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['cache-control']).toBe('no-store');
  });
});

describe('nothing outside the project', () => {
  it('names files by id only: a path in an id is refused, never read', async () => {
    for (const id of ['..%2F..%2Fpackage', '%2e%2e%2f', 'P-1', 'a%00b', 'x.json']) {
      const answer = await studio.call('GET', `/api/programmes/${id}`);
      expect(answer.status, id).toBe(422);
      expect(answer.json().error, id).toMatch(/is not an id/);
    }
    // The address itself is normalised first: "/api/programmes/.." is "/api/", where nothing is.
    expect((await studio.call('GET', '/api/programmes/..')).status).toBe(404);
    const save = await studio.call('PUT', '/api/programmes/..%2Fhandouts%2Fx', { programme: programme() });
    expect(save.status).toBe(422);
    const handout = await studio.call('POST', '/api/handout/preview', { handout: '../../package', brand: 'x' });
    expect(handout.status).toBe(422);
    for (const url of ['/../package.json', '/studio.js/../../package.json', '/api/out/..%2F..%2Fpackage.json.pdf'])
      expect((await studio.call('GET', url)).status, url).toBe(404);
    expect((await studio.call('GET', '/__proto__')).status).toBe(404);
  });

  it('reads and writes no programme through a symbolic link', async () => {
    const outside = await mkdtemp(path.join(os.tmpdir(), 'handout-outside-'));
    await writeFile(path.join(outside, 'secret.json'), JSON.stringify(programme({ id: 'p-2031-0099' })));
    await symlink(path.join(outside, 'secret.json'), path.join(studio.root, 'content/programmes/p-2031-0099.json'));
    const load = await studio.call('GET', '/api/programmes/p-2031-0099');
    expect(load.status).toBe(422);
    expect(load.json().error).toMatch(/symbolic link/);
    const save = await studio.call('PUT', '/api/programmes/p-2031-0099', {
      programme: programme({ id: 'p-2031-0099' }),
      version: null,
    });
    expect(save.status).toBe(422);
    expect(await readFile(path.join(outside, 'secret.json'), 'utf8')).toContain('p-2031-0099');
    await rm(path.join(studio.root, 'content/programmes/p-2031-0099.json'));
    await rm(outside, { recursive: true });
  });

  it('writes nothing when the programmes folder links out of the project', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'handout-linked-'));
    const outside = await mkdtemp(path.join(os.tmpdir(), 'handout-outside-'));
    await mkdir(path.join(root, 'content'), { recursive: true });
    await symlink(outside, path.join(root, 'content/programmes'));
    await mkdir(path.join(root, 'content/brands'));
    const linked = await testStudio(root);
    const save = await linked.call('PUT', '/api/programmes/p-2031-0001', { programme: programme() });
    expect(save.status).toBe(422);
    expect(save.json().error).toMatch(/outside the project/);
    expect(await readdir(outside)).toEqual([]);
    await linked.close();
    await rm(root, { recursive: true });
    await rm(outside, { recursive: true });
  });
});

describe('save and load', () => {
  it('saves a new programme in the form `handout build` reads, atomically, and loads it back with its version', async () => {
    const saved = await studio.call('PUT', '/api/programmes/p-2031-0001', { programme: programme() });
    expect(saved.status).toBe(200);
    expect(saved.json()).toMatchObject({ saved: true, file: 'content/programmes/p-2031-0001.json' });
    const file = path.join(studio.root, 'content/programmes/p-2031-0001.json');
    const text = await readFile(file, 'utf8');
    expect(text).toBe(programmeText(programme()));
    expect(JSON.parse(text).$schema).toBe('../../schemas/programme.schema.json');
    expect(ProgrammeSchema.parse(JSON.parse(text)).exercises).toHaveLength(2);
    // No temporary file is left beside it.
    expect((await readdir(path.dirname(file))).filter((f) => f.startsWith('.'))).toEqual([]);

    const loaded = await studio.call('GET', '/api/programmes/p-2031-0001');
    expect(loaded.json()).toEqual({ programme: JSON.parse(text), version: saved.json().version });

    // The same file `handout build` renders: the client's name on the page.
    const pdf = await readPdf((await render(await openProject(studio.root), { handout: file })).pdf);
    expect(pdf.text).toContain('Birthe Kjærgaard');
  });

  it('refuses a save when the file changed since it was loaded (another tab, an editor), and leaves the file alone', async () => {
    const id = 'p-2031-0002';
    const first = await studio.call('PUT', `/api/programmes/${id}`, { programme: programme({ id }) });
    const version = first.json().version as string;
    // Two tabs opened the same version; the first saves.
    const tabA = await studio.call('PUT', `/api/programmes/${id}`, { programme: programme({ id, weeks: 5 }), version });
    expect(tabA.status).toBe(200);
    const tabB = await studio.call('PUT', `/api/programmes/${id}`, { programme: programme({ id, weeks: 9 }), version });
    expect(tabB.status).toBe(409);
    expect(tabB.json().conflict).toMatch(/changed on disk since it was opened/);
    const file = path.join(studio.root, `content/programmes/${id}.json`);
    expect(JSON.parse(await readFile(file, 'utf8')).weeks).toBe(5);

    // An editor changes it: the version the tab holds is stale.
    await writeFile(file, (await readFile(file, 'utf8')).replace('"weeks": 5', '"weeks": 7'));
    const stale = await studio.call('PUT', `/api/programmes/${id}`, {
      programme: programme({ id, weeks: 3 }),
      version: tabA.json().version,
    });
    expect(stale.status).toBe(409);
    expect(JSON.parse(await readFile(file, 'utf8')).weeks).toBe(7);

    // A new programme never overwrites a file of the same number.
    const again = await studio.call('PUT', `/api/programmes/${id}`, { programme: programme({ id }) });
    expect(again.status).toBe(409);
    expect(again.json().conflict).toMatch(/already exists/);
  });

  it('lets one of two saves at the same moment from the same version through', async () => {
    const id = 'p-2031-0003';
    const { version } = (await studio.call('PUT', `/api/programmes/${id}`, { programme: programme({ id }) })).json();
    const answers = await Promise.all(
      [5, 6, 7].map((weeks) =>
        studio.call('PUT', `/api/programmes/${id}`, { programme: programme({ id, weeks }), version }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409]);
  });

  it('refuses to save a programme the schema refuses, with each problem at its JSON path', async () => {
    const id = 'p-2031-0004';
    const bad = programme({ id, weeks: 'six', exercises: [{ exercise: 'bird-dog', dose: { reps: '8 or so' } }] });
    const answer = await studio.call('PUT', `/api/programmes/${id}`, { programme: bad });
    expect(answer.status).toBe(422);
    const paths = answer.json().diagnostics.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['weeks', 'exercises[0].dose.reps']));
    await expect(readFile(path.join(studio.root, `content/programmes/${id}.json`))).rejects.toThrow();
  });

  it('refuses an id that holds the client name, and a body whose id is not the file it is saved as', async () => {
    const named = await studio.call('PUT', '/api/programmes/birthe-1', { programme: programme({ id: 'birthe-1' }) });
    expect(named.status).toBe(422);
    const [problem] = named.json().diagnostics;
    expect(problem).toMatchObject({ path: 'id', file: 'content/programmes/birthe-1.json' });
    expect(problem.message).not.toMatch(/Birthe/i);
    const other = await studio.call('PUT', '/api/programmes/p-2031-0005', { programme: programme() });
    expect(other.status).toBe(400);
  });

  it('lists saved programmes and the next free case number', async () => {
    const { programmes, next } = (await studio.call('GET', '/api/programmes')).json();
    expect(programmes.map((p: { id: string }) => p.id)).toEqual(
      expect.arrayContaining(['p-2026-0142', 'p-2026-0157', 'p-2031-0001']),
    );
    expect(next).toMatch(/^p-\d{4}-\d{4}$/);
    expect(nextCaseNumber(['p-2031-0001', 'p-2031-0012', 'p-2030-0099', 'x'], 2031)).toBe('p-2031-0013');
    expect(nextCaseNumber([], 2031)).toBe('p-2031-0001');
  });
});

describe('validate and render', () => {
  it("answers the form's programme with the diagnostics of `validate`, at the JSON path with line and column", async () => {
    const answer = await studio.call('POST', '/api/programme/check', {
      programme: programme({ exercises: [{ exercise: 'bird-dgo' }], followUp: '2031-02-30' }),
    });
    const diagnostics = answer.json().diagnostics;
    expect(diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: 'followUp',
          message: 'expected a real date (YYYY-MM-DD)',
          position: expect.objectContaining({ line: expect.any(Number) }),
        }),
      ]),
    );
    const unknown = await studio.call('POST', '/api/programme/check', {
      programme: programme({ exercises: [{ exercise: 'bird-dgo' }] }),
    });
    expect(unknown.json().diagnostics).toEqual([
      expect.objectContaining({
        path: 'exercises[0].exercise',
        message: 'unknown exercise "bird-dgo"',
        hint: 'did you mean "bird-dog"?',
      }),
    ]);
  });

  it('renders the form as a PDF without saving it, the client named on the page and never in an address', async () => {
    const answer = await studio.call('POST', '/api/programme/preview', {
      programme: programme({ id: 'p-2031-0100' }),
      variant: 'large-print',
    });
    expect(answer.status).toBe(200);
    const { output, diagnostics } = answer.json();
    expect(diagnostics).toEqual([]);
    expect(JSON.stringify(output)).not.toMatch(/Birthe|Kj/);
    const pdf = await studio.call('GET', output.pdf);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const content = await readPdf(pdf.bytes);
    expect(content.text).toContain('Birthe Kjærgaard');
    expect(content.text).toContain('8 gentagelser');
    expect(content.text).toContain('Løft kun så højt, det er behageligt.');
    expect(content.pages.length).toBe(output.pages);
    const download = await studio.call('GET', `${output.pdf}?download`);
    expect(download.headers['content-disposition']).toBe('attachment; filename="p-2031-0100.pdf"');
    const html = await studio.call('GET', `${output.html}?download`);
    expect(html.headers['content-disposition']).toBe('attachment; filename="p-2031-0100.html"');
    expect(html.bytes.toString('utf8')).toContain('Birthe Kjærgaard');
    expect(String(html.headers['content-security-policy'])).toContain("default-src 'none'");
    await expect(readFile(path.join(studio.root, 'content/programmes/p-2031-0100.json'))).rejects.toThrow();
    expect(studio.log).toEqual([]);
  });

  it('renders no PDF for a form with errors, only the diagnostics', async () => {
    const answer = (
      await studio.call('POST', '/api/programme/preview', { programme: programme({ exercises: [] }) })
    ).json();
    expect(answer.output).toBeNull();
    expect(answer.diagnostics[0]).toMatchObject({
      path: 'exercises',
      message: 'a programme needs at least one exercise',
    });
  });

  it('renders a handout for a brand with the warnings of `validate` and `check` about its file', async () => {
    const answer = await studio.call('POST', '/api/handout/preview', {
      handout: 'muskelkorset',
      brand: 'skovlund-sygehus',
    });
    const { output, diagnostics } = answer.json();
    const pdf = await readPdf((await studio.call('GET', output.pdf)).bytes);
    expect(pdf.pages[0]?.text).toContain('Skovlund Sygehus');
    for (const d of diagnostics) expect(d.file).toBe('content/handouts/muskelkorset.json');
    // A date ahead makes `check` warn about the review date.
    const file = path.join(studio.root, 'content/handouts/muskelkorset.json');
    const text = await readFile(file, 'utf8');
    const review = /"reviewDate": "(\d{4}-\d{2}-\d{2})"/.exec(text)?.[1] as string;
    await writeFile(file, text.replace(review, '2000-01-01'));
    const late = (
      await studio.call('POST', '/api/handout/preview', { handout: 'muskelkorset', brand: 'skovlund-sygehus' })
    ).json();
    expect(late.diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'meta.reviewDate', message: expect.stringMatching(/review date/) }),
      ]),
    );
    await writeFile(file, text);
  });

  it('gives a new version when a file changes on disk, so the page knows to preview again', async () => {
    const before = (await studio.call('GET', '/api/version')).json().version;
    expect((await studio.call('GET', '/api/version')).json().version).toBe(before);
    const file = path.join(studio.root, 'content/handouts/muskelkorset.json');
    await writeFile(file, `${await readFile(file, 'utf8')} `);
    expect((await studio.call('GET', '/api/version')).json().version).not.toBe(before);
  });

  it('lists the exercise library in the language asked for, each with its pictogram as SVG', async () => {
    const list = (await studio.call('GET', '/api/exercises?lang=en')).json();
    const birdDog = list.find((e: { id: string }) => e.id === 'bird-dog');
    expect(birdDog).toMatchObject({ category: 'stability', picture: '/api/exercises/bird-dog/picture' });
    expect(birdDog.name).not.toBe('Arm og ben på alle fire');
    const svg = await studio.call('GET', birdDog.picture);
    expect(svg.headers['content-type']).toBe('image/svg+xml');
    expect(svg.bytes.toString('utf8')).toMatch(/^<svg/);
    expect((await studio.call('GET', '/api/exercises?lang=xx')).status).toBe(400);
    expect((await studio.call('GET', '/api/exercises/no-such/picture')).status).toBe(404);
  });

  it('fills the page with the words of the label files, in the language asked for', async () => {
    const da = (await studio.call('GET', '/')).bytes.toString('utf8');
    expect(da).toContain('<html lang="da">');
    expect(da).toContain('>Gem</button>');
    const en = (await studio.call('GET', '/?lang=en')).bytes.toString('utf8');
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('>Save</button>');
    expect(en).not.toMatch(/\{\{\w+\}\}/);
  });
});

describe('handout studio', () => {
  it('prints the address with its token, serves the page there, and names --port when the port is taken', async () => {
    const root = await copyProject();
    const first = running(root, ['studio']);
    try {
      const printed = await first.waitFor(/token=\S+/, 0);
      const address = /handout studio: (http:\/\/127\.0\.0\.1:(\d+)\/\?token=[\w-]+)/.exec(printed);
      expect(address, printed).not.toBeNull();
      const visit = await fetch(address?.[1] as string, { redirect: 'manual' });
      expect(visit.status).toBe(303);
      const cookie = (visit.headers.get('set-cookie') ?? '').split(';')[0] as string;
      const page = await fetch(`http://127.0.0.1:${address?.[2]}/`, { headers: { cookie } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<html lang="da">');
      const taken = await handout(root, 'studio', '--port', address?.[2] as string);
      expect(taken.code).toBe(2);
      expect(taken.stderr).toContain(`--port: cannot listen on 127.0.0.1:${address?.[2]}: the port is in use`);
    } finally {
      first.child.kill();
      await rm(root, { recursive: true, force: true });
    }
  });
});
