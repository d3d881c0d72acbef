/**
 * `handout studio`: a web page on 127.0.0.1 to compose a client's programme and
 * preview any handout. Node's own http server; every request passes the guard
 * (token, Host, Origin) before anything is read. Nothing about a request is
 * logged: a body holds a client's name.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_CONTENT_BYTES } from '../content/files.js';
import { FatalError } from '../diagnostics.js';
import { answer, openStudio, type Reply } from './api.js';
import { type Guard, newToken, refusal, sessionCookie } from './guard.js';
import { pageFile } from './page.js';

export interface StudioOptions {
  root: string;
  /** 0 (the default): a free port. */
  port?: number;
  /** Where an internal error is told (never a request's content). */
  log?: (line: string) => void;
}

export interface RunningStudio {
  /** The address to open, with the token. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** The page may load only its own files, and show PDFs from the studio; no one may frame it. */
const PAGE_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; frame-src 'self'; object-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
/** A rendered PDF or HTML alternative: shown in the studio's own frame, running nothing. */
const OUTPUT_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'self'";

function send(res: ServerResponse, reply: Reply, head: boolean): void {
  const bytes = 'json' in reply ? new TextEncoder().encode(JSON.stringify(reply.json)) : reply.bytes;
  const type = 'json' in reply ? 'application/json; charset=utf-8' : reply.type;
  const download = 'download' in reply ? reply.download : undefined;
  // A PDF gets no policy: the browser's PDF viewer is refused by some.
  const policy =
    type === 'application/pdf'
      ? {}
      : { 'Content-Security-Policy': 'output' in reply && reply.output ? OUTPUT_POLICY : PAGE_POLICY };
  res.writeHead(reply.status, {
    'Content-Type': type,
    'Content-Length': bytes.byteLength,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'SAMEORIGIN',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Resource-Policy': 'same-origin',
    ...policy,
    ...(download ? { 'Content-Disposition': `attachment; filename="${download}"` } : {}),
  });
  res.end(head ? undefined : bytes);
}

class TooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_CONTENT_BYTES) throw new TooLarge();
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

export async function startStudio(options: StudioOptions): Promise<RunningStudio> {
  const studio = await openStudio(options.root);
  const log = options.log ?? ((line: string) => console.error(line));
  const guard: Guard = { token: newToken(), port: 0 };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    const head = method === 'HEAD';
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${guard.port}`);
    const checked = refusal(method, req.headers, url, guard);
    if ('refused' in checked)
      return send(res, { status: checked.refused.status, json: { error: checked.refused.message } }, head);
    // The token leaves the address bar (and the history) for a cookie at once.
    if (checked.tokened && method === 'GET' && !url.pathname.startsWith('/api/')) {
      url.searchParams.delete('token');
      res.writeHead(303, { Location: `${url.pathname}${url.search}`, 'Set-Cookie': sessionCookie(guard) });
      return res.end();
    }
    // Browsers ask for an icon on their own; there is none, and that is no error.
    if (url.pathname === '/favicon.ico')
      return send(res, { status: 204, bytes: new Uint8Array(), type: 'image/x-icon' }, head);
    const page = url.pathname.startsWith('/api/')
      ? undefined
      : await pageFile(url.pathname, ...(await studio.words(url)));
    if (page) return send(res, { status: 200, ...page }, head);
    let body: unknown;
    try {
      body = method === 'GET' || head ? undefined : await readBody(req);
    } catch (error) {
      return error instanceof TooLarge
        ? send(res, { status: 413, json: { error: 'the request is larger than 2 MiB' } }, head)
        : send(res, { status: 400, json: { error: 'the request body is not JSON' } }, head);
    }
    const reply = await answer(studio, method, url, body);
    send(res, reply ?? { status: 404, json: { error: `nothing at ${url.pathname}` } }, head);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // The stack says where; the message could quote content, so it stays out of the log.
      log(
        `handout studio: internal error ${error instanceof Error ? (error.stack?.split('\n')[1]?.trim() ?? error.name) : ''}`,
      );
      if (!res.headersSent) send(res, { status: 500, json: { error: 'internal error' } }, false);
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new FatalError({
          file: '--port',
          message: `cannot listen on 127.0.0.1:${options.port}: ${error.code === 'EADDRINUSE' ? 'the port is in use' : error.message}`,
          hint: 'leave out --port to take a free one',
        }),
      ),
    );
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  guard.port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${guard.port}/?token=${guard.token}`,
    port: guard.port,
    token: guard.token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
