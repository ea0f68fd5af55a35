import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, Result } from 'axe-core';
import { HtmlValidate, type Message } from 'html-validate';
import type { Page, Response } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeScriptPath = require.resolve('axe-core/axe.min.js');
let axeSource: string | undefined;

/** The WCAG levels reader pages must meet. */
export const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Loads `url` and fails with a message that says what happened when the answer is not a 200
 * page (a reader page that does not exist yet answers 404 with the styled error page).
 */
export async function openOk(page: Page, url: string): Promise<Response> {
  const response = await page.goto(url, { waitUntil: 'load' });
  if (!response) throw new Error(`GET ${url}: no response`);
  assertOk(response, url);
  return response;
}

export function assertOk(response: Response, url: string): void {
  const status = response.status();
  if (status === 200) return;
  const why =
    status === 404
      ? 'the page does not exist (404) — is its route registered?'
      : `the server answered ${status} ${response.statusText()}`;
  throw new Error(`GET ${new URL(url).pathname}${new URL(url).search}: ${why}`);
}

/** Runs axe-core in the page and returns its WCAG 2.1 A/AA violations, one readable line each. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol rather than added as a <script>: pages with a
  // Content-Security-Policy (the admin) rightly refuse injected inline scripts.
  axeSource ??= readFileSync(axeScriptPath, 'utf8');
  await page.evaluate(axeSource);
  const results = await page.evaluate(async (tags: string[]): Promise<AxeResults> => {
    const scope = globalThis as unknown as {
      axe: { run: (context: unknown, options: unknown) => Promise<AxeResults> };
      document: unknown;
    };
    return scope.axe.run(scope.document, { runOnly: { type: 'tag', values: tags } });
  }, axeTags);
  return results.violations.map(formatAxeViolation);
}

function formatAxeViolation(violation: Result): string {
  const nodes = violation.nodes.slice(0, 5).map((node) => {
    const summary = (node.failureSummary ?? '').replace(/\s+/g, ' ').trim();
    return `\n      at ${node.target.join(' ')} — ${summary}\n         ${node.html.slice(0, 160)}`;
  });
  const more = violation.nodes.length > 5 ? `\n      … and ${violation.nodes.length - 5} more` : '';
  return `${violation.id} [${violation.impact ?? 'n/a'}]: ${violation.help} (${violation.helpUrl})${nodes.join('')}${more}`;
}

/**
 * html-validate's recommended preset, minus rules that only judge how the markup is typed, not
 * what it means, and that a server-rendered, minified page breaks on purpose:
 */
const htmlValidate = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // Wants `<!DOCTYPE html>` upper-case. Lower-case is equally valid HTML (the spec says the
    // doctype is case-insensitive) and is what our renderer writes; pure spelling preference.
    'doctype-style': 'off',
    // Flags spaces at the end of a line. Pages are minified onto few lines, and text such as
    // inlined CSS or article bodies may end a line with a space; invisible and harmless.
    'no-trailing-whitespace': 'off',
  },
});

/** Validates the served HTML (the bytes, not the live DOM); one readable line per error. */
export async function htmlErrors(html: string, name: string): Promise<string[]> {
  const report = await htmlValidate.validateString(html, name);
  const lines = html.split('\n');
  return report.results.flatMap((result) =>
    result.messages
      .filter((message) => message.severity === 2)
      .map((message) => formatHtmlMessage(message, lines)),
  );
}

function formatHtmlMessage(message: Message, lines: string[]): string {
  const line = lines[message.line - 1] ?? '';
  const start = Math.max(0, message.column - 1 - 40);
  const excerpt = line.slice(start, message.column - 1 + 80).replace(/\s+/g, ' ');
  const where = message.selector ? ` at ${message.selector}` : '';
  return `${message.ruleId}: ${message.message}${where} (line ${message.line}:${message.column})\n      …${excerpt}…`;
}
