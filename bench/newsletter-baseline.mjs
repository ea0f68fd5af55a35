// The baseline of bench/newsletter-bench.mjs: a bare nodemailer pooled transport (the same pool
// size and messages per connection as createSmtpBulkMailer) sending one pre-rendered message —
// the engine's own message for the first recipient, headers included — to every recipient
// address at the same SMTP sink. No database, no per-recipient work but the envelope and the
// Message-ID: what the SMTP pool can do on this machine.
//
// Forked with IPC. Environment: SMTP_URL, SMTP_POOL, MESSAGE_FILE (JSON: the mail options),
// COUNT, PREFIX, DOMAIN.
//   ← { type: 'ready' }   → { type: 'go' }
//   ← { type: 'done', startedAt, endedAt, sent, failed, firstError, rssPeak, vmHwm }
import { readFileSync } from 'node:fs';
import { setInterval } from 'node:timers';
import nodemailer from 'nodemailer';

const env = process.env;
let rssPeak = process.memoryUsage.rss();
const sampler = setInterval(() => {
  rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
}, 50);
sampler.unref();

function vmHwm() {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

const poolSize = Number(env.SMTP_POOL ?? 5);
const count = Number(env.COUNT);
const message = JSON.parse(readFileSync(env.MESSAGE_FILE ?? '', 'utf8'));
const transport = nodemailer.createTransport({
  url: env.SMTP_URL,
  pool: true,
  maxConnections: poolSize,
  maxMessages: 100,
});
const [idLocal, idHost] = message.messageId.replace(/^<|>$/g, '').split('@');

process.send({ type: 'ready' });
await new Promise((resolve) => process.on('message', (m) => m?.type === 'go' && resolve()));

// Twice the pool in flight: every connection always has its next message waiting, so the pool
// never idles for want of work (the engine keeps exactly poolSize in flight).
const window = poolSize * 2;
let next = 0;
let sent = 0;
let failed = 0;
let firstError;
const startedAt = Date.now();
const cpuAtStart = process.cpuUsage();
async function lane() {
  while (next < count) {
    const i = next++;
    try {
      const info = await transport.sendMail({
        ...message,
        to: `${env.PREFIX}${i}@${env.DOMAIN}`,
        messageId: `<${idLocal}.${i}@${idHost}>`,
      });
      if (info.accepted.length > 0) sent += 1;
      else failed += 1;
    } catch (error) {
      failed += 1;
      firstError ??= error instanceof Error ? error.message : String(error);
    }
  }
}
await Promise.all(Array.from({ length: window }, lane));
const endedAt = Date.now();
transport.close();
process.send({
  type: 'done',
  startedAt,
  endedAt,
  sent,
  failed,
  firstError,
  cpuMs: (() => {
    const used = process.cpuUsage(cpuAtStart);
    return (used.user + used.system) / 1000;
  })(),
  rssPeak: Math.max(rssPeak, process.memoryUsage.rss()),
  vmHwm: vmHwm(),
});
process.disconnect();
