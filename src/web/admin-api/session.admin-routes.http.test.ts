import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import {
  startSmtpTestServer,
  type SmtpTestServer,
} from '../../../test/helpers/smtp-test-server.js';
import { cookieOf, signInOverHttp } from '../../../test/helpers/staff-session.js';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { appFor, servicesFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import { totpCode } from '../../features/staff-auth/index.js';
import { createSmtpMailer } from '../../platform/mail/index.js';

const base = '/api/admin/v1';
const password = 'correct horse battery';

describeEachDatabase('Admin API: session', (getDb) => {
  let app: FastifyInstance;
  let ctx: TestContext;
  let smtp: SmtpTestServer;
  let userId: string;
  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    const mailer = createSmtpMailer({ url: smtp.url, from: 'Masthead <noreply@example.org>' });
    ctx = servicesFor(getDb(), undefined, { mailer });
    ({ app } = await appFor(getDb(), ctx));
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
  });
  beforeEach(async () => {
    await getDb().truncate();
    const created = await ctx.services.staff.create({
      email: 'editor@example.org',
      name: 'Olena Editor',
      role: 'editor',
      password,
    });
    userId = created.user.id;
  });
  const attempt = (email: string, pw: string, extra: Record<string, unknown> = {}) =>
    app.inject({
      method: 'POST',
      url: `${base}/session`,
      payload: { email, password: pw },
      ...extra,
    });

  it('signs in with an HttpOnly SameSite=Strict cookie; writes need the CSRF header', async () => {
    const { response, cookie, csrfToken, headers } = await signInOverHttp(
      app,
      'editor@example.org',
      password,
    );
    expect(response.json()).toMatchObject({ user: { id: userId, role: 'editor' }, csrfToken });
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/^masthead_staff=/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).not.toContain('Secure');

    const session = await app.inject({
      method: 'GET',
      url: `${base}/session`,
      headers: { cookie },
    });
    expect(session.statusCode).toBe(200);
    expect(session.json()).toEqual({
      user: expect.objectContaining({ id: userId }) as unknown,
      csrfToken,
    });

    const patch = {
      method: 'PATCH' as const,
      url: `${base}/me`,
      payload: { roleTitle: 'Night editor' },
    };
    const refused = await app.inject({ ...patch, headers: { cookie } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ errors: [{ code: 'CSRF_FAILED' }] });
    const wrong = await app.inject({ ...patch, headers: { cookie, 'x-csrf-token': 'nope' } });
    expect(wrong.statusCode).toBe(403);
    const accepted = await app.inject({ ...patch, headers });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ author: { roleTitle: 'Night editor' } });
  });

  it('uses a __Host- Secure cookie in production', async () => {
    const { app: production } = await appFor(getDb(), ctx, { isProduction: true });
    try {
      const response = await production.inject({
        method: 'POST',
        url: `${base}/session`,
        payload: { email: 'editor@example.org', password },
      });
      const setCookie = String(response.headers['set-cookie']);
      expect(setCookie).toMatch(/^__Host-masthead_staff=/);
      expect(setCookie).toContain('Secure');
      expect(setCookie).toContain('Path=/');
      expect(setCookie).not.toContain('Domain');
      const me = await production.inject({
        method: 'GET',
        url: `${base}/me`,
        headers: { cookie: cookieOf(response) },
      });
      expect(me.statusCode).toBe(200);
    } finally {
      await production.close();
    }
  });

  it('answers an unknown email exactly like a wrong password', async () => {
    const unknown = await attempt('nobody@example.org', password);
    const wrong = await attempt('editor@example.org', 'not the password');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toBe(unknown.body);
    expect(unknown.headers['set-cookie']).toBeUndefined();
  });

  it('locks the account after 5 failures with 429 and Retry-After', async () => {
    for (let i = 0; i < 5; i++)
      expect((await attempt('editor@example.org', `wrong ${i}`)).statusCode).toBe(401);
    const locked = await attempt('editor@example.org', password);
    expect(locked.statusCode).toBe(429);
    expect(locked.headers['retry-after']).toBe('900');
    expect(locked.json()).toMatchObject({ errors: [{ code: 'RATE_LIMITED' }] });
  });

  it('locks a client address after 20 failures; X-Forwarded-For does not reset it', async () => {
    const from = (ip: string, forwarded?: string) => ({
      remoteAddress: ip,
      ...(forwarded ? { headers: { 'x-forwarded-for': forwarded } } : {}),
    });
    for (let i = 0; i < 20; i++) {
      const response = await attempt(
        `guess${i}@example.org`,
        'whatever1',
        from('192.0.2.10', `10.0.0.${i}`),
      );
      expect(response.statusCode).toBe(401);
    }
    const spoofed = await attempt(
      'editor@example.org',
      password,
      from('192.0.2.10', '198.51.100.77'),
    );
    expect(spoofed.statusCode).toBe(429);
    expect((await attempt('editor@example.org', password, from('192.0.2.10'))).statusCode).toBe(
      429,
    );
    expect((await attempt('editor@example.org', password, from('192.0.2.11'))).statusCode).toBe(
      200,
    );
  });

  it('resets a password through the emailed link: single use, expiring, signs out everywhere', async () => {
    const before = await signInOverHttp(app, 'editor@example.org', password);
    const unknown = await app.inject({
      method: 'POST',
      url: `${base}/password-reset`,
      payload: { email: 'nobody@example.org' },
    });
    const known = await app.inject({
      method: 'POST',
      url: `${base}/password-reset`,
      payload: { email: 'Editor@example.org' },
    });
    expect(known.statusCode).toBe(202);
    expect(known.body).toBe(unknown.body);
    const sentBefore = smtp.received.length;
    const mail = await smtp.waitFor(sentBefore);
    expect(mail.to).toEqual(['editor@example.org']);
    expect(mail.subject).toContain('Reset your Masthead password');
    const link = /http:\/\/localhost:3000\/admin\/reset-password\?token=([\w-]+)/.exec(mail.text);
    const token = link?.[1] ?? '';
    expect(token).not.toBe('');

    const confirm = (t: string, pw: string) =>
      app.inject({
        method: 'POST',
        url: `${base}/password-reset/confirm`,
        payload: { token: t, password: pw },
      });
    const short = await confirm(token, 'short');
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({ errors: [{ field: 'password' }] });
    expect((await confirm(token, 'a brand new password')).statusCode).toBe(204);
    const old = await app.inject({
      method: 'GET',
      url: `${base}/session`,
      headers: { cookie: before.cookie },
    });
    expect(old.statusCode).toBe(401);
    const again = await confirm(token, 'another new password');
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({ errors: [{ field: 'token' }] });
    expect((await attempt('editor@example.org', password)).statusCode).toBe(401);
    await signInOverHttp(app, 'editor@example.org', 'a brand new password');

    // A link older than an hour no longer works.
    await app.inject({
      method: 'POST',
      url: `${base}/password-reset`,
      payload: { email: 'editor@example.org' },
    });
    const late = await smtp.waitFor(sentBefore + 1);
    const lateToken = /token=([\w-]+)/.exec(late.text)?.[1] ?? '';
    ctx.clock.advance(60 * 60_000 + 1000);
    expect((await confirm(lateToken, 'yet another password')).statusCode).toBe(400);
  });

  it('turns on TOTP and then signs in with a code in a second step', async () => {
    const { headers } = await signInOverHttp(app, 'editor@example.org', password);
    const setup = await app.inject({ method: 'POST', url: `${base}/me/two-factor`, headers });
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUri } = setup.json<{ secret: string; otpauthUri: string }>();
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    const bad = await app.inject({
      method: 'POST',
      url: `${base}/me/two-factor/enable`,
      headers,
      payload: { code: 'abc' },
    });
    expect(bad.json()).toMatchObject({ errors: [{ field: 'code' }] });
    const enabled = await app.inject({
      method: 'POST',
      url: `${base}/me/two-factor/enable`,
      headers,
      payload: { code: totpCode(secret, ctx.clock.now()) },
    });
    expect(enabled.json<{ recoveryCodes: string[] }>().recoveryCodes).toHaveLength(10);

    ctx.clock.advance(30_000);
    const first = await attempt('editor@example.org', password);
    expect(first.statusCode).toBe(200);
    expect(first.headers['set-cookie']).toBeUndefined();
    const { twoFactorRequired, challengeToken } = first.json<{
      twoFactorRequired: boolean;
      challengeToken: string;
    }>();
    expect(twoFactorRequired).toBe(true);
    const second = await app.inject({
      method: 'POST',
      url: `${base}/session/two-factor`,
      payload: { challengeToken, code: totpCode(secret, ctx.clock.now()) },
    });
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ user: { id: userId } });
    const me = await app.inject({
      method: 'GET',
      url: `${base}/me`,
      headers: { cookie: cookieOf(second) },
    });
    expect(me.json()).toMatchObject({ user: { hasTwoFactor: true } });
  });

  it('signs out here, and everywhere', async () => {
    const one = await signInOverHttp(app, 'editor@example.org', password);
    const two = await signInOverHttp(app, 'editor@example.org', password);
    const three = await signInOverHttp(app, 'editor@example.org', password);
    const out = await app.inject({
      method: 'DELETE',
      url: `${base}/session`,
      headers: one.headers,
    });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
    expect(
      (await app.inject({ method: 'GET', url: `${base}/session`, headers: { cookie: one.cookie } }))
        .statusCode,
    ).toBe(401);
    const everywhere = await app.inject({
      method: 'POST',
      url: `${base}/session/sign-out-everywhere`,
      headers: two.headers,
    });
    expect(everywhere.json()).toEqual({ revokedSessions: 2 });
    for (const s of [two, three]) {
      const response = await app.inject({
        method: 'GET',
        url: `${base}/session`,
        headers: { cookie: s.cookie },
      });
      expect(response.statusCode).toBe(401);
    }
    const actions = (await ctx.services.audit.list()).items.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'session.signed_in',
        'session.signed_out',
        'session.signed_out_everywhere',
      ]),
    );
  });

  it('lets a signed-in browser still reach the public sign-in route without the CSRF header', async () => {
    const { cookie } = await signInOverHttp(app, 'editor@example.org', password);
    const response = await attempt('editor@example.org', password, { headers: { cookie } });
    expect(response.statusCode).toBe(200);
    // A sign-out without the CSRF header (a forged one) clears the cookie but ends nothing.
    const forged = await app.inject({
      method: 'DELETE',
      url: `${base}/session`,
      headers: { cookie },
    });
    expect(forged.statusCode).toBe(204);
    const still = await app.inject({ method: 'GET', url: `${base}/session`, headers: { cookie } });
    expect(still.statusCode).toBe(200);
  });
});
