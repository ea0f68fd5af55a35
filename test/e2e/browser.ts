import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';
import { describe, it } from 'vitest';

/** The system Chromium; the browser lane never downloads one. */
export const chromiumPath = '/usr/bin/chromium';

/** Where screenshots go (gitignored). */
export const artifactsDir = join(import.meta.dirname, '..', '..', 'test-artifacts', 'e2e');

const launchArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: launchArgs });
}

/**
 * `describe` when Chromium is installed. Without it the suite is skipped with a loud warning on a
 * developer's machine, and fails under CI=true, where a missing browser is a broken pipeline.
 */
export function describeWithBrowser(name: string, suite: () => void): void {
  if (existsSync(chromiumPath)) {
    describe(name, suite);
    return;
  }
  const message = `${chromiumPath} is missing: the browser lane cannot run (apt-get install -y chromium).`;
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('has a browser to run in', () => {
        throw new Error(message);
      });
    });
    return;
  }
  // Deliberate: only on a developer's machine without Chromium, and loudly. In CI (above) a
  // missing browser is a failing test, so this skip can never hide the lane where it must run.
  console.warn(`\n⚠️  ⚠️  ⚠️  SKIPPED "${name}": ${message}\n`);
  describe.skip(name, suite);
}

/** Saves a full-page screenshot as test-artifacts/e2e/<name>.png and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true });
  const path = join(artifactsDir, `${name.replace(/[^a-z0-9-]+/gi, '-')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Collects the page's console errors and uncaught exceptions from now on. Failed resource loads
 * (a 404 image, a missing script) show up here too, as Chromium logs them as console errors.
 */
export function watchConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error') return;
    const location = message.location();
    const where = location.url ? ` (${location.url}:${location.lineNumber})` : '';
    errors.push(`console.error: ${message.text()}${where}`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  return errors;
}
