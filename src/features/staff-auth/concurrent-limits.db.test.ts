import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { servicesFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import { isDatabaseUnavailable } from '../../platform/db/index.js';
import type { AppError } from '../../platform/errors.js';
import { createMemoryMailer, type MemoryMailer } from '../../platform/mail/index.js';
import { passwordVerifications } from '../../platform/security/index.js';
import { staffActor } from '../staff/index.js';
import { authLimits } from './auth-limits.js';
import { totpCode } from './totp.js';

const password = 'correct horse battery';
const at = { ip: '203.0.113.7' };
const publicUrl = 'http://localhost:3000';

/**
 * Each outcome's code (or 'ok'), counted. A database too busy to lend a connection in time (a
 * loaded machine) is what the API answers 503 UNAVAILABLE: a refusal, counted as such.
 */
async function outcomes(work: Array<Promise<unknown>>): Promise<Record<string, number>> {
  const settled = await Promise.allSettled(work);
  const counts: Record<string, number> = {};
  for (const s of settled) {
    const key =
      s.status === 'fulfilled'
        ? 'ok'
        : isDatabaseUnavailable(s.reason)
          ? 'UNAVAILABLE'
          : ((s.reason as AppError).code ?? 'thrown');
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

describeEachDatabase('attempt limits under concurrent bursts', (getDb) => {
  let ctx: TestContext;
  let mailer: MemoryMailer;
  let userId: string;
  beforeEach(async () => {
    await getDb().truncate();
    mailer = createMemoryMailer();
    ctx = servicesFor(getDb(), undefined, { mailer });
    const created = await ctx.services.staff.create({
      email: 'editor@example.org',
      name: 'Olena Editor',
      role: 'administrator',
      password,
    });
    userId = created.user.id;
  });
  const signIn = (pw: string, meta = at) =>
    ctx.services.staffAuth.signIn.signIn({ email: 'editor@example.org', password: pw }, meta);

  it('checks at most 5 of 200 concurrent wrong passwords, and the account ends locked', async () => {
    const result = await outcomes(
      Array.from({ length: 200 }, (_, i) =>
        signIn(`wrong guess ${i}`, { ip: `198.51.100.${i % 250}` }),
      ),
    );
    expect(result).toEqual({ INVALID_CREDENTIALS: 5, RATE_LIMITED: 195 });
    const failures = await ctx.services.audit.list({ action: 'session.sign_in_failed', limit: 50 });
    expect(failures.items).toHaveLength(5);
    // The right password is refused until the lock ends.
    await expect(signIn(password)).rejects.toMatchObject({ status: 429 });
    ctx.clock.advance(authLimits['staff-sign-in-account'].windowMs);
    expect(await signIn(password)).toMatchObject({ kind: 'session' });
  });

  it('checks at most 5 of 1,000 concurrent 2FA codes on one challenge, which then dies', async () => {
    const { twoFactor, signIn: service } = ctx.services.staffAuth;
    const { secret } = await twoFactor.setup(userId, { issuer: 'Masthead' });
    await twoFactor.enable(userId, totpCode(secret, ctx.clock.now()), at);
    ctx.clock.advance(30_000);
    const challenge = await signIn(password);
    if (challenge.kind !== 'two-factor') throw new Error('expected a challenge');
    const right = totpCode(secret, ctx.clock.now());
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    const result = await outcomes(
      Array.from({ length: 1000 }, (_, i) =>
        service.completeTwoFactor(
          { challengeToken: challenge.challengeToken, code: wrong },
          { ip: `198.51.100.${i % 250}` },
        ),
      ),
    );
    expect(result.INVALID_TWO_FACTOR_CODE, JSON.stringify(result)).toBe(5);
    // Every other code was refused before any check: by the dead challenge or the limit (or, on a
    // loaded machine, a database too busy to answer in time: 503, nothing checked either).
    const { TWO_FACTOR_EXPIRED = 0, RATE_LIMITED = 0, UNAVAILABLE = 0, ...rest } = result;
    expect(rest, JSON.stringify(result)).toEqual({ INVALID_TWO_FACTOR_CODE: 5 });
    expect(TWO_FACTOR_EXPIRED + RATE_LIMITED + UNAVAILABLE).toBe(995);
    expect(TWO_FACTOR_EXPIRED + RATE_LIMITED).toBeGreaterThan(0);
    // The challenge is gone: even the right code cannot finish it.
    await expect(
      service.completeTwoFactor({ challengeToken: challenge.challengeToken, code: right }, at),
    ).rejects.toMatchObject({ code: 'TWO_FACTOR_EXPIRED' });
  });

  it('sends at most 3 reset emails and accepts at most 10 requests from one address', async () => {
    const result = await outcomes(
      Array.from({ length: 50 }, () =>
        ctx.services.staffAuth.passwordResets.request(
          { email: 'editor@example.org' },
          { ...at, publicUrl },
        ),
      ),
    );
    expect(result).toEqual({ ok: 10, RATE_LIMITED: 40 });
    expect(mailer.sent.filter((m) => m.to === 'editor@example.org')).toHaveLength(3);
  });

  it('sends at most 20 invitations an hour from one account', async () => {
    const actor = staffActor({ id: userId, role: 'administrator' }, null);
    const result = await outcomes(
      Array.from({ length: 60 }, (_, i) =>
        ctx.services.staffAuth.invitations.create(
          actor,
          { email: `new${i}@example.org`, role: 'author' },
          { ...at, publicUrl },
        ),
      ),
    );
    expect(result).toEqual({ ok: 20, RATE_LIMITED: 40 });
    expect(mailer.sent).toHaveLength(20);
  });

  it('spends an argon2 check on unknown and suspended accounts too (no timing oracle)', async () => {
    await ctx.services.staff.create({
      email: 'gone@example.org',
      name: 'Suspended Person',
      role: 'author',
      password,
    });
    const gone = await ctx.services.staff.byEmail('gone@example.org');
    const admin = staffActor({ id: userId, role: 'administrator' }, null);
    await ctx.services.staffAuth.accounts.update(admin, gone!.id, { status: 'suspended' }, at);
    // Counted, not timed: each answer must have cost exactly one argon2 verification.
    const checksFor = async (email: string, tried: string) => {
      const before = passwordVerifications();
      await ctx.services.staff.verifyCredentials(email, tried);
      return passwordVerifications() - before;
    };
    expect(await checksFor('editor@example.org', 'not the password')).toBe(1);
    // A suspended account with the right password, and an unknown address, cost the same as a
    // wrong password: no answer comes back faster for an account that cannot sign in.
    expect(await checksFor('gone@example.org', password)).toBe(1);
    expect(await checksFor('nobody@example.org', password)).toBe(1);
    expect(
      await ctx.services.staff.verifyCredentials('gone@example.org', password),
    ).toBeUndefined();
  });
});
