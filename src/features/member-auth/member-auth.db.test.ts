import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import {
  inTransaction,
  servicesFor,
  type TestContext,
} from '../../../test/helpers/test-runtime.js';
import { createMemoryMailer, type MemoryMailer } from '../../platform/mail/index.js';
import { safeReturnPath } from './return-path.js';

const publicUrl = 'http://localhost:3000';
const tokenIn = (text: string | undefined) => /token=([A-Za-z0-9_%-]+)/.exec(text ?? '')?.[1] ?? '';

describeEachDatabase('member sign-in links and sessions', (getDb) => {
  let ctx: TestContext;
  let mailer: MemoryMailer;
  beforeEach(async () => {
    await getDb().truncate();
    mailer = createMemoryMailer();
    ctx = servicesFor(getDb(), undefined, { mailer });
  });
  const auth = () => ctx.services.memberAuth;
  const linkFor = async (email: string, extra: { returnTo?: string; ip?: string } = {}) => {
    await auth().requestLink({ email, ip: extra.ip ?? '10.0.0.1', publicUrl, ...extra });
    return decodeURIComponent(tokenIn(mailer.lastTo(email.toLowerCase())?.text));
  };

  it('mails a single-use link that joins a new reader and opens a session', async () => {
    const token = await linkFor('New.Reader@Example.org', { returnTo: '/some-story/' });
    const mail = mailer.lastTo('new.reader@example.org');
    expect(mail?.text).toContain(`${publicUrl}/signin/confirm?token=`);
    expect(token.length).toBeGreaterThan(30);
    // Only the hash is stored.
    const rows = await ctx.db.selectFrom('member_sign_in_tokens').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).not.toContain(token);

    const result = await auth().confirm(token);
    expect(result).toMatchObject({ isNew: true, returnTo: '/some-story/', purpose: 'sign_in' });
    expect(result.member.email).toBe('new.reader@example.org');
    const history = await ctx.services.members.history(result.member.id);
    expect(history.map((e) => e.type).sort()).toEqual(['joined', 'signed_in']);

    const session = await auth().resolveSession(result.sessionSecret);
    expect(session).toMatchObject({ member: { id: result.member.id }, audience: 'member' });
    await expect(auth().confirm(token)).rejects.toMatchObject({
      status: 400,
      code: 'LINK_INVALID',
    });
  });

  it('refuses expired, tampered and unknown links the same way', async () => {
    const token = await linkFor('late@example.org');
    await expect(auth().confirm(`${token.slice(0, -2)}xx`)).rejects.toMatchObject({
      code: 'LINK_INVALID',
    });
    await expect(auth().confirm('short')).rejects.toMatchObject({ code: 'LINK_INVALID' });
    ctx.clock.advance(16 * 60_000);
    await expect(auth().confirm(token)).rejects.toMatchObject({ code: 'LINK_INVALID' });
  });

  it('uses a link once even when confirmed concurrently', async () => {
    const token = await linkFor('race@example.org');
    const results = await Promise.allSettled([1, 2, 3].map(() => auth().confirm(token)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('limits links per client address and per email, with Retry-After', async () => {
    for (let i = 0; i < 10; i++)
      await auth().requestLink({ email: `r${i}@example.org`, ip: '10.0.0.9', publicUrl });
    await expect(
      auth().requestLink({ email: 'r10@example.org', ip: '10.0.0.9', publicUrl }),
    ).rejects.toMatchObject({ status: 429, details: { retryAfter: expect.any(Number) } });
    // Another address is not affected.
    await auth().requestLink({ email: 'other@example.org', ip: '10.0.0.10', publicUrl });

    for (let i = 0; i < 3; i++)
      await auth().requestLink({ email: 'same@example.org', ip: `10.1.0.${i}`, publicUrl });
    await expect(
      auth().requestLink({ email: 'Same@Example.org', ip: '10.1.0.99', publicUrl }),
    ).rejects.toMatchObject({ status: 429 });
    expect(mailer.sent.filter((m) => m.to === 'same@example.org')).toHaveLength(3);
    ctx.clock.advance(10 * 60_000 + 1000);
    await auth().requestLink({ email: 'same@example.org', ip: '10.1.0.99', publicUrl });
  });

  it('slides sessions, signs out one or everywhere, and derives the paid audience', async () => {
    const first = await auth().confirm(await linkFor('two@example.org'));
    const second = await auth().confirm(await linkFor('two@example.org', { ip: '10.0.0.2' }));
    ctx.clock.advance(2 * 3600_000);
    expect((await auth().resolveSession(first.sessionSecret))?.isRenewed).toBe(true);
    await auth().signOut(first.sessionId);
    expect(await auth().resolveSession(first.sessionSecret)).toBeUndefined();
    expect(await auth().resolveSession(second.sessionSecret)).toBeDefined();

    await inTransaction(ctx, (trx) =>
      ctx.services.members.setAccess(trx, second.member.id, {
        status: 'paid',
        tierId: null,
        accessUntil: new Date(ctx.clock.now().getTime() + 30 * 86400_000).toISOString(),
      }),
    );
    expect((await auth().resolveSession(second.sessionSecret))?.audience).toBe('paid');
    ctx.clock.advance(31 * 86400_000);
    // 31 days idle: the session is over as well as the paid access.
    expect(await auth().resolveSession(second.sessionSecret)).toBeUndefined();

    const third = await auth().confirm(await linkFor('two@example.org', { ip: '10.0.0.3' }));
    expect((await auth().resolveSession(third.sessionSecret))?.audience).toBe('member');
    expect(await auth().signOutEverywhere(third.member.id)).toBe(1);
    expect(await auth().resolveSession(third.sessionSecret)).toBeUndefined();
  });

  it('changes a member’s email only through a link sent to the new address', async () => {
    const { member } = await auth().confirm(await linkFor('old@example.org'));
    await auth().requestEmailChange({
      memberId: member.id,
      email: 'new@example.org',
      ip: '10.0.0.4',
      publicUrl,
    });
    expect((await ctx.services.members.byId(member.id))?.email).toBe('old@example.org');
    const token = decodeURIComponent(tokenIn(mailer.lastTo('new@example.org')?.text));
    const result = await auth().confirm(token);
    expect(result).toMatchObject({ purpose: 'change_email', member: { id: member.id } });
    expect((await ctx.services.members.byId(member.id))?.email).toBe('new@example.org');
  });
});

it('accepts only paths on this site as a place to return to', () => {
  expect(safeReturnPath('/a-story/?x=1')).toBe('/a-story/?x=1');
  for (const bad of [
    '//evil.example',
    '/\\evil.example',
    'https://evil.example/',
    'javascript:x',
    '',
    '/a\nb',
    '/.//evil.example',
    '/..//evil.example/x',
    '/x/..//evil.example',
    '/%2e//evil.example',
  ])
    expect(safeReturnPath(bad)).toBeUndefined();
});
