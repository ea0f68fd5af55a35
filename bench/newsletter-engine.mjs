// One sender process of bench/newsletter-bench.mjs: the compiled delivery engine (dist/) as the
// app would run it — openRuntime's services, the email preparation and renderer, signed
// unsubscribe links, createSmtpBulkMailer — sending one email to the bench's SMTP sink.
//
// Forked with IPC. Environment: DATABASE_URL, PUBLIC_URL, SECRET_KEYS, SMTP_URL, SMTP_POOL,
// EMAIL_ID, NEWSLETTER_ID, POST_ID, WORKER_ID, BATCH_SIZE (optional: the engine's default).
//   ← { type: 'ready' }   → { type: 'go' }
//   ← { type: 'done', startedAt, fixedAt, endedAt, isStarter, handed, batches, rssPeak, vmHwm, progress }
import { readFileSync } from 'node:fs';
import { setInterval } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../dist/src/config/index.js';
import { createEmailSender } from '../dist/src/features/newsletters/index.js';
import { createSmtpBulkMailer } from '../dist/src/platform/mail/index.js';
import { openRuntime } from '../dist/src/runtime/open-runtime.js';
import { createEmailPreparation } from '../dist/src/web/email/email-preparation.js';

const env = process.env;
let rssPeak = process.memoryUsage.rss();
const sampler = setInterval(() => {
  rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
}, 50);
sampler.unref();

/** The kernel's own peak resident set (VmHWM), in bytes; undefined off Linux. */
function vmHwm() {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

const config = loadConfig({
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  DEMO: 'off',
  DATABASE_URL: env.DATABASE_URL,
  PUBLIC_URL: env.PUBLIC_URL,
  SECRET_KEYS: env.SECRET_KEYS,
  MEDIA_DIR: env.MEDIA_DIR,
  SMTP_URL: env.SMTP_URL,
  MAIL_FROM: env.MAIL_FROM,
  SMTP_POOL: env.SMTP_POOL,
});
const runtime = await openRuntime(config, { migrate: false });
const { services } = runtime;
const emailId = env.EMAIL_ID ?? '';
const publicUrl = config.publicUrl.replace(/\/+$/, '');
const host = new URL(publicUrl).host;

const preparation = createEmailPreparation({ services, publicUrl, now: () => new Date() });
const mailer = createSmtpBulkMailer({
  url: config.smtpUrl,
  from: config.mailFrom,
  poolSize: config.smtpPool,
});
const sender = createEmailSender({
  db: runtime.db,
  clock: runtime.clock,
  mailer,
  logger: runtime.logger,
  async prepare(id) {
    const newsletter = await services.newsletters.byId(env.NEWSLETTER_ID ?? '');
    return preparation.render({ id, newsletter, postId: env.POST_ID ?? null, digest: null });
  },
  links: {
    host,
    manageUrl: `${publicUrl}/account/`,
    unsubscribeUrl: (ids) => services.unsubscribe.url(ids),
    unsubscribeMailto: (ids) =>
      `mailto:unsubscribe@${host}?subject=${encodeURIComponent(`unsubscribe ${ids.memberId}.${ids.newsletterId}`)}`,
  },
  ...(env.BATCH_SIZE ? { rules: { batchSize: Number(env.BATCH_SIZE) } } : {}),
});

process.send({ type: 'ready' });
await new Promise((resolve) =>
  process.on('message', (message) => message?.type === 'go' && resolve()),
);

const workerId = env.WORKER_ID ?? `bench-${process.pid}`;
const startedAt = Date.now();
const cpuAtStart = process.cpuUsage();
// Fixing the recipients (one INSERT … SELECT) is part of a send; timed apart. With several
// workers only one starts it (compare-and-set); the others find it started.
const fixed = await sender.fixRecipients(emailId);
const fixedAt = Date.now();
let handed = 0;
let batches = 0;
let progress;
for (;;) {
  const run = await sender.runSender({ workerId });
  handed += run.handed;
  batches += run.batches;
  progress = await sender.progress(emailId);
  if (progress.status !== 'pending' && progress.status !== 'sending') break;
  // Rows another worker holds are finished by it.
  await sleep(20);
}
const endedAt = Date.now();
await mailer.close();
await runtime.close();
process.send({
  type: 'done',
  workerId,
  startedAt,
  fixedAt,
  endedAt,
  isStarter: fixed.recipientCount !== null,
  handed,
  batches,
  cpuMs: (() => {
    const used = process.cpuUsage(cpuAtStart);
    return (used.user + used.system) / 1000;
  })(),
  rssPeak: Math.max(rssPeak, process.memoryUsage.rss()),
  vmHwm: vmHwm(),
  progress,
});
process.disconnect();
