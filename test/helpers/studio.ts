/** A studio on a throw-away copy of the project, and raw HTTP requests to it (any Host, Origin or body). */
import { request } from 'node:http';
import { type RunningStudio, startStudio } from '../../src/studio/server.js';
import { copyProject } from './project.js';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bytes: Buffer;
  // biome-ignore lint/suspicious/noExplicitAny: a test reads whatever JSON the studio answered
  json: () => any;
}

export interface TestStudio extends RunningStudio {
  root: string;
  /** What the studio wrote to its log. */
  log: string[];
  /** A request as the studio's own page makes it: the cookie, its Host and Origin, a JSON body. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  /** A request with exactly these headers (Host included). */
  raw(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer>;
}

export async function testStudio(root?: string): Promise<TestStudio> {
  const dir = root ?? (await copyProject());
  const log: string[] = [];
  const studio = await startStudio({ root: dir, log: (line) => log.push(line) });
  const raw = (method: string, path: string, headers: Record<string, string>, body?: string) =>
    new Promise<Answer>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: studio.port, method, path, headers, setHost: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const bytes = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            bytes,
            json: () => JSON.parse(bytes.toString('utf8')),
          });
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  const own = `127.0.0.1:${studio.port}`;
  return {
    ...studio,
    root: dir,
    log,
    raw,
    call: (method, path, body, headers = {}) =>
      raw(
        method,
        path,
        {
          host: own,
          cookie: `handout-studio-${studio.port}=${studio.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json', origin: `http://${own}` }),
          ...headers,
        },
        body === undefined ? undefined : JSON.stringify(body),
      ),
  };
}
