import { describe, expect, it } from 'vitest';
import { paginate } from '../../src/layout/paginate.js';
import type { Slice } from '../../src/layout/slice.js';

/** A slice whose one rect carries its name in `fill`, so pages can be read back as names. */
function s(name: string, height: number, keepWithPrevious = false, extra: Partial<Slice> = {}): Slice {
  return {
    height,
    spaceBefore: 0,
    keepWithPrevious,
    breakBefore: false,
    items: [{ kind: 'rect', x: 0, y: 0, width: 1, height, fill: name }],
    ...extra,
  };
}

function names(pages: ReturnType<typeof paginate>): string[][] {
  return pages.map(({ items }) => items.map((i) => (i.kind === 'rect' ? (i.fill as string) : '?')));
}

const frame = { left: 0, top: 0, height: 100 };

describe('paginate', () => {
  it('fills a page and breaks where the next slice does not fit', () => {
    expect(names(paginate([s('a', 40), s('b', 40), s('c', 40)], frame))).toEqual([['a', 'b'], ['c']]);
  });

  it('moves a heading to the next page together with what must stay with it', () => {
    const slices = [s('p1', 60), s('h', 20), s('line1', 15, true), s('line2', 15, true)];
    expect(names(paginate(slices, frame))).toEqual([['p1'], ['h', 'line1', 'line2']]);
  });

  it('never moves a slice already at the top of a page, so a too-tall group cannot loop', () => {
    const pages = names(paginate([s('huge', 250), s('after', 10)], frame));
    expect(pages).toEqual([['huge'], ['after']]);
  });

  it('breaks anyway when one kept chain fills the whole page', () => {
    const chain = [s('a', 50), s('b', 40, true), s('c', 40, true)];
    expect(names(paginate(chain, frame))).toEqual([['a', 'b'], ['c']]);
  });

  it('drops the space before a slice at the top of a page', () => {
    const pages = paginate([s('a', 90), s('b', 20, false, { spaceBefore: 30 })], frame);
    expect(pages[1]?.items[0]).toMatchObject({ y: 0 });
  });

  it('starts a new page at a page break', () => {
    expect(names(paginate([s('a', 10), s('b', 10, false, { breakBefore: true })], frame))).toEqual([['a'], ['b']]);
  });

  it('places items in page coordinates inside the frame', () => {
    const [page] = paginate([s('a', 10), s('b', 10, false, { spaceBefore: 5 })], { left: 50, top: 70, height: 100 });
    expect(page?.items.map((i) => ('x' in i ? [i.x, i.y] : []))).toEqual([
      [50, 70],
      [50, 85],
    ]);
  });
});

describe('paginate with tables', () => {
  it('repeats the header rows above a row that starts a page, and keeps a header with its first row', () => {
    const header = s('head', 20);
    const rows = [1, 2, 3, 4, 5].map((n) => s(`row${n}`, 25, n === 1, { header: [header] }));
    const pages = names(paginate([s('intro', 10), header, ...rows], frame));
    expect(pages).toEqual([
      ['intro', 'head', 'row1', 'row2'],
      ['head', 'row3', 'row4', 'row5'],
    ]);
  });

  it('moves a header that would stand alone at a page foot to the next page with its first row', () => {
    const header = s('head', 20);
    const rows = [1, 2].map((n) => s(`row${n}`, 25, n === 1, { header: [header] }));
    expect(names(paginate([s('intro', 70), header, ...rows], frame))).toEqual([['intro'], ['head', 'row1', 'row2']]);
  });
});

describe('paginate with forced breaks', () => {
  it('takes the heading that belongs to a slice along when that slice must start a new page', () => {
    const pages = names(
      paginate([s('intro', 10), s('heading', 10), s('card', 30, true, { breakBefore: true })], frame),
    );
    expect(pages).toEqual([['intro'], ['heading', 'card']]);
  });
});

describe('why a page ends', () => {
  const ends = (slices: Slice[]) => paginate(slices, frame).map((p) => p.end?.rule);

  it('says a page was full when the next slice simply did not fit', () => {
    const pages = paginate([s('a', 70), s('b', 40)], frame);
    expect(pages[0]?.end).toMatchObject({ rule: 'full', room: 30 });
    expect(pages[1]?.end).toBeUndefined();
  });

  it('names the rule that took slices along to the next page', () => {
    expect(ends([s('a', 50), s('title', 20), s('step', 40, true, { bond: 'keep-together' })])).toEqual([
      'keep-together',
      undefined,
    ]);
    expect(ends([s('a', 50), s('heading', 20), s('text', 40, true, { bond: 'keep-with-next' })])).toEqual([
      'keep-with-next',
      undefined,
    ]);
  });

  it('says a page break ended the page, and quotes the words that start the next one', () => {
    const next: Slice = {
      ...s('b', 10, false, { breakBefore: true }),
      items: [{ kind: 'text', x: 0, y: 0, text: 'Øvelse 2', style: 'bold', size: 12, colour: '#000000', width: 40 }],
    };
    expect(paginate([s('a', 10), next], frame)[0]?.end).toMatchObject({ rule: 'page-break', next: 'Øvelse 2' });
  });
});
