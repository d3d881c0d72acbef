/**
 * A real browser for the studio's end-to-end tests: Debian's `chromium` driven by
 * puppeteer-core (which downloads no browser of its own), and axe-core's checks.
 * Without a chromium the tests are skipped, with a message, on a developer's
 * machine; in CI (CI set) they must run, so a missing browser fails there.
 */
import axe from 'axe-core';
import type { Page } from 'puppeteer-core';
import { findChromium } from '../../scripts/chromium.js';

export { launchChromium as launch } from '../../scripts/chromium.js';

export const CHROMIUM = findChromium();

/** Why the browser tests cannot run here, or undefined when they can (or must: in CI). */
export function skipReason(): string | undefined {
  if (CHROMIUM || process.env.CI) return undefined;
  return 'no chromium found (apt-get install -y chromium, or set CHROMIUM): the studio browser tests are skipped';
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
