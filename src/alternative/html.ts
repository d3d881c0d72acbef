/**
 * The same document as a clean, self-contained HTML page: semantic elements,
 * pictures inline with their alt text, the brand's colours, no scripts. For the
 * hospital's website, screen readers and reflow on a phone. It is written from
 * the same document tree as the PDF, so content, order and numbering match.
 */
import type { Theme } from '../brand/theme.js';
import { fillLabel, type Labels } from '../content/labels.js';
import { pictureKey } from '../content/picture-ref.js';
import type { PreparedPicture } from '../images/pictures.js';
import { sanitiseSvg } from '../images/svg-safety.js';
import type { BlockNode, Inline, TableRow } from '../markup/tree.js';

export interface HtmlPage {
  title: string;
  language: string;
  organisation: string;
  footer: string;
  labels: Pick<Labels, 'qrCode'>;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function inlines(items: readonly Inline[]): string {
  return items
    .map((i) => {
      if (i.kind === 'break') return '<br>';
      // A phone number read or wrapped in pieces is no use: its spaces do not break.
      const words = i.href?.startsWith('tel:') ? escapeHtml(i.text).replace(/ /g, '&nbsp;') : escapeHtml(i.text);
      const bold = i.bold ? `<strong>${words}</strong>` : words;
      const text = i.lang ? `<span lang="${escapeHtml(i.lang)}">${bold}</span>` : bold;
      return i.href ? `<a href="${escapeHtml(i.href)}">${text}</a>` : text;
    })
    .join('');
}

/** A picture inline: an SVG with role img and its alt text, or a raster image as a data URL. */
function picture(ref: string, alt: string, pictures: ReadonlyMap<string, PreparedPicture>): string {
  const p = pictures.get(ref);
  if (!p) return '';
  if (p.kind === 'raster')
    return `<img src="data:image/${p.image.format};base64,${p.image.data.toString('base64')}" alt="${escapeHtml(alt)}">`;
  // Only drawing elements and attributes are written out: an SVG's scripts, event handlers and links stay behind.
  return sanitiseSvg(p.svg, { role: 'img', 'aria-label': alt });
}

function block(b: BlockNode, pictures: ReadonlyMap<string, PreparedPicture>, labels: HtmlPage['labels']): string {
  const all = (children: readonly BlockNode[]) => children.map((c) => block(c, pictures, labels)).join('\n');
  switch (b.kind) {
    case 'heading':
      return `<h${b.level}>${inlines(b.inlines)}</h${b.level}>`;
    case 'paragraph':
      return `<p>${inlines(b.inlines)}</p>`;
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      return `<${tag}${b.columns === 2 ? ' class="columns"' : ''}>${b.items.map((i) => `<li>${inlines(i)}</li>`).join('')}</${tag}>`;
    }
    case 'figures':
      return `<div class="figures">${b.items
        .map(
          (f, i) =>
            `<figure>${picture(f.picture, f.alt, pictures)}<figcaption>${b.numbered ? `<span class="step">${i + 1}</span> ` : ''}${inlines(f.caption)}</figcaption></figure>`,
        )
        .join('')}</div>`;
    case 'media':
      return `<div class="media"><figure>${picture(b.picture, b.alt, pictures)}</figure><div>${all(b.children)}</div></div>`;
    case 'card':
      return `<section class="card">${all(b.children)}</section>`;
    case 'keep':
      return `<div>${all(b.children)}</div>`;
    case 'callout':
      return `<aside class="callout ${b.tone}" role="note">${b.title ? `<p class="title"><strong>${escapeHtml(b.title)}</strong></p>` : ''}${all(b.children)}</aside>`;
    case 'definitions':
      return `<dl>${b.items.map((i) => `<dt>${inlines(i.term)}</dt><dd>${inlines(i.detail)}</dd>`).join('')}</dl>`;
    case 'table': {
      const head = b.rows.filter((r) => r.header);
      const body = b.rows.filter((r) => !r.header);
      const cell = (c: Inline[], tag: string, scope: string) =>
        `<${tag}${tag === 'th' ? ` scope="${scope}"` : ''}>${inlines(c)}</${tag}>`;
      const row = (r: TableRow) =>
        `<tr>${r.cells.map((c, i) => (r.header ? cell(c, 'th', 'col') : cell(c, r.rowHeader && i === 0 ? 'th' : 'td', 'row'))).join('')}</tr>`;
      return `<table>${head.length ? `<thead>${head.map(row).join('')}</thead>` : ''}<tbody>${body.map(row).join('')}</tbody></table>`;
    }
    case 'traffic-light':
      return `<ul class="traffic-light">${b.lights.map((l) => `<li class="${l.colour}"><strong>${escapeHtml(l.label)}</strong> ${inlines(l.text)}</li>`).join('')}</ul>`;
    case 'lines':
      return '';
    case 'qr':
      return `<p class="qr">${picture(pictureKey({ kind: 'qr', href: b.href }), fillLabel(labels.qrCode, { address: b.href }), pictures)} <a href="${escapeHtml(b.href)}">${inlines(b.caption)}</a></p>`;
    case 'page-break':
      return '';
  }
}

export function documentHtml(
  blocks: readonly BlockNode[],
  theme: Theme,
  pictures: ReadonlyMap<string, PreparedPicture>,
  page: HtmlPage,
): string {
  const { colour } = theme;
  const style = `
body{font-family:"Atkinson Hyperlegible","Open Sans",Verdana,sans-serif;font-size:1.15rem;line-height:1.5;color:${colour.text};max-width:42rem;margin:0 auto;padding:1rem}
h1,h2{color:${colour.primary}}h2{border-bottom:1px solid ${colour.rule}}
figure{margin:0}svg,img{width:100%;max-width:20rem;height:auto}
.figures{display:flex;flex-wrap:wrap;gap:1rem}.figures figure{flex:1 1 12rem}
.media{display:flex;flex-wrap:wrap;gap:1rem}.media>figure{flex:0 1 14rem}.media>div{flex:1 1 16rem}
.card{border:1px solid ${colour.rule};background:${colour.cardFill};border-radius:6px;padding:0 1rem;margin:1rem 0}
.callout{border-left:5px solid ${colour.primary};background:${colour.callout.info.fill};padding:.5rem 1rem;margin:1rem 0}
.callout.warning{border-color:${colour.callout.warning.bar};background:${colour.callout.warning.fill}}
.callout.danger{border-color:${colour.callout.danger.bar};background:${colour.callout.danger.fill}}
.columns{columns:2}table{border-collapse:collapse;width:100%}th,td{border:1px solid ${colour.rule};padding:.3rem;text-align:left}
.qr svg{width:5rem}.step{font-weight:bold;color:${colour.primary}}
a{color:${colour.primary}}header,footer{color:#4d4d4d;font-size:.9rem}`;
  return `<!DOCTYPE html>
<html lang="${escapeHtml(page.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>${style}</style>
</head>
<body>
<header><p>${escapeHtml(page.organisation)}</p></header>
<main>
${blocks.map((b) => block(b, pictures, page.labels)).join('\n')}
</main>
<footer><p>${escapeHtml(page.footer)}</p></footer>
</body>
</html>
`;
}
