#!/usr/bin/env node
// Newsletter sending throughput against a baseline measured in the same run (issue #13 §10).
//
//   npm run bench:newsletter                              # 20,000 recipients, SQLite
//   npm run bench:newsletter -- --recipients 100000
//   npm run bench:newsletter -- --db postgres             # a fresh schema, dropped afterwards
//   npm run bench:newsletter -- --workers 2 --pool 5
//
// Builds dist/ if stale; seeds that many members subscribed to one newsletter (batched multi-row
// inserts), one published story and its pending email (segment all), in a temp SQLite file or a
// fresh PostgreSQL schema (BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/test).
// Starts an SMTP sink (smtp-server) in its own process, then:
//   1. baseline: a bare nodemailer pool (same size) sends the engine's own message for the first
//      recipient, pre-rendered, to every recipient address (bench/newsletter-baseline.mjs);
//   2. engine: the real delivery engine (openRuntime's services, the email preparation and
//      renderer, createSmtpBulkMailer) sends the email until it is finished, in one or more
//      processes (bench/newsletter-engine.mjs).
// Prints messages a second for both, the ratio, the engine's peak RSS, and what the sink saw:
// duplicates and missing recipients. Exits 1 if any address was mailed twice or not at all, or
// the email did not end `sent` — correctness, not speed: no number here is asserted.
import { Buffer } from 'node:buffer';
import { randomBytes, randomUUID } from 'node:crypto';
import { execFileSync, fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build, isBuildStale } from '../scripts/build.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    recipients: { type: 'string', default: process.env.BENCH_RECIPIENTS ?? '20000' },
    db: { type: 'string', default: process.env.BENCH_DB ?? 'sqlite' },
    workers: { type: 'string', default: process.env.BENCH_WORKERS ?? '1' },
    pool: { type: 'string', default: process.env.BENCH_POOL ?? '5' },
    'batch-size': { type: 'string', default: process.env.BENCH_BATCH_SIZE },
    'skip-baseline': { type: 'boolean', default: false },
    'cpu-prof': { type: 'boolean', default: false },
  },
});
for (const name of ['recipients', 'workers', 'pool']) {
  if (!/^[1-9]\d*$/.test(args[name])) fail(`--${name} must be a positive whole number`);
}
if (args['batch-size'] !== undefined && !/^[1-9]\d*$/.test(args['batch-size']))
  fail('--batch-size must be a positive whole number');
if (args.db !== 'sqlite' && args.db !== 'postgres') fail('--db must be sqlite or postgres');
const recipients = Number(args.recipients);
const workers = Number(args.workers);
const poolSize = Number(args.pool);
// --cpu-prof: each engine process writes a .cpuprofile here (open it in Chrome DevTools).
const profileDir = join(tmpdir(), 'masthead-newsletter-profiles');
const profileArgs = (name) =>
  args['cpu-prof']
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${profileDir}`,
        `--cpu-prof-name=${name}-${Date.now()}.cpuprofile`,
      ]
    : [];
const postgresUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const prefix = 'reader';
const domain = 'bench.test';
const publicUrl = 'https://news.bench.test';
const at = '2026-01-15T08:00:00.000Z';

function fail(message) {
  process.stderr.write(`newsletter-bench: ${message}\n`);
  process.exit(1);
}
const log = (text) => process.stderr.write(`${text}\n`);
const mb = (bytes) => (bytes === undefined ? 'n/a' : (bytes / 1024 / 1024).toFixed(0));
const n = (value) => Math.round(value).toLocaleString('en-US');

/** A forked child that says `ready`, waits for `go` and answers `done` (or dies). */
function startChild(script, env, execArgv = []) {
  const child = fork(join(root, 'bench', script), [], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const messages = [];
  const waiters = [];
  child.on('message', (message) => {
    messages.push(message);
    for (const waiter of waiters.splice(0)) waiter();
  });
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  exited.then(() => {
    for (const waiter of waiters.splice(0)) waiter();
  });
  async function next(type) {
    for (;;) {
      const found = messages.findIndex((m) => m?.type === type);
      if (found >= 0) return messages.splice(found, 1)[0];
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(
          `${script} exited (${child.exitCode ?? child.signalCode}) before "${type}"`,
        );
      await new Promise((resolve) => waiters.push(resolve));
    }
  }
  return { child, next, exited, send: (m) => child.send(m) };
}

/** Sortable UUID-shaped ids in member order (the engine batches in member id order). */
const memberId = (i) => `01900000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`;

/** A story of about 1,100 words: headings, links, a quote and a list, like a real one. */
function storyBody() {
  const sentence =
    'The council voted on Tuesday to delay the riverside housing plan again, citing flood maps that the county has not yet published and a budget gap of four million dollars. ';
  const paragraph = (i) => ({
    type: 'paragraph',
    content: [
      { type: 'text', text: sentence.repeat(2) },
      {
        type: 'text',
        text: `the minutes of meeting ${i}`,
        marks: [{ type: 'link', attrs: { href: `https://news.bench.test/minutes/${i}/` } }],
      },
      { type: 'text', text: `. ${sentence}` },
    ],
  });
  const content = [];
  for (let i = 0; i < 16; i += 1) {
    if (i === 5 || i === 11)
      content.push({
        type: 'heading',
        attrs: { level: 2 },
        content: [{ type: 'text', text: i === 5 ? 'What the vote means' : 'What comes next' }],
      });
    if (i === 8)
      content.push({
        type: 'blockquote',
        content: [
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'We cannot build where the river will be. ' + sentence },
            ],
          },
        ],
      });
    if (i === 13)
      content.push({
        type: 'bulletList',
        content: ['Flood maps due in March', 'Budget hearing on April 2', 'Final vote in May'].map(
          (text) => ({
            type: 'listItem',
            content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
          }),
        ),
      });
    content.push(paragraph(i));
  }
  return { type: 'doc', content };
}

async function seed(db, ids) {
  await db
    .insertInto('newsletters')
    .values({
      id: ids.newsletterId,
      name: 'The Daily Briefing',
      slug: 'daily-briefing',
      description: 'The morning’s news in five minutes.',
      cadence: 'Every morning',
      digest_time: null,
      sender_name: 'The Bench Courier',
      reply_to: 'letters@bench.test',
      audience: 'all',
      subscribe_on_signup: 1,
      status: 'active',
      sort_order: 0,
      design: JSON.stringify({ footerText: 'Reply to this email to reach the newsroom.' }),
      created_at: at,
      updated_at: at,
    })
    .execute();
  // 1,000 rows an INSERT (9,000 parameters: under SQLite's 32,766 and PostgreSQL's 65,535),
  // 20,000 rows a transaction.
  const chunk = 1000;
  for (let start = 0; start < recipients; start += 20 * chunk) {
    await db.transaction().execute(async (trx) => {
      for (let i = start; i < Math.min(recipients, start + 20 * chunk); i += chunk) {
        const rows = [];
        for (let j = i; j < Math.min(recipients, i + chunk); j += 1) rows.push(j);
        await trx
          .insertInto('members')
          .values(
            rows.map((j) => ({
              id: memberId(j),
              email: `${prefix}${j}@${domain}`,
              name: `Reader ${j}`,
              status: 'free',
              access_until: null,
              note: '',
              subscribed_to_emails: 1,
              created_at: at,
              updated_at: at,
            })),
          )
          .execute();
        await trx
          .insertInto('newsletter_subscriptions')
          .values(
            rows.map((j) => ({
              member_id: memberId(j),
              newsletter_id: ids.newsletterId,
              status: 'subscribed',
              source: 'signup',
              changed_at: at,
            })),
          )
          .execute();
      }
    });
  }
  await db
    .insertInto('posts')
    .values({
      id: ids.postId,
      kind: 'article',
      slug: 'council-delays-riverside-housing-plan',
      title: 'Council delays the riverside housing plan over flood maps',
      dek: 'The vote pushes the project into next year and leaves a four-million-dollar gap.',
      body: JSON.stringify(storyBody()),
      status: 'published',
      visibility: 'public',
      published_at: at,
      word_count: 1100,
      reading_minutes: 5,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await db
    .insertInto('emails')
    .values({
      id: ids.emailId,
      newsletter_id: ids.newsletterId,
      post_id: ids.postId,
      digest_date: null,
      segment: 'all',
      status: 'pending',
      subject: 'Council delays the riverside housing plan over flood maps',
      recipient_count: 0,
      sent_count: 0,
      failed_count: 0,
      uncertain_count: 0,
      skipped_count: 0,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

function machine() {
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (match) cpu = match[1];
  } catch {
    // Not Linux: os.cpus() it is.
  }
  let nproc = String(cpus().length);
  try {
    nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
  } catch {
    // No coreutils: os.cpus() it is.
  }
  const uname = execFileSync('uname', ['-srm'], { encoding: 'utf8' }).trim();
  return { cpu, nproc, uname, node: process.version };
}

async function main() {
  if (isBuildStale()) build();
  const { loadConfig } = await import('../dist/src/config/index.js');
  const { openRuntime } = await import('../dist/src/runtime/open-runtime.js');
  const { createEmailPreparation } = await import('../dist/src/web/email/email-preparation.js');
  const { compileMessages } =
    await import('../dist/src/features/newsletters/email-send-message.js');
  const { fillBulkMessage } = await import('../dist/src/platform/mail/bulk-mailer.js');
  const { refreshPlannerStatistics } = await import('../dist/src/platform/db/index.js');

  const dir = mkdtempSync(join(tmpdir(), 'masthead-newsletter-bench-'));
  const cleanups = [() => rmSync(dir, { recursive: true, force: true })];
  const cleanup = async () => {
    for (const step of cleanups.splice(0).reverse()) await step();
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));

  try {
    let databaseUrl = join(dir, 'masthead.db');
    if (args.db === 'postgres') {
      const { default: pg } = await import('pg');
      const schema = `bench_newsletter_${Date.now().toString(36)}_${process.pid}`;
      const admin = new pg.Client({ connectionString: postgresUrl });
      await admin.connect();
      await admin.query(`create schema "${schema}"`);
      await admin.end();
      cleanups.push(async () => {
        const dropper = new pg.Client({ connectionString: postgresUrl });
        await dropper.connect();
        await dropper.query(`drop schema if exists "${schema}" cascade`);
        await dropper.end();
      });
      const url = new URL(postgresUrl);
      // BENCH_POSTGRES_OPTIONS adds server settings for an experiment, e.g.
      // "-c synchronous_commit=off" to see what the per-message commits' WAL flushes cost.
      const extra = process.env.BENCH_POSTGRES_OPTIONS
        ? ` ${process.env.BENCH_POSTGRES_OPTIONS}`
        : '';
      url.searchParams.set('options', `-c search_path=${schema}${extra}`);
      databaseUrl = url.toString();
    }
    const secretKeys = randomBytes(32).toString('base64url');
    const baseEnv = {
      DATABASE_URL: databaseUrl,
      PUBLIC_URL: publicUrl,
      SECRET_KEYS: secretKeys,
      MEDIA_DIR: join(dir, 'media'),
      MAIL_FROM: 'The Bench Courier <news@bench.test>',
      SMTP_POOL: String(poolSize),
    };
    const config = loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DEMO: 'off',
      ...baseEnv,
    });
    const runtime = await openRuntime(config); // migrates
    cleanups.push(() => runtime.close());
    const ids = { newsletterId: randomUUID(), postId: randomUUID(), emailId: randomUUID() };

    log(`Seeding ${n(recipients)} subscribed members on ${args.db}…`);
    const seedStarted = Date.now();
    await seed(runtime.db, ids);
    // As an import does after its bulk write (member-import.ts): without statistics PostgreSQL
    // took the list of 100,000 subscriptions for two rows and checked each claimed recipient's
    // subscription by walking the whole list (skipIneligible: ~0.5 s a batch, 55 msg/s).
    await refreshPlannerStatistics(runtime.db, ['members', 'newsletter_subscriptions']);
    const seedSeconds = (Date.now() - seedStarted) / 1000;

    // The engine's own message for the first recipient: the same preparation, render, links and
    // headers the engine will build (bench/newsletter-engine.mjs wires them the same way).
    const preparation = createEmailPreparation({
      services: runtime.services,
      publicUrl,
      now: () => new Date(),
    });
    const newsletter = await runtime.services.newsletters.byId(ids.newsletterId);
    const renderStarted = process.hrtime.bigint();
    const renders = await preparation.render({
      id: ids.emailId,
      newsletter,
      postId: ids.postId,
      digest: null,
    });
    const renderMs = Number(process.hrtime.bigint() - renderStarted) / 1e6;
    const host = new URL(publicUrl).host;
    const build = compileMessages(
      {
        emailId: ids.emailId,
        newsletterId: ids.newsletterId,
        newsletter: { name: newsletter.name, slug: newsletter.slug },
        fromName: newsletter.senderName ?? newsletter.name,
        replyTo: newsletter.replyTo ?? undefined,
      },
      renders,
      {
        host,
        manageUrl: `${publicUrl}/account/`,
        unsubscribeUrl: (target) => runtime.services.unsubscribe.url(target),
        unsubscribeMailto: (target) =>
          `mailto:unsubscribe@${host}?subject=${encodeURIComponent(`unsubscribe ${target.memberId}.${target.newsletterId}`)}`,
      },
    );
    const sample = fillBulkMessage(
      build({
        memberId: memberId(0),
        address: `${prefix}0@${domain}`,
        name: 'Reader 0',
        access: 'full',
      }),
    );
    const messageFile = join(dir, 'message.json');
    writeFileSync(
      messageFile,
      JSON.stringify({
        from: { name: sample.fromName, address: 'news@bench.test' },
        replyTo: sample.replyTo,
        subject: sample.subject,
        html: sample.html,
        text: sample.text,
        messageId: sample.messageId,
        headers: sample.headers,
      }),
    );

    const sink = startChild('newsletter-smtp-sink.mjs', {}, profileArgs('sink'));
    cleanups.push(async () => {
      if (sink.child.exitCode === null) {
        sink.child.disconnect();
        await sink.exited;
      }
    });
    const { port } = await sink.next('listening');
    const smtpUrl = `smtp://127.0.0.1:${port}`;
    const sinkReport = async () => {
      sink.send({ type: 'report', prefix, domain, count: recipients });
      return sink.next('report');
    };
    const resetSink = async () => {
      sink.send({ type: 'reset' });
      await sink.next('reset-done');
    };

    if (args['cpu-prof'])
      log(`CPU profiles of the baseline and engine processes go to ${profileDir}`);
    const loadBefore = loadavg();
    let baseline;
    if (!args['skip-baseline']) {
      log(`Baseline: bare nodemailer pool of ${poolSize} → sink…`);
      const child = startChild(
        'newsletter-baseline.mjs',
        {
          SMTP_URL: smtpUrl,
          SMTP_POOL: String(poolSize),
          MESSAGE_FILE: messageFile,
          COUNT: String(recipients),
          PREFIX: prefix,
          DOMAIN: domain,
        },
        profileArgs('baseline'),
      );
      await child.next('ready');
      child.send({ type: 'go' });
      const done = await child.next('done');
      await child.exited;
      baseline = {
        ...done,
        seconds: (done.endedAt - done.startedAt) / 1000,
        sink: await sinkReport(),
      };
      await resetSink();
    }

    log(
      `Engine: ${workers} sender process${workers > 1 ? 'es' : ''}, createSmtpBulkMailer pool of ${poolSize} → sink…`,
    );
    const engines = [];
    for (let w = 0; w < workers; w += 1) {
      engines.push(
        startChild(
          'newsletter-engine.mjs',
          {
            ...baseEnv,
            SMTP_URL: smtpUrl,
            EMAIL_ID: ids.emailId,
            NEWSLETTER_ID: ids.newsletterId,
            POST_ID: ids.postId,
            WORKER_ID: `bench-${w + 1}`,
            ...(args['batch-size'] ? { BATCH_SIZE: args['batch-size'] } : {}),
          },
          profileArgs(`engine-${w + 1}`),
        ),
      );
    }
    for (const engine of engines) await engine.next('ready');
    for (const engine of engines) engine.send({ type: 'go' });
    const runs = [];
    for (const engine of engines) {
      runs.push(await engine.next('done'));
      await engine.exited;
    }
    const loadAfter = loadavg();
    const engineSink = await sinkReport();
    const startedAt = Math.min(...runs.map((r) => r.startedAt));
    const endedAt = Math.max(...runs.map((r) => r.endedAt));
    const fixedAt = Math.max(...runs.map((r) => r.fixedAt));
    const states = await runtime.db
      .selectFrom('email_recipients')
      .select(['state', (eb) => eb.fn.countAll().as('n')])
      .where('email_id', '=', ids.emailId)
      .groupBy('state')
      .execute();
    const email = await runtime.db
      .selectFrom('emails')
      .select(['status', 'recipient_count', 'sent_count', 'failed_count', 'uncertain_count'])
      .where('id', '=', ids.emailId)
      .executeTakeFirstOrThrow();
    await cleanup();

    const engine = {
      seconds: (endedAt - startedAt) / 1000,
      sendSeconds: (endedAt - fixedAt) / 1000,
      fixSeconds: (fixedAt - startedAt) / 1000,
      cpuMs: runs.reduce((sum, r) => sum + r.cpuMs, 0),
      rssPeak: Math.max(...runs.map((r) => r.rssPeak)),
      vmHwm: Math.max(...runs.map((r) => r.vmHwm ?? 0)) || undefined,
      runs,
      sink: engineSink,
    };
    const problems = [];
    if (engineSink.duplicates > 0)
      problems.push(
        `${engineSink.duplicates} duplicate messages (${engineSink.examples.duplicates.join(', ')})`,
      );
    if (engineSink.missing > 0)
      problems.push(
        `${engineSink.missing} recipients never reached the sink (${engineSink.examples.missing.join(', ')})`,
      );
    if (engineSink.unexpected > 0)
      problems.push(`${engineSink.unexpected} unexpected addresses at the sink`);
    if (email.status !== 'sent') problems.push(`the email ended "${email.status}", not "sent"`);
    const notSent = states.filter((s) => s.state !== 'sent');
    if (notSent.length > 0)
      problems.push(
        `recipient rows not sent: ${notSent.map((s) => `${s.state} ${s.n}`).join(', ')}`,
      );

    printReport({
      machine: machine(),
      seedSeconds,
      renderMs,
      sampleBytes: Buffer.byteLength(sample.html) + Buffer.byteLength(sample.text),
      baseline,
      engine,
      email,
      states,
      loadBefore,
      loadAfter,
      problems,
    });
    if (problems.length > 0) {
      for (const problem of problems) log(`FAIL: ${problem}`);
      process.exit(1);
    }
  } catch (error) {
    await cleanup().catch(() => undefined);
    throw error;
  }
}

function printReport(report) {
  const { baseline, engine, machine: m } = report;
  const rate = (count, seconds) => count / seconds;
  const perMessage = (sink) => (sink.messages > 0 ? sink.bytes / sink.messages : 0);
  const engineRate = rate(engine.sink.messages, engine.seconds);
  const engineSendRate = rate(engine.sink.messages, engine.sendSeconds);
  const baselineRate = baseline ? rate(baseline.sink.messages, baseline.seconds) : undefined;
  const load = (values) => values.map((v) => v.toFixed(2)).join(' ');
  const lines = [];
  lines.push(`## Newsletter benchmark — ${new Date().toISOString()}`);
  lines.push('');
  lines.push(`- Machine: ${m.uname}; CPU: ${m.cpu}; nproc ${m.nproc}; Node ${m.node}`);
  lines.push(
    `- ${n(recipients)} recipients on ${args.db}; SMTP pool ${poolSize}; ${workers} engine process${workers > 1 ? 'es' : ''}; batch size ${args['batch-size'] ?? 'default (100)'}; sink in its own process`,
  );
  lines.push(
    `- Seeded in ${report.seedSeconds.toFixed(1)} s; one render of the story (both access levels) ${report.renderMs.toFixed(0)} ms; message body ${n(report.sampleBytes)} bytes of HTML + text`,
  );
  lines.push(
    `- Load average (1/5/15 min) before: ${load(report.loadBefore)}; after: ${load(report.loadAfter)} (other work on the machine skews absolute numbers more than ratios)`,
  );
  lines.push('');
  lines.push(
    '| Sender | Messages at sink | Bytes/message | Seconds | Messages/s | Sender CPU ms/msg | Sink CPU ms/msg | Peak RSS MB | Duplicates | Missing |',
  );
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  const cpu = (ms, sink) => (sink.messages > 0 ? (ms / sink.messages).toFixed(2) : 'n/a');
  if (baseline) {
    lines.push(
      `| bare nodemailer pool (pre-rendered) | ${n(baseline.sink.messages)} | ${n(perMessage(baseline.sink))} | ${baseline.seconds.toFixed(2)} | ${n(baselineRate)} | ${cpu(baseline.cpuMs, baseline.sink)} | ${cpu(baseline.sink.cpuMs, baseline.sink)} | ${mb(baseline.vmHwm ?? baseline.rssPeak)} | ${baseline.sink.duplicates} | ${baseline.sink.missing} |`,
    );
  }
  lines.push(
    `| engine, whole send | ${n(engine.sink.messages)} | ${n(perMessage(engine.sink))} | ${engine.seconds.toFixed(2)} | ${n(engineRate)} | ${cpu(engine.cpuMs, engine.sink)} | ${cpu(engine.sink.cpuMs, engine.sink)} | ${mb(engine.vmHwm ?? engine.rssPeak)} | ${engine.sink.duplicates} | ${engine.sink.missing} |`,
  );
  lines.push(
    `| engine, after recipients fixed | | | ${engine.sendSeconds.toFixed(2)} | ${n(engineSendRate)} | | | | | |`,
  );
  lines.push('');
  if (baselineRate)
    lines.push(
      `Engine / bare pool, messages/s: **${(engineRate / baselineRate).toFixed(2)}** (whole send, fixing ${n(recipients)} recipients included: ${engine.fixSeconds.toFixed(2)} s); ${(engineSendRate / baselineRate).toFixed(2)} after the recipients were fixed`,
    );
  lines.push('');
  lines.push(
    `Engine peak RSS: ${mb(engine.vmHwm)} MB (VmHWM, per process, the largest), ${mb(engine.rssPeak)} MB sampled every 50 ms. ` +
      `Email: ${report.email.status}, recipients ${report.email.recipient_count}, sent ${report.email.sent_count}, failed ${report.email.failed_count}, uncertain ${report.email.uncertain_count}; ` +
      `rows: ${report.states.map((s) => `${s.state} ${s.n}`).join(', ')}.`,
  );
  if (engine.runs.length > 1)
    lines.push(
      `Per process: ${engine.runs.map((r) => `${r.workerId} handed ${n(r.handed)} in ${r.batches} batches${r.isStarter ? ' (fixed the recipients)' : ''}`).join('; ')}.`,
    );
  lines.push(
    `Sink: ${report.problems.length === 0 ? 'every recipient exactly once' : report.problems.join('; ')}; peak ${engine.sink.peakConnections} connections.`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main().catch((error) =>
  fail(error instanceof Error ? (error.stack ?? error.message) : String(error)),
);
