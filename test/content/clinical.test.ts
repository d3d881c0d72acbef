/**
 * The clinical review's rules, checked on the content library itself: the same
 * advice in every handout, red flags with their urgency, no dose in running text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/project.js';

type Json = unknown;

function load(kind: string): { id: string; value: Json }[] {
  const dir = path.join(ROOT, 'content', kind);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ id: f.replace(/\.json$/, ''), value: JSON.parse(readFileSync(path.join(dir, f), 'utf8')) }));
}

/** Every string in a JSON value. */
function strings(value: Json): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** Every object in a JSON value, depth first. */
function objects(value: Json): Record<string, Json>[] {
  if (Array.isArray(value)) return value.flatMap(objects);
  if (value && typeof value === 'object')
    return [value as Record<string, Json>, ...Object.values(value).flatMap(objects)];
  return [];
}

const handouts = load('handouts');
const programmes = load('programmes');
const exercises = load('exercises');
const documents = [...handouts, ...programmes];

describe('pain during exercise', () => {
  it('every pain score limit is the same: under 5 of 10', () => {
    const limits = documents.flatMap(({ id, value }) =>
      strings(value).flatMap((s) =>
        [...s.matchAll(/(\S+ \d+) på en skala fra 0 til 10/g)].map((m) => ({ id, limit: m[1] })),
      ),
    );
    expect(limits.length).toBeGreaterThan(0);
    for (const { id, limit } of limits) expect(limit, id).toBe('under 5');
  });
});

describe('red flags', () => {
  const CAUDA_EQUINA = /skridtet/;
  const flagged = handouts.filter(({ value }) => strings(value).some((s) => CAUDA_EQUINA.test(s)));

  it('are in every handout', () => {
    expect(flagged.map((h) => h.id)).toEqual(handouts.map((h) => h.id));
  });

  it.each(flagged.map((h) => [h.id, h.value]))('%s: cauda equina signs say now, the same day', (_, value) => {
    const callouts = objects(value).filter((o) => o.type === 'callout');
    const naming = callouts.filter((c) => strings(c).some((s) => CAUDA_EQUINA.test(s)));
    expect(naming.length).toBeGreaterThan(0);
    for (const c of naming) {
      expect(c.tone).toBe('danger');
      expect(strings(c).join(' ')).toMatch(/samme dag/);
    }
  });

  it.each(flagged.map((h) => [h.id, h.value]))(
    '%s: the other flags have their own, lower urgency, cancer among them',
    (_, value) => {
      const callouts = objects(value).filter((o) => o.type === 'callout');
      const cancer = callouts.find((c) => strings(c).some((s) => /kræft/.test(s)));
      expect(cancer?.tone).toBe('warning');
      const fever = callouts.find((c) => strings(c).some((s) => /feber/.test(s)));
      expect(fever?.tone).toBe('warning');
      expect(strings(fever).join(' ')).toMatch(/i dag/);
    },
  );
});

describe('heat', () => {
  it('waits 48-72 hours after an injury and warns about reduced skin sensation', () => {
    const texts = documents.flatMap(({ value }) => strings(value));
    const waits = texts.flatMap((s) => [...s.matchAll(/vent (\S+) timer/gi)].map((m) => m[1]));
    expect(waits.length).toBeGreaterThan(0);
    for (const wait of waits) expect(wait).toBe('48–72');
    expect(texts.some((s) => /nedsat følelse i huden/.test(s))).toBe(true);
  });
});

describe('exercise cards', () => {
  it.each(exercises.map((e) => [e.id, e.value]))('%s: progression does not repeat its own label', (_, value) => {
    const e = value as { progression?: string; translations?: { en?: { progression?: string } } };
    expect(e.progression ?? '').not.toMatch(/^Når det går let/);
    expect(e.translations?.en?.progression ?? '').not.toMatch(/^When (this|it) (feels|gets) easy/);
  });
});

describe('words on paper', () => {
  const labels = load('labels');

  it('Danish text quotes with »…«, not English or typewriter quotes', () => {
    for (const { id, value } of [...documents, ...exercises, ...labels.filter((l) => l.id === 'da')])
      for (const s of strings(value)) expect(s, id).not.toMatch(/[“”"]/);
  });

  it('nothing asks a reader of paper to click', () => {
    for (const { id, value } of [...labels, ...documents, ...exercises])
      for (const s of strings(value)) expect(s, id).not.toMatch(/\bklik|\bclick/i);
  });

  it('a leaflet any brand may print (a hospital too) does not say "the clinic"', () => {
    for (const { id, value } of handouts)
      for (const s of strings(value)) expect(s, id).not.toMatch(/(^|\s)klinikken\b/i);
  });
});
