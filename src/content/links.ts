/**
 * The link schemes a handout may carry: the web, e-mail and phone. Anything
 * else (javascript:, file:, data:, ...) would become a clickable link in the PDF
 * or the HTML alternative that does something other than open a page.
 */
export const LINK_SCHEMES = ['https:', 'http:', 'mailto:', 'tel:'] as const;

/** Why a link is refused, or undefined when it is one of the allowed schemes. */
export function linkProblem(href: string): string | undefined {
  const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(href)?.[1]?.toLowerCase();
  if (scheme === undefined) return `link "${href}" has no scheme: expected ${LINK_SCHEMES.join(', ')}`;
  if (!(LINK_SCHEMES as readonly string[]).includes(`${scheme}:`))
    return `link scheme "${scheme}:" is not allowed: expected ${LINK_SCHEMES.join(', ')}`;
  return undefined;
}
