import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { signInOverHttp, type SignedIn } from '../../../test/helpers/staff-session.js';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import {
  appFor,
  servicesFor,
  tokenHeaders,
  type TestContext,
} from '../../../test/helpers/test-runtime.js';
import { totpCode } from '../../features/staff-auth/index.js';
import { createMemoryMailer, type MemoryMailer } from '../../platform/mail/index.js';

const base = '/api/admin/v1';
const password = 'correct horse battery';

describeEachDatabase('Admin API: staff, tokens, settings, audit log', (getDb) => {
  let app: FastifyInstance;
  let ctx: TestContext;
  let mailer: MemoryMailer;
  const ids: Record<string, string> = {};
  let owner: SignedIn;
  let admin: SignedIn;
  let editor: SignedIn;
  beforeAll(async () => {
    mailer = createMemoryMailer();
    ctx = servicesFor(getDb(), undefined, { mailer });
    ({ app } = await appFor(getDb(), ctx));
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    await getDb().truncate();
    for (const role of ['owner', 'administrator', 'editor'] as const) {
      const { user } = await ctx.services.staff.create({
        email: `${role}@example.org`,
        name: `The ${role}`,
        role,
        password,
      });
      ids[role] = user.id;
    }
    owner = await signInOverHttp(app, 'owner@example.org', password);
    admin = await signInOverHttp(app, 'administrator@example.org', password);
    editor = await signInOverHttp(app, 'editor@example.org', password);
  });

  it('lists staff without password hashes or TOTP secrets', async () => {
    const setup = await app.inject({
      method: 'POST',
      url: `${base}/me/two-factor`,
      headers: editor.headers,
    });
    const { secret } = setup.json<{ secret: string }>();
    await app.inject({
      method: 'POST',
      url: `${base}/me/two-factor/enable`,
      headers: editor.headers,
      payload: { code: totpCode(secret, ctx.clock.now()) },
    });
    const response = await app.inject({
      method: 'GET',
      url: `${base}/staff`,
      headers: await tokenHeaders(ctx.services, 'contributor'),
    });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ staff: Array<Record<string, unknown>> }>();
    expect(body.staff).toHaveLength(3);
    expect(body.staff.find((s) => s.id === ids.editor)).toMatchObject({ hasTwoFactor: true });
    for (const leaked of ['argon2', 'password_hash', 'passwordHash', 'totp', secret])
      expect(response.body).not.toContain(leaked);
  });

  it('lets editors invite authors but not administrators; the invitee accepts and signs in', async () => {
    const invite = (who: SignedIn, role: string, email = 'new@example.org') =>
      app.inject({
        method: 'POST',
        url: `${base}/invitations`,
        headers: who.headers,
        payload: { email, role },
      });
    expect((await invite(editor, 'administrator')).statusCode).toBe(403);
    expect((await invite(editor, 'editor')).statusCode).toBe(403);
    expect((await invite(admin, 'owner')).json()).toMatchObject({ errors: [{ field: 'role' }] });
    expect((await invite(admin, 'author', 'not-an-email')).json()).toMatchObject({
      errors: [{ field: 'email' }],
    });
    const created = await invite(editor, 'author');
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      invitation: { email: 'new@example.org', role: 'author' },
    });
    const token = /accept-invitation\?token=([\w-]+)/.exec(
      mailer.lastTo('new@example.org')?.text ?? '',
    )?.[1];
    const accepted = await app.inject({
      method: 'POST',
      url: `${base}/invitations/accept`,
      payload: { token, name: 'New Author', password: 'a good long password' },
    });
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json()).toMatchObject({ user: { email: 'new@example.org', role: 'author' } });
    // Accepting signs the new author in: the cookie it sets opens the session.
    const cookie = String(accepted.headers['set-cookie']).split(';')[0] ?? '';
    const session = await app.inject({
      method: 'GET',
      url: `${base}/session`,
      headers: { cookie },
    });
    expect(session.statusCode).toBe(200);
    expect(session.json()).toMatchObject({ user: { email: 'new@example.org' } });
    const signedIn = await signInOverHttp(app, 'new@example.org', 'a good long password');
    expect(signedIn.response.json()).toMatchObject({ user: { role: 'author' } });
  });

  it("changes roles as administrator, never the owner's; ownership moves only by transfer", async () => {
    const patch = (who: SignedIn, id: string, payload: object) =>
      app.inject({ method: 'PATCH', url: `${base}/staff/${id}`, headers: who.headers, payload });
    expect((await patch(admin, ids.owner ?? '', { role: 'editor' })).statusCode).toBe(403);
    expect((await patch(editor, ids.administrator ?? '', { role: 'author' })).statusCode).toBe(403);
    expect((await patch(admin, ids.editor ?? '', { role: 'owner' })).json()).toMatchObject({
      errors: [{ field: 'role' }],
    });
    const changed = await patch(admin, ids.editor ?? '', { role: 'author' });
    expect(changed.json()).toMatchObject({ user: { id: ids.editor, role: 'author' } });

    const transfer = (who: SignedIn, userId: string) =>
      app.inject({
        method: 'POST',
        url: `${base}/staff/transfer-ownership`,
        headers: who.headers,
        payload: { userId },
      });
    expect((await transfer(admin, ids.administrator ?? '')).statusCode).toBe(403);
    const moved = await transfer(owner, ids.administrator ?? '');
    expect(moved.json()).toMatchObject({ user: { role: 'owner' } });
    const log = await app.inject({
      method: 'GET',
      url: `${base}/audit-log?action=staff.role_changed`,
      headers: admin.headers,
    });
    expect(log.json()).toMatchObject({
      entries: [
        {
          actor: `staff:${ids.administrator}`,
          subjectId: ids.editor,
          details: { from: 'editor', to: 'author' },
        },
      ],
    });
  });

  it('manages tokens (secret shown once) and audits create and revoke', async () => {
    const created = await app.inject({
      method: 'POST',
      url: `${base}/tokens`,
      headers: admin.headers,
      payload: { name: 'Importer', role: 'author' },
    });
    expect(created.statusCode).toBe(201);
    const { token, secret } = created.json<{ token: { id: string }; secret: string }>();
    expect(secret).toMatch(/^mh_admin_/);
    const list = await app.inject({ method: 'GET', url: `${base}/tokens`, headers: admin.headers });
    expect(list.json()).toMatchObject({ tokens: [{ id: token.id, name: 'Importer' }] });
    expect(list.body).not.toContain(secret);
    expect(
      (await app.inject({ method: 'GET', url: `${base}/tokens`, headers: editor.headers }))
        .statusCode,
    ).toBe(403);
    const revoked = await app.inject({
      method: 'DELETE',
      url: `${base}/tokens/${token.id}`,
      headers: admin.headers,
    });
    expect(revoked.statusCode).toBe(204);
    expect(
      (
        await app.inject({
          method: 'GET',
          url: `${base}/me`,
          headers: { authorization: `Bearer ${secret}` },
        })
      ).statusCode,
    ).toBe(401);
    const log = await app.inject({
      method: 'GET',
      url: `${base}/audit-log?limit=5`,
      headers: admin.headers,
    });
    const actions = log.json<{ entries: Array<{ action: string }> }>().entries.map((e) => e.action);
    expect(actions.slice(0, 2)).toEqual(['token.revoked', 'token.created']);
  });

  it('reads settings as any staff, changes them as administrator, naming bad fields', async () => {
    const read = await app.inject({
      method: 'GET',
      url: `${base}/settings`,
      headers: editor.headers,
    });
    expect(read.json()).toMatchObject({ settings: { siteName: 'Masthead' } });
    const payload = { siteName: 'The Kyiv Ledger' };
    expect(
      (
        await app.inject({
          method: 'PATCH',
          url: `${base}/settings`,
          headers: editor.headers,
          payload,
        })
      ).statusCode,
    ).toBe(403);
    const changed = await app.inject({
      method: 'PATCH',
      url: `${base}/settings`,
      headers: admin.headers,
      payload,
    });
    expect(changed.json()).toMatchObject({ settings: { siteName: 'The Kyiv Ledger' } });
    const bad = await app.inject({
      method: 'PATCH',
      url: `${base}/settings`,
      headers: admin.headers,
      payload: { accentColor: 'red' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ errors: [{ field: 'accentColor' }] });
    const unknown = await app.inject({
      method: 'PATCH',
      url: `${base}/settings`,
      headers: admin.headers,
      payload: { colour: 1 },
    });
    expect(unknown.json()).toMatchObject({ errors: [{ field: 'colour' }] });
    const log = await app.inject({
      method: 'GET',
      url: `${base}/audit-log?action=settings.changed`,
      headers: admin.headers,
    });
    expect(log.json()).toMatchObject({ entries: [{ details: { keys: ['siteName'] } }] });
    // A light accent: white button text on it, and links in it on white, would be unreadable.
    const pale = await app.inject({
      method: 'PATCH',
      url: `${base}/settings`,
      headers: admin.headers,
      payload: { accentColor: '#f5c211' },
    });
    expect(pale.statusCode).toBe(400);
    const [problem] = (pale.json() as { errors: Array<{ field: string; message: string }> }).errors;
    expect(problem?.field).toBe('accentColor');
    expect(problem?.message).toMatch(/contrast of 1\.\d:1 with white, below the 4\.5:1/);
    const suggested = /try (#[0-9a-f]{6})/.exec(problem?.message ?? '')?.[1] ?? '';
    const accepted = await app.inject({
      method: 'PATCH',
      url: `${base}/settings`,
      headers: admin.headers,
      payload: { accentColor: suggested },
    });
    expect(accepted.json()).toMatchObject({ settings: { accentColor: suggested } });
  });

  it('shows the audit log to administrators only, with filters and a cursor', async () => {
    expect(
      (await app.inject({ method: 'GET', url: `${base}/audit-log`, headers: editor.headers }))
        .statusCode,
    ).toBe(403);
    const first = await app.inject({
      method: 'GET',
      url: `${base}/audit-log?limit=2`,
      headers: admin.headers,
    });
    const page = first.json<{
      entries: unknown[];
      meta: { pagination: { next: string | null } };
    }>();
    expect(page.entries).toHaveLength(2);
    const next = await app.inject({
      method: 'GET',
      url: `${base}/audit-log?limit=2&cursor=${page.meta.pagination.next ?? ''}`,
      headers: admin.headers,
    });
    expect(next.json<{ entries: unknown[] }>().entries).toHaveLength(1);
    const mine = await app.inject({
      method: 'GET',
      url: `${base}/audit-log?actor=staff:${ids.editor}`,
      headers: admin.headers,
    });
    expect(mine.json()).toMatchObject({
      entries: [{ action: 'session.signed_in', actor: `staff:${ids.editor}` }],
    });
    const bad = await app.inject({
      method: 'GET',
      url: `${base}/audit-log?limit=0`,
      headers: admin.headers,
    });
    expect(bad.json()).toMatchObject({ errors: [{ field: 'limit' }] });
  });

  it('keeps /me for staff sessions: an API token gets 403', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `${base}/me`,
      headers: await tokenHeaders(ctx.services, 'administrator'),
    });
    expect(response.statusCode).toBe(403);
  });
});
