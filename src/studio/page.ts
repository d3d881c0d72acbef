/**
 * The studio's page: one HTML file, its script and its style sheet, served from
 * the package (no CDN: the clinic's machine may be offline). Only these names
 * are served; a request never names a file. The HTML's words ({{key}}) are
 * filled in from the label files, so the page reads right before its script runs.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Labels, LabelTable } from '../content/labels.js';
import { PACKAGE_ROOT } from '../packaged.js';

const PAGE_DIR = path.join(PACKAGE_ROOT, 'src', 'studio', 'page');

const FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/studio.js': { file: 'studio.js', type: 'text/javascript; charset=utf-8' },
  '/studio.css': { file: 'studio.css', type: 'text/css; charset=utf-8' },
};

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** The page's HTML in a language: every {{key}} its label, escaped. */
export function fillPage(html: string, labels: Labels, language: string): string {
  return html
    .replace('<html lang="da">', `<html lang="${language}">`)
    .replace(/\{\{(\w+)\}\}/g, (_, key: string) =>
      ((labels as LabelTable)[key] ?? key).replace(/[&<>"]/g, (c: string) => ESCAPES[c] as string),
    );
}

/** The page's file for a request path, or undefined. */
export async function pageFile(
  pathname: string,
  labels: Labels,
  language: string,
): Promise<{ bytes: Uint8Array; type: string } | undefined> {
  const entry = Object.hasOwn(FILES, pathname) ? FILES[pathname] : undefined;
  if (!entry) return undefined;
  const bytes = await readFile(path.join(PAGE_DIR, entry.file));
  if (entry.file !== 'index.html') return { bytes, type: entry.type };
  return { bytes: new TextEncoder().encode(fillPage(bytes.toString('utf8'), labels, language)), type: entry.type };
}
