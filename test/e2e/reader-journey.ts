// Helpers for the reader journeys: a server with real SMTP and the Stripe stand-in, the reader's
// inbox, screenshots at a phone's and a desktop's width, and a word only past a paywall.
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { freePort } from '../helpers/masthead-process.js';
import { startSmtpTestServer, type SmtpTestServer } from '../helpers/smtp-test-server.js';
import { testSecretKey, testWebhookSecret } from '../helpers/stripe-events.js';
import { startStripeStandIn, type StripeStandIn } from '../helpers/stripe-stand-in.js';
import { saveScreenshot } from './browser.js';
import { startSiteServer, type SiteServer } from './site-server.js';

export interface ReaderWorld {
  server: SiteServer;
  smtp: SmtpTestServer;
  stripe: StripeStandIn;
  stop: () => Promise<void>;
}

/**
 * `masthead start` on the demo newsroom with email through an in-process SMTP server and paid
 * membership through the Stripe stand-in (its Checkout page pays with genuinely signed webhooks).
 */
export async function startReaderWorld(): Promise<ReaderWorld> {
  const smtp = await startSmtpTestServer();
  const port = await freePort();
  const stripe = await startStripeStandIn({
    hosted: {
      webhookUrl: `http://127.0.0.1:${port}/webhooks/stripe`,
      webhookSecret: testWebhookSecret,
    },
  });
  const server = await startSiteServer({
    port,
    env: {
      SMTP_URL: smtp.url,
      MAIL_FROM: 'The Courier <news@courier.example>',
      STRIPE_SECRET_KEY: testSecretKey,
      STRIPE_WEBHOOK_SECRET: testWebhookSecret,
      STRIPE_API_BASE: `http://${stripe.host}:${stripe.port}`,
    },
  });
  return {
    server,
    smtp,
    stripe,
    stop: async () => {
      await server.stop();
      await stripe.close();
      await smtp.close();
    },
  };
}

/** The newest message to `address`, waiting for it to arrive. */
export async function mailTo(smtp: SmtpTestServer, address: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = smtp.received.findLast((m) => m.to.includes(address));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no email to ${address} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits for one more message to `address` than it had when `before` was taken. */
export async function nextMailTo(
  smtp: SmtpTestServer,
  address: string,
  before: number,
  timeoutMs = 15_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const all = smtp.received.filter((m) => m.to.includes(address));
    if (all.length > before) return all[all.length - 1]!;
    if (Date.now() > deadline) throw new Error(`no new email to ${address} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const mailCount = (smtp: SmtpTestServer, address: string) =>
  smtp.received.filter((m) => m.to.includes(address)).length;

/** The first link in a message's text that starts with `prefix`. */
export function linkIn(text: string, prefix: string): string {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const link = new RegExp(`(${escaped}\\S+)`).exec(text)?.[1];
  if (!link) throw new Error(`no link starting ${prefix} in:\n${text}`);
  return link;
}

/** Screenshots of the page as it is, at 390 px (a phone) and at 1280 px, then back to 1280. */
export async function snapBoth(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  await saveScreenshot(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 900 });
  await saveScreenshot(page, `${name}-1280`);
}

export interface GatedStory {
  slug: string;
  title: string;
  /** A word of the body past the teaser, in as few other stories as the demo allows. */
  hiddenWord: string;
}

interface Node {
  type?: string;
  text?: string;
  content?: Node[];
}
const textOf = (node: Node): string =>
  (node.text ?? '') + (node.content ?? []).map(textOf).join(' ');

/**
 * A published story of `visibility` from the demo, and a word of its body that is not in its
 * title, dek or excerpt (the teaser anyone may see), chosen to be rare across the newsroom so a
 * search for it lists the story near the top. Read-only, from the server's SQLite file.
 */
export function gatedStory(server: SiteServer, visibility: 'members' | 'paid'): GatedStory {
  const db = new Database(server.databasePath, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare(
        `select slug, title, dek, coalesce(custom_excerpt, excerpt) as excerpt, body, visibility
         from posts where status = 'published' and kind = 'article'`,
      )
      .all() as Array<{
      slug: string;
      title: string;
      dek: string;
      excerpt: string;
      body: string;
      visibility: string;
    }>;
    const wordsOf = (text: string) =>
      new Set(text.toLowerCase().match(/[\p{L}]{7,}/gu) ?? ([] as string[]));
    const documentFrequency = new Map<string, number>();
    for (const row of rows) {
      const all = wordsOf(`${row.title} ${row.dek} ${textOf(JSON.parse(row.body) as Node)}`);
      for (const word of all) documentFrequency.set(word, (documentFrequency.get(word) ?? 0) + 1);
    }
    let best: GatedStory | undefined;
    let bestCount = Infinity;
    for (const row of rows.filter((r) => r.visibility === visibility)) {
      const teaser = wordsOf(`${row.title} ${row.dek} ${row.excerpt}`);
      for (const word of wordsOf(textOf(JSON.parse(row.body) as Node))) {
        if (teaser.has(word)) continue;
        const count = documentFrequency.get(word) ?? Infinity;
        if (count < bestCount) {
          best = { slug: row.slug, title: row.title, hiddenWord: word };
          bestCount = count;
        }
      }
    }
    if (!best) throw new Error(`the demo has no ${visibility} story with words past its teaser`);
    return best;
  } finally {
    db.close();
  }
}
