// A newsletter sender in its own process, for test/process/newsletter-kill.process.test.ts: the
// compiled delivery engine (dist/, built by test/global-setup.ts) over a real database, handing
// messages to an SMTP server through the pooled SMTP adapter (createSmtpBulkMailer). It runs the sender until the
// email it is told about has finished, then prints what it handed over and exits. The test kills
// it with SIGKILL mid-send and starts another one.
//
// Environment: DATABASE_URL (a SQLite file or a postgres:// URL), SMTP_URL, EMAIL_ID, WORKER_ID,
// SMTP_POOL (default 5), LEASE_MS (default 3000).
import { setTimeout as sleep } from 'node:timers/promises';
import { createEmailSender } from '../../dist/src/features/newsletters/index.js';
import { openDatabase } from '../../dist/src/platform/db/index.js';
import { createSmtpBulkMailer } from '../../dist/src/platform/mail/index.js';
import { systemClock } from '../../dist/src/platform/clock.js';

const env = process.env;
const url = env.DATABASE_URL ?? '';
const database = url.startsWith('postgres')
  ? openDatabase({ dialect: 'postgres', url })
  : openDatabase({ dialect: 'sqlite', file: url });
const poolSize = Number(env.SMTP_POOL ?? 5);
const smtp = new URL(env.SMTP_URL ?? 'smtp://127.0.0.1:2525');

// The real pooled SMTP adapter of the bulk-mail port, as `masthead start` wires it.
const mailer = createSmtpBulkMailer({
  url: smtp.toString(),
  from: 'Newsroom <news@example.org>',
  poolSize,
});

const body = '<p>Hello %%MH_MEMBER_NAME%%</p><a href="%%MH_UNSUBSCRIBE_URL%%">Unsubscribe</a>';
const text = 'Hello %%MH_MEMBER_NAME%%\nUnsubscribe: %%MH_UNSUBSCRIBE_URL%%';
const render = { subject: 'Kill test', preheader: '', html: body, text };

const sender = createEmailSender({
  db: database.db,
  clock: systemClock,
  mailer,
  prepare: () => Promise.resolve({ full: render, teaser: render }),
  links: {
    host: 'news.example.org',
    manageUrl: 'https://news.example.org/account/',
    unsubscribeUrl: ({ memberId, newsletterId }) =>
      `https://news.example.org/unsubscribe/?t=${newsletterId}.${memberId}`,
  },
  rules: { leaseMs: Number(env.LEASE_MS ?? 3000), batchSize: 50 },
});

const emailId = env.EMAIL_ID ?? '';
const workerId = env.WORKER_ID ?? `child-${process.pid}`;
let handed = 0;
process.stdout.write(`sender ${workerId} started\n`);
for (;;) {
  const run = await sender.runSender({ workerId });
  handed += run.handed;
  const { status } = await sender.progress(emailId);
  if (status !== 'pending' && status !== 'sending') break;
  // Rows another process holds wait for its lease to end.
  await sleep(200);
}
process.stdout.write(`${JSON.stringify({ done: true, workerId, handed })}\n`);
await mailer.close();
await database.close();
