/**
 * Who may talk to the studio: a browser on this machine that was given the
 * token. A page on another site can reach 127.0.0.1 too, by a DNS name that
 * points there (DNS rebinding: a foreign Host) or by posting to it (CSRF: a
 * foreign Origin), so both headers must name the studio itself.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export interface Guard {
  token: string;
  port: number;
}

/** 192 random bits, URL-safe: printed once, in the URL the user opens. */
export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Cookies are not kept apart by port: two studios on one machine need two names. */
export function cookieName(guard: Guard): string {
  return `handout-studio-${guard.port}`;
}

/** The cookie that stands for the token after the first visit; the page's scripts cannot read it. */
export function sessionCookie(guard: Guard): string {
  return `${cookieName(guard)}=${guard.token}; Path=/; HttpOnly; SameSite=Strict`;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookie(headers: IncomingHttpHeaders, name: string): string | undefined {
  for (const part of (headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

export interface Refusal {
  status: 400 | 403 | 415;
  message: string;
}

const SAFE = new Set(['GET', 'HEAD']);

/** Why a request is refused, or undefined when it may go on; `tokened` when it carried the token in its URL. */
export function refusal(
  method: string,
  headers: IncomingHttpHeaders,
  url: URL,
  guard: Guard,
): { refused: Refusal } | { tokened: boolean } {
  const hosts = [`127.0.0.1:${guard.port}`, `localhost:${guard.port}`];
  if (!hosts.includes(headers.host ?? ''))
    return { refused: { status: 403, message: 'the Host header does not name this studio (127.0.0.1 or localhost)' } };
  const origin = headers.origin;
  if (origin !== undefined && !hosts.some((h) => origin === `http://${h}`))
    return { refused: { status: 403, message: 'a request from another site' } };
  if (headers['sec-fetch-site'] === 'cross-site')
    return { refused: { status: 403, message: 'a request from another site' } };
  const query = url.searchParams.get('token');
  const tokened = query !== null && same(query, guard.token);
  const kept = cookie(headers, cookieName(guard));
  if (!tokened && !(kept !== undefined && same(kept, guard.token)))
    return { refused: { status: 403, message: 'no token: open the address `handout studio` printed' } };
  // A form on another site can post only a few content types without asking first; JSON it cannot.
  if (!SAFE.has(method) && !/^application\/json\b/.test(headers['content-type'] ?? ''))
    return { refused: { status: 415, message: 'expected a JSON body (Content-Type: application/json)' } };
  return { tokened };
}
