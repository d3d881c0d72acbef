/**
 * The studio's page: one HTML file, its script and its style sheet, served from
 * the package (no CDN: the clinic's machine may be offline). Only these names
 * are served; a request never names a file.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PACKAGE_ROOT } from '../packaged.js';

const PAGE_DIR = path.join(PACKAGE_ROOT, 'src', 'studio', 'page');

const FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/studio.js': { file: 'studio.js', type: 'text/javascript; charset=utf-8' },
  '/studio.css': { file: 'studio.css', type: 'text/css; charset=utf-8' },
};

/** The page's file for a request path, or undefined. */
export async function pageFile(pathname: string): Promise<{ bytes: Uint8Array; type: string } | undefined> {
  const entry = Object.hasOwn(FILES, pathname) ? FILES[pathname] : undefined;
  if (!entry) return undefined;
  return { bytes: await readFile(path.join(PAGE_DIR, entry.file)), type: entry.type };
}
