import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { captureIo } from '../../test/helpers/capture-io.js';
import { describeEachDatabaseUrl } from '../../test/helpers/test-database.js';
import { loadConfig } from '../config/index.js';
import { totpCode } from '../features/staff-auth/index.js';
import type { EventsTables } from '../features/events/index.js';
import { verifyWebhookSignature } from '../features/webhooks/index.js';
import { FakeClock } from '../platform/clock.js';
import { narrow } from '../platform/db/index.js';
import { createLogger } from '../platform/logger.js';
import { openRuntime, type Runtime } from '../runtime/open-runtime.js';
import { runCli } from './program.js';

const oldKey = 'old-secret-key-0123456789abcdefghijklmnop';
const newKey = 'new-secret-key-0123456789abcdefghijklmnop';
const password = 'correct horse battery';
const at = { ip: '203.0.113.7' };

let receiver: Server;
let base = '';
const received: { headers: IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString() });
      response.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});

afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

describeEachDatabaseUrl('secrets at rest and `masthead secrets rotate`', (getUrl) => {
  const clock = new FakeClock(new Date('2026-12-06T09:00:00Z'));
  const env = (keys: string) => ({
    DATABASE_URL: getUrl(),
    MEDIA_DIR: mkdtempSync(join(tmpdir(), 'masthead-secrets-media-')),
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    ALLOW_PRIVATE_WEBHOOKS: 'true',
    SECRET_KEYS: keys,
  });
  const open = (keys: string): Promise<Runtime> =>
    openRuntime(loadConfig(env(keys)), {
      clock,
      logger: createLogger({ level: 'silent', pretty: false }),
    });

  /** Signs in with password then a fresh TOTP code; true when a session opens. */
  async function signsInWithTwoFactor(runtime: Runtime, email: string, secret: string) {
    clock.advance(30_000);
    const { signIn } = runtime.services.staffAuth;
    const first = await signIn.signIn({ email, password }, at);
    if (first.kind !== 'two-factor') return false;
    const done = await signIn.completeTwoFactor(
      { challengeToken: first.challengeToken, code: totpCode(secret, clock.now()) },
      at,
    );
    return done.kind === 'session';
  }

  /** Publishes an event and returns whether the delivery's signature verifies with `secret`. */
  async function deliveredSignedWith(runtime: Runtime, secrets: readonly string[]) {
    received.length = 0;
    await runtime.services.events.record(narrow(runtime.db).to<EventsTables>(), {
      type: 'member.created',
      subjectId: 'm1',
      payload: { email: 'reader@example.org' },
      actor: 'test',
    });
    await runtime.services.webhooks.runOnce(clock.now());
    expect(received).toHaveLength(secrets.length);
    return secrets.every((secret) =>
      received.some((r) =>
        verifyWebhookSignature(
          secret,
          r.headers['x-masthead-signature'] as string,
          r.body,
          300,
          clock.now(),
        ),
      ),
    );
  }

  it('keeps TOTP and webhook secrets encrypted, reads legacy cleartext, and still works after rotating to a new key', async () => {
    expect(await runCli(['migrate'], captureIo(env(oldKey)))).toBe(0);
    let runtime = await open(oldKey);
    const totp: Record<string, string> = {};
    const hooks: string[] = [];
    try {
      const { staff, staffAuth, webhooks } = runtime.services;
      for (const email of ['new@example.org', 'legacy@example.org']) {
        const { user } = await staff.create({ email, name: email, role: 'editor', password });
        const { secret } = await staffAuth.twoFactor.setup(user.id, { issuer: 'Masthead' });
        await staffAuth.twoFactor.enable(user.id, totpCode(secret, clock.now()), at);
        totp[email] = secret;
      }
      for (const name of ['Encrypted', 'Legacy']) {
        const created = await webhooks.create({
          name,
          url: `${base}/${name}`,
          events: ['member.created'],
        });
        hooks.push(created.secret);
      }
      // What the columns hold: no secret in clear.
      const users = await runtime.db
        .selectFrom('staff_users')
        .select(['email', 'totp_secret'])
        .execute();
      const rows = await runtime.db.selectFrom('webhooks').select(['name', 'secret']).execute();
      for (const stored of [...users.map((u) => u.totp_secret), ...rows.map((r) => r.secret)]) {
        expect(stored).toMatch(/^enc:v1:[0-9a-f]{8}:/);
      }
      for (const secret of [...Object.values(totp), ...hooks]) {
        expect(JSON.stringify([users, rows])).not.toContain(secret);
      }
      // Rows from before encryption hold the secret in clear; they must keep working.
      await runtime.db
        .updateTable('staff_users')
        .set({ totp_secret: totp['legacy@example.org'] ?? '' })
        .where('email', '=', 'legacy@example.org')
        .execute();
      await runtime.db
        .updateTable('webhooks')
        .set({ secret: hooks[1] ?? '' })
        .where('name', '=', 'Legacy')
        .execute();
      expect(
        await signsInWithTwoFactor(runtime, 'new@example.org', totp['new@example.org'] ?? ''),
      ).toBe(true);
      // A legacy value signs in, and that sign-in's write stores it encrypted; back in clear
      // afterwards, to count what `secrets rotate` finds.
      const legacyRow = () =>
        runtime.db
          .selectFrom('staff_users')
          .select('totp_secret')
          .where('email', '=', 'legacy@example.org')
          .executeTakeFirstOrThrow();
      expect((await legacyRow()).totp_secret).toBe(totp['legacy@example.org']);
      expect(
        await signsInWithTwoFactor(runtime, 'legacy@example.org', totp['legacy@example.org'] ?? ''),
      ).toBe(true);
      expect((await legacyRow()).totp_secret).toMatch(/^enc:v1:/);
      await runtime.db
        .updateTable('staff_users')
        .set({ totp_secret: totp['legacy@example.org'] ?? '' })
        .where('email', '=', 'legacy@example.org')
        .execute();
    } finally {
      await runtime.close();
    }

    // The operator sees the cleartext in doctor.
    const doctor = captureIo(env(oldKey));
    await runCli(['doctor'], doctor);
    expect(doctor.stdout()).toMatch(
      /^warn\s+secrets\s+1 key from SECRET_KEYS \(first [0-9a-f]{8}\); 4 stored, 2 in clear, 0 under an older key, 0 unreadable: run "masthead secrets rotate"$/m,
    );

    // A new first key; the old one stays to read what is stored.
    const rotate = captureIo(env(`${newKey},${oldKey}`));
    expect(await runCli(['secrets', 'rotate'], rotate)).toBe(0);
    expect(rotate.stdout()).toMatch(
      /^Keys: 2 \(first [0-9a-f]{8} encrypts; [0-9a-f]{8} still decrypt\)$/m,
    );
    expect(rotate.stdout()).toContain(
      'two-factor (TOTP) secrets: 2 stored, 2 re-encrypted (1 were in clear, 1 under an older key), 0 already current, 0 unreadable',
    );
    expect(rotate.stdout()).toContain(
      'webhook signing secrets: 2 stored, 2 re-encrypted (1 were in clear, 1 under an older key), 0 already current, 0 unreadable',
    );
    expect(rotate.stdout()).toMatch(/can be removed from SECRET_KEYS/);
    const again = captureIo(env(`${newKey},${oldKey}`));
    expect(await runCli(['secrets', 'rotate'], again)).toBe(0);
    expect(again.stdout()).toContain(
      '2 stored, 0 re-encrypted (0 were in clear, 0 under an older key), 2 already current',
    );

    // The old key is gone: everything still works under the new one alone.
    runtime = await open(newKey);
    try {
      const users = await runtime.db.selectFrom('staff_users').select('totp_secret').execute();
      const rows = await runtime.db.selectFrom('webhooks').select('secret').execute();
      for (const stored of [...users.map((u) => u.totp_secret), ...rows.map((r) => r.secret)]) {
        expect(stored).toMatch(/^enc:v1:[0-9a-f]{8}:/);
      }
      for (const [email, secret] of Object.entries(totp)) {
        expect(await signsInWithTwoFactor(runtime, email, secret)).toBe(true);
      }
      expect(await deliveredSignedWith(runtime, hooks)).toBe(true);
    } finally {
      await runtime.close();
    }
    const healthy = captureIo(env(newKey));
    expect(await runCli(['doctor'], healthy)).toBe(0);
    expect(healthy.stdout()).toMatch(
      /^ok\s+secrets\s+1 key from SECRET_KEYS .*4 stored, 0 in clear/m,
    );

    // Without the key that encrypted them, nothing is guessed: rotate and doctor name the problem.
    const lost = captureIo(env(oldKey));
    expect(await runCli(['secrets', 'rotate'], lost)).toBe(1);
    expect(lost.stderr()).toMatch(
      /4 stored secrets could not be decrypted with any key in SECRET_KEYS/,
    );
    const lostDoctor = captureIo(env(oldKey));
    expect(await runCli(['doctor'], lostDoctor)).toBe(1);
    expect(lostDoctor.stdout()).toMatch(
      /^FAIL\s+secrets\s+.*4 unreadable: put the missing key back/m,
    );
  });
});
