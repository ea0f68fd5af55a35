import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { isBuildStale } from '../../scripts/build.js';
import { openDatabase, type Database } from '../../src/platform/db/index.js';
import { sampleDocument } from '../../src/shared/richtext/index.js';
import type { AppTables } from '../../src/runtime/app-database.js';
import {
  freePort,
  runMasthead,
  spawnMasthead,
  waitFor,
  type Spawned,
} from '../helpers/masthead-process.js';
import { startSmtpTestServer, type SmtpTestServer } from '../helpers/smtp-test-server.js';
import { describeEachDatabaseUrl } from '../helpers/test-database.js';
import { insertMembers } from './newsletter-fixture.js';

/**
 * Issue #13, "Done when": the daily briefing leaves once at its time with two processes running.
 * Two real `masthead start` servers on one database come up together after the briefing's time
 * has passed; each runs the digest job at start (and every 30 s), so both try to make today's
 * digest at the same moment. The sink must see one briefing per subscriber, and the database
 * one digest email.
 */
beforeAll(() => {
  if (isBuildStale())
    throw new Error('dist/ is stale or missing: the build failed (see npm run build)');
});

let sink: SmtpTestServer;
beforeAll(async () => {
  sink = await startSmtpTestServer();
});
afterAll(async () => {
  await sink.close();
});

const running: Spawned[] = [];
afterEach(() => {
  for (const server of running.splice(0)) server.child.kill('SIGKILL');
  sink.received.length = 0;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function open(url: string): Database<AppTables> {
  return url.startsWith('postgres')
    ? openDatabase<AppTables>({ dialect: 'postgres', url })
    : openDatabase<AppTables>({ dialect: 'sqlite', file: url });
}

describeEachDatabaseUrl('the daily briefing with two server processes', (getUrl) => {
  it('leaves once: one digest email, one message per subscriber', async () => {
    const env = {
      DATABASE_URL: getUrl(),
      MEDIA_DIR: mkdtempSync(join(tmpdir(), 'masthead-media-')),
      SECRET_KEYS: 'process-test-key-0123456789abcdefghijklmnop',
      DEMO: 'off',
    };
    await runMasthead(['migrate'], env);
    await runMasthead(
      ['user', 'create', '--email', 'owner@example.org', '--name', 'Owner', '--role', 'owner'],
      env,
    );
    const token = (
      await runMasthead(
        ['token', 'create', '--name', 'Digest test', '--role', 'administrator'],
        env,
      )
    ).trim();

    // Set-up through one server with no mail server configured, so no job sends yet.
    const setupPort = String(await freePort());
    const setup = spawnMasthead(['start'], { ...env, PORT: setupPort });
    running.push(setup);
    await waitFor(() => setup.output().includes('Masthead is running'), 60_000, setup.output);
    const api = async (method: string, path: string, body: unknown) => {
      const response = await fetch(`http://127.0.0.1:${setupPort}/api/admin/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, json: (await response.json()) as Record<string, any> };
    };
    // 00:00 local: whenever the test runs, today's briefing time has passed.
    const list = await api('POST', '/newsletters', {
      name: 'The Daily Briefing',
      cadence: 'Every morning',
      digestTime: '00:00',
    });
    expect(list.status, JSON.stringify(list.json)).toBe(201);
    const newsletterId = list.json.newsletter.id as string;
    const owner = await api('POST', '/authors', { name: 'Night desk' });
    expect(owner.status).toBe(201);
    const created = await api('POST', '/posts', {
      title: 'Ferry service resumes on the northern route',
      body: sampleDocument,
      authorIds: [owner.json.author.id as string],
    });
    expect(created.status).toBe(201);
    const published = await api('POST', `/posts/${created.json.post.id as string}/publish`, {});
    expect(published.status).toBe(200);
    setup.child.kill('SIGTERM');
    await setup.exited;

    const subscribers = 40;
    const database = open(getUrl());
    try {
      // A list made after today's briefing time starts tomorrow: date this one back a day.
      await database.db
        .updateTable('newsletters')
        .set({ created_at: new Date(Date.now() - 86_400_000).toISOString() })
        .where('id', '=', newsletterId)
        .execute();
      const members = await insertMembers(database.db, subscribers, {
        subscribeTo: newsletterId,
      });

      // Both come up together, with the mail server: each runs the digest job at start.
      const withMail = { ...env, SMTP_URL: sink.url };
      const servers = await Promise.all(
        [0, 1].map(async () => {
          const server = spawnMasthead(['start'], { ...withMail, PORT: String(await freePort()) });
          running.push(server);
          return server;
        }),
      );
      for (const server of servers)
        await waitFor(() => server.output().includes('Masthead is running'), 60_000, server.output);
      await sink.waitFor(subscribers, 60_000).catch((error: Error) => {
        throw new Error(`${error.message}\n${servers.map((s) => s.output()).join('\n')}`);
      });
      // Time for a late second digest or a resend to show up, had either process made one.
      await sleep(3000);

      const counts = new Map<string, number>();
      for (const mail of sink.received)
        for (const to of mail.to) counts.set(to, (counts.get(to) ?? 0) + 1);
      expect(sink.received).toHaveLength(subscribers);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
      expect(new Set(counts.keys())).toEqual(new Set(members.map((m) => m.email)));
      expect(sink.received[0]!.subject).toContain('The Daily Briefing');

      const digests = await database.db
        .selectFrom('emails')
        .select(['id', 'status', 'digest_date'])
        .where('newsletter_id', '=', newsletterId)
        .execute();
      expect(digests).toHaveLength(1);
      expect(digests[0]!.digest_date).not.toBeNull();
      await waitFor(
        async () =>
          (
            await database.db
              .selectFrom('emails')
              .select('status')
              .where('id', '=', digests[0]!.id)
              .executeTakeFirstOrThrow()
          ).status === 'sent',
        20_000,
        () => servers.map((s) => s.output()).join('\n'),
      );
      // Which process queued it shows in the logs: exactly one of the two did.
      const queuedBy = servers.filter((s) => s.output().includes('daily digests queued'));
      expect(queuedBy).toHaveLength(1);
    } finally {
      await database.close();
    }
  }, 180_000);
});
