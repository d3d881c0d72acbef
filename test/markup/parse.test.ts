import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { HandoutError } from '../../src/diagnostics.js';
import { parseMarkup } from '../../src/markup/parse.js';
import { checkMarkupVocabulary } from '../../src/markup/vocabulary.js';

function errorOf(run: () => unknown): HandoutError {
  try {
    run();
  } catch (error) {
    if (error instanceof HandoutError) return error;
    throw error;
  }
  throw new Error('expected a HandoutError');
}

describe('parseMarkup', () => {
  it('marks text in another language, and names a span whose lang is no language tag', () => {
    const [block] = parseMarkup('t', '<p>Se <span lang="en">Exercise therapy</span> og <span lang="">mere</span>.</p>');
    expect(block).toMatchObject({
      inlines: [
        { text: 'Se ' },
        { text: 'Exercise therapy', lang: 'en' },
        { text: ' og ' },
        { text: 'mere' },
        { text: '.' },
      ],
    });
    expect((block as { inlines: { lang?: string }[] }).inlines[3]?.lang).toBeUndefined();
    expect(errorOf(() => parseMarkup('t', '<p><span lang="engelsk">x</span></p>')).message).toMatch(
      /t:1:4: <span lang="engelsk"> is not a language tag \(expected e\.g\. "en" or "en-GB"\)/,
    );
  });

  it('builds headings, paragraphs with bold and links, and lists', () => {
    const blocks = parseMarkup(
      't',
      '<h2>Løft</h2>\n<p>Husk <b>altid</b> at <a href="tel:12345678">ringe</a>.</p><ol><li>Et</li><li>To</li></ol>',
    );
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'list']);
    expect(blocks[1]).toMatchObject({
      inlines: [
        { text: 'Husk ', bold: false },
        { text: 'altid', bold: true },
        { text: ' at ', bold: false },
        { text: 'ringe', href: 'tel:12345678' },
        { text: '.' },
      ],
    });
    expect(blocks[2]).toMatchObject({ ordered: true, items: [[{ text: 'Et' }], [{ text: 'To' }]] });
  });

  it('prints content that looks like markup literally once Handlebars has escaped it', () => {
    const markup = Handlebars.compile('<p>{{text}}</p>')({ text: 'Brug <page-break/> & {{x}} "citat"' });
    const [p] = parseMarkup('t', markup);
    expect(p).toMatchObject({ kind: 'paragraph', inlines: [{ text: 'Brug <page-break/> & {{x}} "citat"' }] });
  });

  it('refuses an unknown element with its line and column, and suggests the known one', () => {
    const error = errorOf(() => parseMarkup('leaflet.hbs', '<p>ok</p>\n  <figur picture="x" alt="y"/>'));
    expect(error.diagnostics[0]).toMatchObject({
      file: 'leaflet.hbs',
      position: { line: 2, column: 3 },
      message: 'unknown markup element <figur>',
    });
    expect(error.diagnostics[0]?.hint).toBe('did you mean "figure"?');
  });

  it('refuses a figure without alt text', () => {
    const error = errorOf(() => parseMarkup('t', '<figures><figure picture="x"/></figures>'));
    expect(error.message).toMatch(/<figure> needs the attribute "alt"/);
  });

  it('refuses a block inside text', () => {
    const error = errorOf(() => parseMarkup('t', '<p>a <card>b</card></p>'));
    expect(error.message).toMatch(/<card> is a block and cannot stand inside text/);
  });
});

describe('checkMarkupVocabulary', () => {
  it('checks literal tags of a template, not the mustaches', () => {
    expect(() => checkMarkupVocabulary('t.hbs', '<callout tone="{{tone}}"><p>{{text}}</p></callout>')).not.toThrow();
    const error = errorOf(() => checkMarkupVocabulary('t.hbs', '{{#if x}}\n<callout tone="loud">'));
    expect(error.diagnostics[0]).toMatchObject({
      position: { line: 2, column: 1 },
      message: '<callout tone="loud"> is not allowed',
    });
  });
});
