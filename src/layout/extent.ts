/**
 * How much of a page's text area its content takes, and whether anything
 * reaches outside it: page economy and "nothing lost" measured on the result.
 */
import type { FontStyle } from '../brand/fonts.js';
import type { Area } from './paginate.js';
import type { Page, PlacedItem } from './types.js';

export interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

type FontHeight = (style: FontStyle, size: number) => number;

/** The box an item covers on the page; a text item's is its font's ascender-to-descender box. */
export function itemBox(item: PlacedItem, fontHeight: FontHeight): Box {
  switch (item.kind) {
    case 'text':
      return {
        top: item.y,
        bottom: item.y + fontHeight(item.style, item.size),
        left: item.x,
        right: item.x + item.width,
      };
    case 'line':
      return {
        top: Math.min(item.y1, item.y2),
        bottom: Math.max(item.y1, item.y2),
        left: Math.min(item.x1, item.x2),
        right: Math.max(item.x1, item.x2),
      };
    case 'icon':
      return { top: item.y, bottom: item.y + item.size, left: item.x, right: item.x + item.size };
    default:
      return { top: item.y, bottom: item.y + item.height, left: item.x, right: item.x + item.width };
  }
}

/** The page's content (furniture left out), as one box; undefined for an empty page. */
export function contentBox(page: Page, fontHeight: FontHeight): Box | undefined {
  const boxes = page.items.filter((i) => !i.artifact).map((i) => itemBox(i, fontHeight));
  if (boxes.length === 0) return undefined;
  return {
    top: Math.min(...boxes.map((b) => b.top)),
    bottom: Math.max(...boxes.map((b) => b.bottom)),
    left: Math.min(...boxes.map((b) => b.left)),
    right: Math.max(...boxes.map((b) => b.right)),
  };
}

export interface TextArea extends Area {
  width: number;
}

/** Share of the text area's height down to the lowest content: 0 (empty) to 1 (full). */
export function pageFill(page: Page, area: TextArea, fontHeight: FontHeight): number {
  const box = contentBox(page, fontHeight);
  return box ? Math.max(0, box.bottom - area.top) / area.height : 0;
}

/** Content items that reach outside the text area, with how far; tolerance in points for rounding. */
export function overflowingItems(
  page: Page,
  area: TextArea,
  fontHeight: FontHeight,
  tolerance = 0.5,
): { item: PlacedItem; box: Box }[] {
  return page.items
    .filter((i) => !i.artifact)
    .map((item) => ({ item, box: itemBox(item, fontHeight) }))
    .filter(
      ({ box }) =>
        box.top < area.top - tolerance ||
        box.bottom > area.top + area.height + tolerance ||
        box.left < area.left - tolerance ||
        box.right > area.left + area.width + tolerance,
    );
}
