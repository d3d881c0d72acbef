/**
 * A real browser for the studio's end-to-end tests: Debian's `chromium` driven by
 * puppeteer-core (which downloads no browser of its own), and axe-core's checks.
 * Without a chromium the tests are skipped, with a message, on a developer's
 * machine; in CI (CI set) they must run, so a missing browser fails there.
 */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import axe from 'axe-core';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** The browser to drive: $CHROMIUM, else the first of NAMES on the PATH. */
export function findChromium(): string | undefined {
  const candidates = [
    ...(process.env.CHROMIUM ? [process.env.CHROMIUM] : []),
    ...(process.env.PATH ?? '')
      .split(path.delimiter)
      .filter(Boolean)
      .flatMap((dir) => NAMES.map((name) => path.join(dir, name))),
  ];
  return candidates.find((file) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export const CHROMIUM = findChromium();

/** Why the browser tests cannot run here, or undefined when they can (or must: in CI). */
export function skipReason(): string | undefined {
  if (CHROMIUM || process.env.CI) return undefined;
  return 'no chromium found (apt-get install -y chromium, or set CHROMIUM): the studio browser tests are skipped';
}

export async function launch(): Promise<Browser> {
  if (!CHROMIUM) throw new Error('no chromium on this machine: .ci/run installs it with apt-get install -y chromium');
  return puppeteer.launch({
    executablePath: CHROMIUM,
    // Root in a container has no user namespace for the sandbox; the pages are our own.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--lang=da-DK'],
  });
}

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[]; failureSummary: string }[];
}

/** axe-core's WCAG 2.x A and AA rules and its best practices, on the page as it is now (not inside the PDF frame). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axe.source });
  return page.evaluate(async () => {
    const run = (window as unknown as { axe: typeof axe }).axe.run;
    const result = await run(document, {
      iframes: false,
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: String(v.impact),
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String), failureSummary: n.failureSummary ?? '' })),
    }));
  });
}
