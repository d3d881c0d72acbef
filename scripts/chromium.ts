/**
 * Debian's `chromium`, driven by puppeteer-core (which downloads no browser of
 * its own): for the studio's end-to-end tests and its README screenshots.
 */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';

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

export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath)
    throw new Error('no chromium found: apt-get install -y chromium (as .ci/run does), or set CHROMIUM');
  return puppeteer.launch({
    executablePath,
    // Root in a container has no user namespace for the sandbox; the pages are our own.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--lang=da-DK'],
  });
}
