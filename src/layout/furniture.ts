/**
 * Phase three of layout: what every page carries once the page count is known.
 * The header shows the brand; the footer says which document and version this
 * is, how to call, and "Side N af M".
 */
import type { Theme } from '../brand/theme.js';
import type { Measurer, PlacedItem } from './types.js';

export interface Furniture {
  logo: { picture: string; alt: string; aspect: number };
  organisation: string;
  department?: string;
  /** A line for this copy in the header of every page, e.g. the client's name and date. */
  note?: string;
  /** Left part of the footer, e.g. "Dok.-id PI-RYG-0042 · Version 1.0 · Tlf. 70 20 30 40". */
  footer: string;
  pageOf(page: number, pages: number): string;
}

function rightAligned(
  text: string,
  right: number,
  y: number,
  size: number,
  style: 'regular' | 'bold',
  colour: string,
  measure: Measurer,
): PlacedItem {
  const width = measure.width(text, style, size);
  return { kind: 'text', x: right - width, y, text, style, size, colour, width };
}

export function furnitureItems(
  page: number,
  pages: number,
  f: Furniture,
  theme: Theme,
  measure: Measurer,
): PlacedItem[] {
  const { frame, header, footer, colour, size } = theme;
  const logoHeight = header.height;
  const logoWidth = Math.min(logoHeight * f.logo.aspect, (frame.right - frame.left) * 0.45);
  const ruleY = header.top + header.height + 4;
  const items: PlacedItem[] = [
    {
      kind: 'picture',
      x: frame.left,
      y: header.top,
      width: logoWidth,
      height: logoWidth / f.logo.aspect,
      picture: f.logo.picture,
      alt: f.logo.alt,
    },
    rightAligned(f.organisation, frame.right, header.top + 4, size.caption, 'bold', colour.primary, measure),
    { kind: 'line', x1: frame.left, y1: ruleY, x2: frame.right, y2: ruleY, colour: colour.primary, width: 1.5 },
  ];
  // The header has room for two lines: a personal copy shows whose it is instead of the department.
  const second = f.note ?? f.department;
  if (second)
    items.push(
      rightAligned(
        second,
        frame.right,
        header.top + 4 + size.caption * 1.4,
        size.caption,
        f.note ? 'bold' : 'regular',
        f.note ? colour.text : colour.muted,
        measure,
      ),
    );
  const footerTop = footer.baseline - size.small;
  items.push(
    {
      kind: 'line',
      x1: frame.left,
      y1: footerTop - 6,
      x2: frame.right,
      y2: footerTop - 6,
      colour: colour.rule,
      width: 0.75,
    },
    {
      kind: 'text',
      x: frame.left,
      y: footerTop,
      text: f.footer,
      style: 'regular',
      size: size.small,
      colour: colour.muted,
      width: measure.width(f.footer, 'regular', size.small),
    },
    rightAligned(f.pageOf(page, pages), frame.right, footerTop, size.small, 'bold', colour.text, measure),
  );
  return items;
}
