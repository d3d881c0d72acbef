// The studio's page: compose a programme, preview it as you type, save it; preview any handout.
// Plain DOM, no framework; every word on the page comes from the project's label files.

const $ = (id) => document.getElementById(id);

/** An element with attributes and children; `text` sets its text. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (key === 'text') el.textContent = value;
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : value);
  }
  el.append(...children);
  return el;
}

const state = {
  labels: {},
  languages: [],
  lang: 'da',
  exercises: [],
  brands: [],
  /** The programme being edited, in the form `handout build` reads. */
  programme: undefined,
  /** The saved file's id and version it was opened or saved as; undefined for a new programme. */
  savedAs: undefined,
  version: undefined,
  variant: 'standard',
  view: 'programme',
  fileVersion: undefined,
};

/** A label with its {placeholders} filled. */
function t(key, values = {}) {
  const text = state.labels[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));
}

function say(message) {
  $('status').textContent = message;
}

async function api(path, options = {}) {
  const init = { ...options, headers: { 'Content-Type': 'application/json' } };
  if (options.body !== undefined) init.body = JSON.stringify(options.body);
  const response = await fetch(path, init);
  const body = await response.json().catch(() => ({}));
  return { status: response.status, body };
}

// --- labels -------------------------------------------------------------------

async function loadLabels(lang) {
  const { body } = await api(`/api/labels?lang=${encodeURIComponent(lang)}`);
  state.labels = body.labels;
  state.languages = body.languages;
  state.lang = body.language;
  document.documentElement.lang = state.lang;
  document.title = t('studioTitle');
  for (const el of document.querySelectorAll('[data-label]')) el.textContent = t(el.dataset.label);
  for (const el of document.querySelectorAll('[data-label-aria]'))
    el.setAttribute('aria-label', t(el.dataset.labelAria));
  for (const el of document.querySelectorAll('[data-label-title]')) el.title = t(el.dataset.labelTitle);
}

function languageName(code, inLanguage) {
  try {
    const name = new Intl.DisplayNames([inLanguage], { type: 'language' }).of(code);
    return name ? name.charAt(0).toUpperCase() + name.slice(1) : code;
  } catch {
    return code;
  }
}

function fillOptions(select, options, value) {
  select.replaceChildren(...options.map(([v, text]) => h('option', { value: v, text })));
  if (options.some(([v]) => v === value)) select.value = value;
}

// --- the exercise library -----------------------------------------------------

async function loadExercises() {
  const { body } = await api(`/api/exercises?lang=${state.lang}`);
  state.exercises = body;
  const any = [['', t('studioAny')]];
  const unique = (list) => [...new Map(list).entries()].sort((a, b) => a[1].localeCompare(b[1], state.lang));
  const keep = (select) => select.value;
  const category = keep($('filter-category'));
  const tag = keep($('filter-tag'));
  const equipment = keep($('filter-equipment'));
  fillOptions($('filter-category'), [...any, ...unique(body.map((e) => [e.category, e.categoryLabel]))], category);
  fillOptions($('filter-tag'), [...any, ...unique(body.flatMap((e) => e.tags.map((g) => [g.id, g.label])))], tag);
  fillOptions(
    $('filter-equipment'),
    [...any, ['-', t('studioNoEquipment')], ...unique(body.flatMap((e) => e.equipment.map((q) => [q, q])))],
    equipment,
  );
  showResults();
  showChosen();
}

/** Letters without accents, lower case: "Hælen" is found by "haelen" and "hælen" alike. */
function fold(text) {
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

function matches(exercise) {
  const words = fold($('search').value).split(/\s+/).filter(Boolean);
  const haystack = fold(`${exercise.name} ${exercise.id}`);
  const category = $('filter-category').value;
  const tag = $('filter-tag').value;
  const equipment = $('filter-equipment').value;
  return (
    words.every((w) => haystack.includes(w)) &&
    (!category || exercise.category === category) &&
    (!tag || exercise.tags.some((g) => g.id === tag)) &&
    (!equipment || (equipment === '-' ? exercise.equipment.length === 0 : exercise.equipment.includes(equipment)))
  );
}

function showResults() {
  const found = state.exercises.filter(matches);
  $('result-count').textContent = t('studioResults', { n: found.length });
  $('results').replaceChildren(
    ...found.map((e) =>
      h(
        'li',
        { 'data-exercise': e.id },
        h('img', { class: 'thumb', src: e.picture, alt: '', loading: 'lazy', width: '96', height: '72' }),
        h(
          'div',
          {},
          h('p', { class: 'name', text: e.name }),
          h('p', { class: 'meta', text: [e.categoryLabel, ...e.tags.map((g) => g.label)].join(' · ') }),
          h('p', { class: 'meta', text: e.doseText }),
        ),
        h(
          'button',
          { type: 'button', class: 'add', onclick: () => addExercise(e.id) },
          t('studioAdd'),
          h('span', { class: 'visually-hidden', text: ` ${e.name}` }),
        ),
      ),
    ),
  );
}

// --- the programme ------------------------------------------------------------

const DOSE_FIELDS = [
  ['sets', 'studioSets'],
  ['reps', 'studioReps'],
  ['holdSeconds', 'studioHold'],
  ['timesPerDay', 'studioTimesPerDay'],
  ['timesPerWeek', 'studioTimesPerWeek'],
];

function exerciseById(id) {
  return state.exercises.find((e) => e.id === id);
}

function amountText(amount) {
  if (amount === undefined || amount === null) return '';
  return Array.isArray(amount) ? `${amount[0]}-${amount[1]}` : String(amount);
}

/** "10" -> 10, "10-15" -> [10, 15], "" -> undefined; anything else stays text, for the schema to refuse at its field. */
function parseAmount(text) {
  const m = /^\s*(\d+)\s*(?:[-–]\s*(\d+))?\s*$/.exec(text);
  if (text.trim() === '') return undefined;
  if (!m) return text;
  return m[2] === undefined ? Number(m[1]) : [Number(m[1]), Number(m[2])];
}

function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The dose the card prints: the exercise's own, changed by the programme field by field (null removes). */
function effectiveDose(item) {
  const base = exerciseById(item.exercise)?.dose ?? {};
  const merged = { ...base, ...(item.dose ?? {}) };
  for (const key of Object.keys(merged)) if (merged[key] === null) delete merged[key];
  return merged;
}

/** Keep in the programme only what differs from the exercise's own dose, as a therapist would write it. */
function setDose(item, field, value) {
  const base = exerciseById(item.exercise)?.dose ?? {};
  const dose = { ...(item.dose ?? {}) };
  if (same(value, base[field]) || (value === undefined && base[field] === undefined)) delete dose[field];
  else dose[field] = value === undefined ? null : value;
  if (Object.keys(dose).length === 0) delete item.dose;
  else item.dose = dose;
}

function addExercise(id) {
  const { programme } = state;
  programme.exercises.push({ exercise: id });
  showChosen();
  say(t('studioAdded', { name: exerciseById(id)?.name ?? id, n: programme.exercises.length }));
  changed();
}

function move(index, by) {
  const list = state.programme.exercises;
  const to = index + by;
  if (to < 0 || to >= list.length) return;
  const [item] = list.splice(index, 1);
  list.splice(to, 0, item);
  showChosen();
  // Focus stays with the exercise that moved, on the same button where it can still go that way.
  const row = $('chosen').children[to];
  const again = row?.querySelector(by < 0 ? '.up' : '.down');
  (again && !again.disabled ? again : row?.querySelector(by < 0 ? '.down' : '.up'))?.focus();
  say(t('studioMoved', { name: exerciseById(item.exercise)?.name ?? item.exercise, n: to + 1 }));
  changed();
}

function remove(index) {
  const [item] = state.programme.exercises.splice(index, 1);
  showChosen();
  const rows = $('chosen').children;
  (rows[Math.min(index, rows.length - 1)]?.querySelector('.remove') ?? $('search')).focus();
  say(t('studioRemoved', { name: exerciseById(item.exercise)?.name ?? item.exercise }));
  changed();
}

function doseInput(item, i, field, labelKey) {
  const id = `x${i}-${field}`;
  const dose = effectiveDose(item);
  return h(
    'p',
    { class: 'field' },
    h('label', { for: id, text: t(labelKey) }),
    h('input', {
      id,
      type: 'text',
      inputmode: 'numeric',
      value: amountText(dose[field]),
      'data-path': `exercises[${i}].dose.${field}`,
      'aria-describedby': `x${i}-dose-hint`,
      oninput: (event) => {
        setDose(item, field, parseAmount(event.target.value));
        changed();
      },
    }),
  );
}

function chosenRow(item, i, count) {
  const exercise = exerciseById(item.exercise);
  const name = exercise?.name ?? item.exercise;
  const legendId = `x${i}-legend`;
  const hidden = (text) => h('span', { class: 'visually-hidden', text });
  return h(
    'li',
    { 'data-exercise': item.exercise },
    h(
      'fieldset',
      { 'data-path': `exercises[${i}]`, 'aria-labelledby': legendId },
      h('legend', { id: legendId, text: `${i + 1}. ${name}` }),
      exercise ? h('img', { class: 'thumb', src: exercise.picture, alt: '', width: '96', height: '72' }) : h('span'),
      h(
        'div',
        {},
        h(
          'div',
          { class: 'dose' },
          ...DOSE_FIELDS.map(([field, key]) => doseInput(item, i, field, key)),
          h(
            'p',
            { class: 'field check' },
            h('input', {
              id: `x${i}-perSide`,
              type: 'checkbox',
              checked: Boolean(effectiveDose(item).perSide),
              'data-path': `exercises[${i}].dose.perSide`,
              onchange: (event) => {
                setDose(item, 'perSide', event.target.checked ? true : undefined);
                changed();
              },
            }),
            h('label', { for: `x${i}-perSide`, text: t('studioPerSide') }),
          ),
        ),
        h('p', { id: `x${i}-dose-hint`, class: 'hint', text: t('studioDoseHint') }),
        h(
          'p',
          { class: 'field' },
          h('label', { for: `x${i}-note`, text: t('studioNote') }),
          h('textarea', {
            id: `x${i}-note`,
            rows: '2',
            'data-path': `exercises[${i}].note`,
            oninput: (event) => {
              if (event.target.value === '') delete item.note;
              else item.note = event.target.value;
              changed();
            },
          }),
        ),
      ),
      h(
        'div',
        { class: 'item-actions' },
        h(
          'button',
          { type: 'button', class: 'up', disabled: i === 0, onclick: () => move(i, -1) },
          t('studioUp'),
          hidden(` ${name}`),
        ),
        h(
          'button',
          { type: 'button', class: 'down', disabled: i === count - 1, onclick: () => move(i, 1) },
          t('studioDown'),
          hidden(` ${name}`),
        ),
        h(
          'button',
          { type: 'button', class: 'remove', onclick: () => remove(i) },
          t('studioRemove'),
          hidden(` ${name}`),
        ),
      ),
    ),
  );
}

function showChosen() {
  const list = state.programme?.exercises ?? [];
  $('chosen').replaceChildren(...list.map((item, i) => chosenRow(item, i, list.length)));
  // A textarea's text is not an attribute: set it after the row is built.
  list.forEach((item, i) => {
    const note = $(`x${i}-note`);
    if (note) note.value = item.note ?? '';
  });
  $('none-chosen').hidden = list.length > 0;
}

/** The form's fields from the programme. */
function showProgramme() {
  const p = state.programme;
  for (const input of document.querySelectorAll('[data-field]')) {
    const value = p[input.dataset.field];
    input.value = value === undefined ? '' : String(value);
  }
  $('f-advice').value = (p.advice ?? []).join('\n');
  $('f-variant').value = state.variant;
  showChosen();
}

function readField(input) {
  const field = input.dataset.field;
  const text = input.value;
  if (input.dataset.kind === 'number') {
    if (/^\d+$/.test(text.trim())) state.programme[field] = Number(text);
    else state.programme[field] = text;
  } else if (input.dataset.kind === 'optional' && text === '') delete state.programme[field];
  else state.programme[field] = text;
}

function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

async function savedList() {
  const { body } = await api('/api/programmes');
  fillOptions(
    $('saved'),
    body.programmes.map((p) => [p.id, [p.id, p.client, p.date].filter(Boolean).join(' · ')]),
    state.savedAs ?? $('saved').value,
  );
  return body.next;
}

async function newProgramme(from) {
  const next = await savedList();
  const base = from ? structuredClone(from) : { exercises: [], advice: [] };
  state.programme = {
    ...base,
    id: next,
    brand: base.brand ?? state.brands[0]?.id ?? '',
    client: '',
    date: today(),
    therapist: base.therapist ?? '',
    language: base.language ?? 'da',
    weeks: base.weeks ?? 6,
  };
  delete state.programme.followUp;
  state.savedAs = undefined;
  state.version = undefined;
  showProgramme();
  say(t('studioStarted', { id: next }));
  changed();
}

async function openProgramme(id) {
  if (!id) return;
  const { status, body } = await api(`/api/programmes/${encodeURIComponent(id)}`);
  if (status !== 200) return say(t('studioFailed', { message: body.error ?? status }));
  state.programme = body.programme;
  state.programme.exercises ??= [];
  state.savedAs = id;
  state.version = body.version;
  showProgramme();
  say(t('studioOpened', { file: `content/programmes/${id}.json` }));
  changed();
}

async function save() {
  const { programme } = state;
  const id = typeof programme.id === 'string' ? programme.id : '';
  // Saved under another number than it was opened as: a new file, which must not exist yet.
  const version = state.savedAs === id ? state.version : undefined;
  const { status, body } = await api(`/api/programmes/${encodeURIComponent(id || 'unsaved')}`, {
    method: 'PUT',
    body: { programme, version },
  });
  if (status === 200) {
    state.savedAs = id;
    state.version = body.version;
    await savedList();
    showProblems('programme', body.diagnostics);
    return say(t('studioSaved', { file: body.file }));
  }
  if (status === 409) return say(t('studioConflict'));
  if (body.diagnostics) {
    showProblems('programme', body.diagnostics);
    return say(t('studioNotSaved'));
  }
  say(t('studioFailed', { message: body.error ?? status }));
}

// --- diagnostics --------------------------------------------------------------

/** The form element a JSON path points at, or the nearest one above it. */
function fieldFor(path) {
  if (!path) return undefined;
  const parts = path.match(/[^.[\]]+|\[\d+\]/g) ?? [];
  for (let n = parts.length; n > 0; n--) {
    const at = parts.slice(0, n).join('.').replace(/\.\[/g, '[');
    const el = document.querySelector(`#programme-view [data-path="${CSS.escape(at)}"]`);
    if (el) return el;
  }
  return undefined;
}

function describe(d) {
  const place = d.position ? `${d.file}:${d.position.line}:${d.position.column}` : d.file;
  return `${d.path ? `${d.path}: ` : ''}${d.message}${d.hint ? ` (${d.hint})` : ''} [${place}]`;
}

function showProblems(which, diagnostics) {
  const box = $(`${which}-problems`);
  if (which === 'programme') {
    for (const old of document.querySelectorAll('#programme-view .field-error')) old.remove();
    for (const el of document.querySelectorAll('#programme-view [aria-invalid]')) {
      el.removeAttribute('aria-invalid');
      const ids = (el.getAttribute('aria-describedby') ?? '').split(' ').filter((x) => !x.endsWith('-error'));
      if (ids.length > 0) el.setAttribute('aria-describedby', ids.join(' '));
      else el.removeAttribute('aria-describedby');
    }
    diagnostics.forEach((d, n) => {
      const field = fieldFor(d.path);
      if (!field) return;
      const warning = d.severity === 'warning';
      const id = `problem-${n}-error`;
      const message = h('p', {
        id,
        class: `field-error${warning ? ' warning' : ''}`,
        text: `${t(warning ? 'studioWarning' : 'studioError')}: ${d.message}${d.hint ? ` (${d.hint})` : ''}`,
      });
      if (field.matches('fieldset, section')) field.append(message);
      else {
        field.closest('.field')?.append(message);
        if (!warning) field.setAttribute('aria-invalid', 'true');
        field.setAttribute('aria-describedby', `${field.getAttribute('aria-describedby') ?? ''} ${id}`.trim());
      }
    });
  }
  const heading = h('h3', { text: t('studioProblems') });
  if (diagnostics.length === 0) return box.replaceChildren(heading, h('p', { text: t('studioNoProblems') }));
  box.replaceChildren(
    heading,
    h(
      'ul',
      {},
      ...diagnostics.map((d) =>
        h('li', {
          class: d.severity === 'warning' ? 'warning' : 'error',
          text: `${t(d.severity === 'warning' ? 'studioWarning' : 'studioError')}: ${describe(d)}`,
        }),
      ),
    ),
  );
}

// --- previews -----------------------------------------------------------------

/** Show a rendered document: the PDF in the frame, its links beside it. */
function showOutput(which, output) {
  const links = $(`${which}-links`);
  if (!output) {
    links.replaceChildren();
    $(`${which}-state`).textContent = t('studioNoPreview');
    return;
  }
  links.replaceChildren(
    h('a', { href: output.pdf, target: '_blank', rel: 'noopener', text: t('studioOpenPdf') }),
    h('a', { href: `${output.pdf}?download`, class: 'download-pdf', text: t('studioDownloadPdf') }),
    h('a', { href: `${output.html}?download`, class: 'download-html', text: t('studioDownloadHtml') }),
  );
  $(`${which}-frame`).src = output.pdf;
  $(`${which}-state`).textContent = t('studioRendered', { n: output.pages });
}

let timer;
let asked = 0;

/** The programme changed: preview it again once typing pauses. */
function changed() {
  // Until the preview shows this state of the form (tests wait for it to go).
  document.body.dataset.pending = 'true';
  clearTimeout(timer);
  timer = setTimeout(previewProgramme, 400);
}

async function previewProgramme() {
  const mine = ++asked;
  $('programme-state').textContent = t('studioRendering');
  const { status, body } = await api('/api/programme/preview', {
    method: 'POST',
    body: { programme: state.programme, variant: state.variant },
  });
  // An answer to an older state of the form is of no use.
  if (mine !== asked) return;
  delete document.body.dataset.pending;
  if (status !== 200) return say(t('studioFailed', { message: body.error ?? status }));
  showProblems('programme', body.diagnostics);
  showOutput('programme', body.output);
}

let handoutAsked = 0;

async function previewHandout() {
  const handout = $('h-handout').value;
  const brand = $('h-brand').value;
  if (!handout || !brand) return;
  const mine = ++handoutAsked;
  $('handout-state').textContent = t('studioRendering');
  const { status, body } = await api('/api/handout/preview', {
    method: 'POST',
    body: { handout, brand, variant: $('h-variant').value },
  });
  if (mine !== handoutAsked) return;
  if (status !== 200) return say(t('studioFailed', { message: body.error ?? status }));
  showProblems('handout', body.diagnostics);
  showOutput('handout', body.output);
  document.body.dataset.handoutPreviewed = String(mine);
}

/** An author edits a handout in their editor: when its files change on disk, preview it again. */
async function poll() {
  try {
    const { body } = await api('/api/version');
    if (state.fileVersion !== undefined && body.version !== state.fileVersion && state.view === 'handout') {
      await previewHandout();
      say(t('studioChanged'));
    }
    state.fileVersion = body.version;
  } finally {
    setTimeout(poll, 1000);
  }
}

function showView(view) {
  state.view = view;
  $('programme-view').hidden = view !== 'programme';
  $('handout-view').hidden = view !== 'handout';
  $('show-programme').setAttribute('aria-pressed', String(view === 'programme'));
  $('show-handout').setAttribute('aria-pressed', String(view === 'handout'));
  if (view === 'handout' && !handoutAsked) previewHandout();
}

// --- start --------------------------------------------------------------------

async function start() {
  await loadLabels(new URLSearchParams(location.search).get('lang') ?? 'da');
  const [brands, handouts] = await Promise.all([api('/api/brands'), api('/api/handouts')]);
  state.brands = brands.body;
  const brandOptions = state.brands.map((b) => [b.id, b.organisation]);
  fillOptions($('f-brand'), brandOptions);
  fillOptions($('h-brand'), brandOptions);
  fillOptions(
    $('h-handout'),
    handouts.body.map((x) => [x.id, x.title]),
  );
  const languageOptions = () => state.languages.map((code) => [code, languageName(code, state.lang)]);
  fillOptions($('ui-language'), languageOptions(), state.lang);
  fillOptions($('f-language'), languageOptions());
  await loadExercises();
  await newProgramme();

  $('ui-language').addEventListener('change', async (event) => {
    await loadLabels(event.target.value);
    fillOptions($('ui-language'), languageOptions(), state.lang);
    fillOptions($('f-language'), languageOptions(), state.programme.language);
    await loadExercises();
  });
  for (const input of document.querySelectorAll('[data-field]'))
    input.addEventListener(input.tagName === 'SELECT' ? 'change' : 'input', () => {
      readField(input);
      changed();
    });
  $('f-advice').addEventListener('input', (event) => {
    state.programme.advice = event.target.value.split('\n').filter((line) => line.trim() !== '');
    changed();
  });
  $('f-variant').addEventListener('change', (event) => {
    state.variant = event.target.value;
    changed();
  });
  for (const id of ['search', 'filter-category', 'filter-tag', 'filter-equipment'])
    $(id).addEventListener(id === 'search' ? 'input' : 'change', showResults);
  $('open').addEventListener('click', () => openProgramme($('saved').value));
  $('new').addEventListener('click', () => newProgramme());
  $('new-from').addEventListener('click', () => newProgramme(state.programme));
  $('save').addEventListener('click', save);
  $('show-programme').addEventListener('click', () => showView('programme'));
  $('show-handout').addEventListener('click', () => showView('handout'));
  for (const id of ['h-handout', 'h-brand', 'h-variant']) $(id).addEventListener('change', previewHandout);
  poll();
  document.body.dataset.ready = 'true';
}

start().catch((error) => say(t('studioFailed', { message: error.message })));
