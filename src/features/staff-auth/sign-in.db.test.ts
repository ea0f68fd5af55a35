import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { servicesFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import type { AppError } from '../../platform/errors.js';
import { totpCode } from './totp.js';

const password = 'correct horse battery';
const at = { ip: '203.0.113.7' };

describeEachDatabase('staff sign-in', (getDb) => {
  let ctx: TestContext;
  let userId: string;
  beforeEach(async () => {
    await getDb().truncate();
    ctx = servicesFor(getDb());
    const created = await ctx.services.staff.create({
      email: 'editor@example.org',
      name: 'Olena Editor',
      role: 'editor',
      password,
    });
    userId = created.user.id;
  });
  const signIn = (email: string, pw: string, meta = at) =>
    ctx.services.staffAuth.signIn.signIn({ email, password: pw }, meta);
  const errorOf = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (e: unknown) => e as AppError,
    );

  it('opens a session for the right password and audits it', async () => {
    const result = await signIn(' Editor@Example.org ', password);
    expect(result).toMatchObject({ kind: 'session', user: { id: userId } });
    if (result.kind !== 'session') throw new Error('expected a session');
    expect((await ctx.services.staffSessions.resolve(result.secret))?.user.id).toBe(userId);
    const [entry] = (await ctx.services.audit.list({ action: 'session.signed_in', limit: 50 }))
      .items;
    expect(entry).toMatchObject({ actor: `staff:${userId}`, ip: at.ip });
  });

  it('answers an unknown email exactly like a wrong password', async () => {
    const unknown = await errorOf(signIn('nobody@example.org', password));
    const wrong = await errorOf(signIn('editor@example.org', 'not the password'));
    expect(unknown).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS' });
    expect({ ...wrong, stack: undefined }).toEqual({ ...unknown, stack: undefined });
    expect(wrong?.message).toBe(unknown?.message);
  });

  it('locks an account after 5 failures in 15 minutes, even for the right password', async () => {
    for (let i = 0; i < 5; i++) await errorOf(signIn('editor@example.org', `wrong ${i}`));
    const locked = await errorOf(signIn('editor@example.org', password));
    expect(locked).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(locked?.details?.retryAfter).toBe(15 * 60);
    // Another address does not unlock the account.
    expect(
      await errorOf(signIn('editor@example.org', password, { ip: '198.51.100.1' })),
    ).toMatchObject({ status: 429 });
    ctx.clock.advance(15 * 60_000 + 1000);
    expect(await signIn('editor@example.org', password)).toMatchObject({ kind: 'session' });
  });

  it('locks a client address after 20 failures across accounts', async () => {
    for (let i = 0; i < 20; i++) await errorOf(signIn(`guess${i}@example.org`, 'whatever1'));
    expect(await errorOf(signIn('editor@example.org', password))).toMatchObject({ status: 429 });
    expect(await signIn('editor@example.org', password, { ip: '198.51.100.1' })).toMatchObject({
      kind: 'session',
    });
  });

  it('asks for a TOTP code when two-factor is on, and a code works once', async () => {
    const { twoFactor, signIn: service } = ctx.services.staffAuth;
    const { secret, otpauthUri } = await twoFactor.setup(userId, { issuer: 'Masthead' });
    expect(otpauthUri).toContain(`secret=${secret}`);
    const { recoveryCodes } = await twoFactor.enable(userId, totpCode(secret, ctx.clock.now()), at);
    expect(recoveryCodes).toHaveLength(10);

    ctx.clock.advance(30_000);
    const first = await signIn('editor@example.org', password);
    if (first.kind !== 'two-factor') throw new Error('expected a challenge');
    // The challenge is not a session.
    expect(await ctx.services.staffSessions.resolve(first.challengeToken)).toBeUndefined();
    expect(
      await errorOf(
        service.completeTwoFactor({ challengeToken: first.challengeToken, code: '000000' }, at),
      ),
    ).toMatchObject({ status: 401, code: 'INVALID_TWO_FACTOR_CODE' });
    const code = totpCode(secret, ctx.clock.now());
    const done = await service.completeTwoFactor(
      { challengeToken: first.challengeToken, code },
      at,
    );
    expect(done).toMatchObject({ kind: 'session', user: { id: userId } });

    // Neither the challenge nor the code can be used again.
    expect(
      await errorOf(service.completeTwoFactor({ challengeToken: first.challengeToken, code }, at)),
    ).toMatchObject({ code: 'TWO_FACTOR_EXPIRED' });
    const second = await signIn('editor@example.org', password);
    if (second.kind !== 'two-factor') throw new Error('expected a challenge');
    expect(
      await errorOf(service.completeTwoFactor({ challengeToken: second.challengeToken, code }, at)),
    ).toMatchObject({ code: 'INVALID_TWO_FACTOR_CODE' });
    // A recovery code works, once.
    const recovery = recoveryCodes[0] ?? '';
    expect(
      await service.completeTwoFactor(
        { challengeToken: second.challengeToken, code: recovery.toUpperCase() },
        at,
      ),
    ).toMatchObject({ kind: 'session' });
    const third = await signIn('editor@example.org', password);
    if (third.kind !== 'two-factor') throw new Error('expected a challenge');
    expect(
      await errorOf(
        service.completeTwoFactor({ challengeToken: third.challengeToken, code: recovery }, at),
      ),
    ).toMatchObject({ code: 'INVALID_TWO_FACTOR_CODE' });
  });

  it('lets a challenge expire after five minutes', async () => {
    const { twoFactor } = ctx.services.staffAuth;
    const { secret } = await twoFactor.setup(userId, { issuer: 'Masthead' });
    await twoFactor.enable(userId, totpCode(secret, ctx.clock.now()), at);
    ctx.clock.advance(60_000);
    const challenge = await signIn('editor@example.org', password);
    if (challenge.kind !== 'two-factor') throw new Error('expected a challenge');
    ctx.clock.advance(5 * 60_000 + 1);
    expect(
      await errorOf(
        ctx.services.staffAuth.signIn.completeTwoFactor(
          { challengeToken: challenge.challengeToken, code: totpCode(secret, ctx.clock.now()) },
          at,
        ),
      ),
    ).toMatchObject({ status: 401, code: 'TWO_FACTOR_EXPIRED' });
  });

  it('keeps a session used every two weeks alive, but never past 90 days from sign-in', async () => {
    const result = await signIn('editor@example.org', password);
    if (result.kind !== 'session') throw new Error('expected a session');
    const day = 24 * 3600 * 1000;
    // Used every 13 days: the idle limit (14 days) never bites...
    for (let used = 13; used <= 88; used += 13) {
      ctx.clock.advance(13 * day);
      expect(await ctx.services.staffSessions.resolve(result.secret), `day ${used}`).toBeDefined();
    }
    // ...but on day 90 it ends, however recently it was used.
    ctx.clock.advance(90 * day - 78 * day - 1000);
    expect(await ctx.services.staffSessions.resolve(result.secret)).toBeDefined();
    ctx.clock.advance(2000);
    expect(await ctx.services.staffSessions.resolve(result.secret)).toBeUndefined();
  });
});
