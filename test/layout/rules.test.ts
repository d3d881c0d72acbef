/**
 * Every layout rule the README promises, on pages laid out from markup written for
 * the case (real fonts and theme). Each test fails when its rule is removed.
 */
import { describe, expect, it } from 'vitest';
import { columnWidths } from '../../src/layout/blocks/table.js';
import { areaOf, content, layoutMarkup, lines, outside, rects, words } from './layout-helpers.js';

const filler = (count: number) => `<lines count="${count}"/>`;
const steps = (n: number, length = 14) =>
  Array.from({ length: n }, (_, i) => `<li>${words(length, `trin${i + 1}ord`)}</li>`).join('');
const pageOf = (pages: ReturnType<typeof layoutMarkup>['pages'], text: string) =>
  pages.findIndex((p) => lines(p).some((l) => l.includes(text)));

describe('keep together', () => {
  it('moves a card that fits on a page but not in what is left of this one, whole, to the next page', () => {
    const { pages } = layoutMarkup(
      `${filler(18)}<card><h3>Øvelse 1: Kort</h3><ol>${steps(6)}</ol><p>Mængde: 10</p></card>`,
    );
    expect(pages).toHaveLength(2);
    expect(lines(pages[0]).join(' ')).not.toContain('Øvelse 1');
    expect(lines(pages[1])[0]).toBe('Øvelse 1: Kort');
    expect(lines(pages[1]).join(' ')).toContain('Mængde: 10');
  });

  it('keeps a table row whole when it fits on a page', () => {
    const row = `<tr><td>${words(60, 'celle')}</td><td>B</td></tr>`;
    const { pages } = layoutMarkup(`${filler(17)}<table><tr><th>Myte</th><th>Fakta</th></tr>${row}</table>`);
    const first = pageOf(pages, 'celle1 ');
    expect(pageOf(pages, 'celle60')).toBe(first);
  });
});

describe('keep with next', () => {
  it('never leaves a heading at the foot of a page: it moves with the first lines under it', () => {
    for (let count = 18; count <= 23; count++) {
      const { pages } = layoutMarkup(`${filler(count)}<h2>Overskrift</h2><p>${words(120)}</p>`);
      expect(pageOf(pages, 'Overskrift'), `after ${count} lines`).toBe(pageOf(pages, 'ord1 '));
    }
  });

  it('moves a lead-in ending with a colon to the page of the list it introduces', () => {
    for (let count = 18; count <= 23; count++) {
      const { pages } = layoutMarkup(`${filler(count)}<p>Sådan gør du:</p><ul>${steps(3, 30)}</ul>`);
      expect(pageOf(pages, 'Sådan gør du:'), `after ${count} lines`).toBe(pageOf(pages, 'trin1ord1 '));
    }
  });
});

describe('widows and orphans', () => {
  it('leaves at least two lines of a paragraph on each side of a page break', () => {
    let splits = 0;
    for (let count = 14; count <= 24; count++) {
      const { pages } = layoutMarkup(`${filler(count)}<p>${words(90)}</p>`);
      const perPage = pages.map((p) => lines(p).filter((l) => /\bord\d/.test(l)).length).filter((n) => n > 0);
      if (perPage.length > 1) splits++;
      for (const n of perPage) expect(n, `after ${count} lines: ${perPage}`).toBeGreaterThanOrEqual(2);
    }
    expect(splits).toBeGreaterThan(3);
  });
});

describe('table header repeat', () => {
  it('repeats the header rows at the top of every page a table continues on, as decoration', () => {
    const rows = Array.from({ length: 70 }, (_, i) => `<tr><td>række ${i + 1}</td><td>x</td></tr>`).join('');
    const { pages } = layoutMarkup(`<table><tr><th>Uge</th><th>Løb</th></tr>${rows}</table>`);
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(lines(page)[0]).toBe('Uge Løb');
    const headerItems = pages.flatMap((p) => content(p)).filter((i) => i.kind === 'text' && i.text === 'Uge');
    expect(headerItems.filter((i) => i.tag !== undefined)).toHaveLength(1);
    expect(lines(pages.at(-1)).at(-1)).toBe('række 70 x');
  });
});

describe('splitting what is taller than a page', () => {
  const longCard = `<card><h3>Øvelse 1: Lang</h3><media picture="p" alt="a"><p>Udgangsstilling: stå.</p><ol>${steps(30)}</ol></media><p>Mængde: 10 gentagelser</p><p>Obs: ${words(30, 'obs')}</p></card>`;

  it('splits an exercise card between steps, framed on every page, its title repeated as continued', () => {
    const { pages, problems } = layoutMarkup(longCard);
    expect(problems).toEqual([]);
    expect(pages.length).toBeGreaterThan(1);
    const all = pages.flatMap(lines);
    for (let i = 1; i <= 30; i++) {
      // Every step once, and never cut: its first and last word on one page.
      expect(all.filter((l) => l.includes(`trin${i}ord1 `))).toHaveLength(1);
      expect(pageOf(pages, `trin${i}ord1 `)).toBe(pageOf(pages, `trin${i}ord14`));
    }
    expect(all).toContain('Mængde: 10 gentagelser');
    for (const [n, page] of pages.entries()) {
      expect(
        rects(page).some((r) => r.kind === 'rect' && r.stroke && r.height > 100),
        `frame on page ${n + 1}`,
      ).toBe(true);
      if (n > 0) expect(lines(page)[0]).toBe('Øvelse 1: Lang (fortsat)');
    }
    expect(outside(pages)).toEqual([]);
  });

  it('never leaves a card title alone at the foot of a page', () => {
    for (let count = 18; count <= 23; count++) {
      const { pages } = layoutMarkup(`${filler(count)}${longCard}`);
      expect(pageOf(pages, 'Øvelse 1: Lang'), `after ${count} lines`).toBe(pageOf(pages, 'trin1ord1 '));
    }
  });

  it('splits a table row taller than a page between lines, the header repeated above', () => {
    const { pages } = layoutMarkup(
      `<table><tr><th>Spørgsmål</th><th>Svar</th></tr><tr><td>Kort</td><td>${words(900, 'svar')}</td></tr></table>`,
    );
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(lines(page)[0]).toBe('Spørgsmål Svar');
    const text = pages.flatMap(lines).join(' ');
    for (const n of [1, 450, 900]) expect(text).toContain(`svar${n}`);
    expect(outside(pages)).toEqual([]);
  });

  it('splits a callout taller than a page between paragraphs, its bar on every page', () => {
    const paragraphs = Array.from({ length: 8 }, (_, i) => `<p>${words(60, `afsnit${i + 1}ord`)}</p>`).join('');
    const { pages } = layoutMarkup(`<callout tone="danger" title="Kontakt straks">${paragraphs}</callout>`);
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(rects(page).filter((r) => r.kind === 'rect' && r.width === 5)).toHaveLength(1);
    expect(pages.flatMap(lines).join(' ')).toContain('afsnit8ord60');
    expect(outside(pages)).toEqual([]);
  });

  it('scales a picture taller than a page down to fit', () => {
    const { pages, problems } = layoutMarkup(
      '<figures><figure picture="tall" alt="a">Billedtekst</figure></figures><media picture="tall-2" alt="b"><p>Tekst</p></media>',
    );
    expect(problems).toEqual([]);
    expect(outside(pages)).toEqual([]);
    expect(pages.flatMap(lines)).toEqual(expect.arrayContaining(['Billedtekst', 'Tekst']));
  });

  it('flows a two-column list taller than a page in one column', () => {
    const items = Array.from({ length: 90 }, (_, i) => `<li>punkt ${i + 1}</li>`).join('');
    const { pages } = layoutMarkup(`<ul columns="2">${items}</ul>`);
    expect(pages.length).toBeGreaterThan(1);
    expect(outside(pages)).toEqual([]);
    expect(pages.flatMap(lines).filter((l) => l.startsWith('• punkt'))).toHaveLength(90);
  });

  it('reports what it cannot place: a word wider than any line', () => {
    const { problems } = layoutMarkup(`<p>Kort ${'Donaudampfschiff'.repeat(8)} slut.</p>`);
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^the word "Donaudampfschiff.*…" \(128 letters\) is wider than its \d+ pt column/),
    ]);
  });
});

describe('table columns', () => {
  it('gives a column at least its widest word, and the rest of the width by weight', () => {
    expect(columnWidths([4, 1, 1], [0, 0, 0], 600)).toEqual([400, 100, 100]);
    const [first, second, third] = columnWidths([10, 1, 1], [0, 60, 30], 600);
    expect(second).toBe(60);
    expect((first as number) / (third as number)).toBeCloseTo(10);
    expect((first as number) + (third as number)).toBeCloseTo(540);
    // When the words cannot all fit, the weights alone decide (the word is then reported).
    expect(columnWidths([1, 1], [400, 400], 600)).toEqual([300, 300]);
  });

  it('lays out a diary whose weekday columns are narrower by weight than their names in large print', () => {
    const days = ['Man', 'Tir', 'Ons', 'Tor', 'Fre', 'Lør', 'Søn'];
    const { pages, problems } = layoutMarkup(
      `<table widths="16,1,1,1,1,1,1,1"><tr><th>Øvelse</th>${days.map((d) => `<th>${d}</th>`).join('')}</tr>` +
        `<tr><th>1. Find muskelkorsettet</th>${days.map(() => '<td></td>').join('')}</tr></table>`,
      'large-print',
    );
    expect(problems).toEqual([]);
    expect(lines(pages[0])).toContain(`Øvelse ${days.join(' ')}`);
  });
});

describe('flexible space', () => {
  it('shrinks the space between blocks (to no less than half) to keep a card that misses a page by a few points', () => {
    const card = `<card><h3>Øvelse 1: Kort</h3><ol>${steps(4)}</ol></card>`;
    const paragraphs = (n: number) => Array.from({ length: n }, (_, i) => `<p>Afsnit ${i + 1}.</p>`).join('');
    // Find the filler that makes the card miss the page by less than the page's slack.
    let kept = 0;
    for (let n = 10; n <= 26; n++) {
      const { pages } = layoutMarkup(`${paragraphs(n)}${card}`);
      if (pages.length === 1) kept = n;
      expect(outside(pages)).toEqual([]);
    }
    // Without shrinking, the card fits under at most 15 one-line paragraphs.
    expect(kept).toBeGreaterThanOrEqual(17);
    const tops = content(layoutMarkup(`${paragraphs(kept)}${card}`).pages[0]).flatMap((i) =>
      i.kind === 'text' && i.text.startsWith('Afsnit') ? [i.y] : [],
    );
    const lineHeight = 13 * 1.4;
    for (let k = 1; k < tops.length; k++)
      expect((tops[k] as number) - (tops[k - 1] as number)).toBeGreaterThanOrEqual(lineHeight + 4 - 0.01);
  });
});

describe('a lone picture', () => {
  it('stands beside its caption, not above it, at no more than 40 % of the width', () => {
    const { pages } = layoutMarkup('<figures><figure picture="p" alt="a">Billedtekst</figure></figures>');
    const items = content(pages[0]);
    const picture = items.find((i) => i.kind === 'picture');
    const caption = items.find((i) => i.kind === 'text' && i.text === 'Billedtekst');
    if (picture?.kind !== 'picture' || caption?.kind !== 'text') throw new Error('picture or caption missing');
    expect(caption.x).toBeGreaterThan(picture.x + picture.width);
    expect(caption.y).toBeLessThan(picture.y + picture.height);
    expect(picture.width).toBeLessThanOrEqual(0.4 * areaOf().width + 0.01);
  });
});
