import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { servicesFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import type { RecordableEvent } from './suppressions.service.js';

describeEachDatabase('email suppressions', (getDb) => {
  let ctx: TestContext;
  beforeEach(async () => {
    await getDb().truncate();
    ctx = servicesFor(getDb());
  });

  /** Newsletters and subscriptions written as fixtures (their own service is another slice's). */
  async function newsletter(slug: string): Promise<string> {
    const at = ctx.clock.now().toISOString();
    await ctx.db
      .insertInto('newsletters')
      .values({
        id: `nl-${slug}`,
        name: slug,
        slug,
        description: '',
        cadence: '',
        digest_time: null,
        sender_name: null,
        reply_to: null,
        audience: 'all',
        subscribe_on_signup: 0,
        status: 'active',
        sort_order: 0,
        design: '{}',
        created_at: at,
        updated_at: at,
      })
      .execute();
    return `nl-${slug}`;
  }
  async function subscribe(memberId: string, newsletterId: string, status = 'subscribed') {
    await ctx.db
      .insertInto('newsletter_subscriptions')
      .values({
        member_id: memberId,
        newsletter_id: newsletterId,
        status,
        source: 'signup',
        changed_at: '2026-01-01T00:00:00.000Z',
      })
      .execute();
  }
  const subscriptionsOf = (memberId: string) =>
    ctx.db
      .selectFrom('newsletter_subscriptions')
      .select(['newsletter_id', 'status', 'source', 'changed_at'])
      .where('member_id', '=', memberId)
      .orderBy('newsletter_id')
      .execute();

  const bounce = (address: string, extra: Partial<RecordableEvent> = {}): RecordableEvent => ({
    provider: 'ses',
    kind: 'hard_bounce',
    address,
    detail: 'Permanent/General: 550 5.1.1 user unknown',
    occurredAt: '2026-01-15T08:59:00.000Z',
    ...extra,
  });

  it('suppresses a bounced address and unsubscribes its member from every list, once', async () => {
    const daily = await newsletter('daily');
    const breaking = await newsletter('breaking');
    const weekly = await newsletter('weekly');
    const { member } = await ctx.services.members.findOrCreate({ email: 'gone@example.org' });
    await subscribe(member.id, daily);
    await subscribe(member.id, breaking);
    await subscribe(member.id, weekly, 'unsubscribed');
    const { member: other } = await ctx.services.members.findOrCreate({ email: 'ok@example.org' });
    await subscribe(other.id, daily);

    ctx.clock.advance(60_000);
    const result = await ctx.services.suppressions.record([
      bounce('Gone@Example.org'),
      bounce('nobody@example.org', { kind: 'complaint', provider: 'mailgun', detail: 'Complaint' }),
    ]);
    expect(result).toEqual({
      suppressed: ['gone@example.org', 'nobody@example.org'],
      alreadySuppressed: [],
      unsubscribed: 2,
    });
    const at = ctx.clock.now().toISOString();
    expect(await subscriptionsOf(member.id)).toEqual([
      { newsletter_id: breaking, status: 'unsubscribed', source: 'bounce', changed_at: at },
      { newsletter_id: daily, status: 'unsubscribed', source: 'bounce', changed_at: at },
      {
        newsletter_id: weekly,
        status: 'unsubscribed',
        source: 'signup',
        changed_at: '2026-01-01T00:00:00.000Z',
      },
    ]);
    expect((await subscriptionsOf(other.id))[0]?.status).toBe('subscribed');
    expect(await ctx.services.suppressions.why('GONE@example.org ')).toEqual({
      address: 'gone@example.org',
      reason: 'hard_bounce',
      source: 'ses',
      detail: 'Permanent/General: 550 5.1.1 user unknown',
      createdAt: at,
    });
    expect(await ctx.services.suppressions.why('nobody@example.org')).toMatchObject({
      reason: 'complaint',
      source: 'mailgun',
    });
    expect(await ctx.services.suppressions.isSuppressed('gone@example.org')).toBe(true);
    expect(await ctx.services.suppressions.isSuppressed('ok@example.org')).toBe(false);
    const history = await ctx.services.members.history(member.id);
    expect(history.filter((e) => e.type === 'email_bounced')).toEqual([
      expect.objectContaining({
        data: {
          address: 'gone@example.org',
          provider: 'ses',
          detail: 'Permanent/General: 550 5.1.1 user unknown',
          occurredAt: '2026-01-15T08:59:00.000Z',
          unsubscribedFrom: [breaking, daily],
        },
      }),
    ]);

    // The provider delivers again, and then reports a complaint too: the first reason stands,
    // nothing is unsubscribed twice, the history does not grow.
    ctx.clock.advance(60_000);
    expect(
      await ctx.services.suppressions.record([
        bounce('gone@example.org'),
        bounce('gone@example.org', { kind: 'complaint' }),
      ]),
    ).toEqual({ suppressed: [], alreadySuppressed: ['gone@example.org'], unsubscribed: 0 });
    expect(await ctx.services.suppressions.why('gone@example.org')).toMatchObject({
      reason: 'hard_bounce',
      createdAt: at,
    });
    expect((await subscriptionsOf(member.id))[0]?.changed_at).toBe(at);
    expect(
      (await ctx.services.members.history(member.id)).filter((e) => e.type.startsWith('email_')),
    ).toHaveLength(1);
  });

  it('records concurrent deliveries of the same bounce once', async () => {
    const daily = await newsletter('daily');
    const { member } = await ctx.services.members.findOrCreate({ email: 'twice@example.org' });
    await subscribe(member.id, daily);
    const results = await Promise.all(
      [1, 2, 3].map(() => ctx.services.suppressions.record([bounce('twice@example.org')])),
    );
    expect(results.flatMap((r) => r.suppressed)).toEqual(['twice@example.org']);
    expect(results.reduce((n, r) => n + r.unsubscribed, 0)).toBe(1);
    expect(
      (await ctx.services.members.history(member.id)).filter((e) => e.type === 'email_bounced'),
    ).toHaveLength(1);
  });

  it('lists newest first by cursor, and an editor lifts a suppression (audited)', async () => {
    for (const [i, address] of ['a@example.org', 'b@example.org', 'c@example.org'].entries()) {
      ctx.clock.advance(1000);
      await ctx.services.suppressions.record([bounce(address, { detail: `bounce ${i}` })]);
    }
    await ctx.services.suppressions.record([bounce('d@example.org')]); // the same instant as c: the address breaks the tie
    const first = await ctx.services.suppressions.list({ limit: 2 });
    expect(first.items.map((s) => s.address)).toEqual(['c@example.org', 'd@example.org']);
    expect(first.next).not.toBeNull();
    const second = await ctx.services.suppressions.list({ limit: 2, cursor: first.next! });
    expect(second.items.map((s) => s.address)).toEqual(['b@example.org', 'a@example.org']);
    expect(second.next).toBeNull();
    await expect(ctx.services.suppressions.list({ cursor: 'not-a-cursor' })).rejects.toMatchObject({
      status: 400,
    });

    // A search keeps the addresses containing the text, without case, with the same paging;
    // LIKE's wildcards are plain text in it.
    await ctx.services.suppressions.record([bounce('desk@river-port.example')]);
    const byDomain = await ctx.services.suppressions.list({ q: '@EXAMPLE.org', limit: 2 });
    expect(byDomain.items.map((s) => s.address)).toEqual(['c@example.org', 'd@example.org']);
    const rest = await ctx.services.suppressions.list({
      q: '@example.org',
      cursor: byDomain.next!,
    });
    expect(rest.items.map((s) => s.address)).toEqual(['b@example.org', 'a@example.org']);
    expect((await ctx.services.suppressions.list({ q: 'river' })).items).toHaveLength(1);
    expect((await ctx.services.suppressions.list({ q: '%' })).items).toEqual([]);
    expect((await ctx.services.suppressions.list({ q: '_@' })).items).toEqual([]);

    const lifted = await ctx.services.suppressions.remove('B@example.org', {
      actor: 'staff:editor-1',
    });
    expect(lifted).toMatchObject({ address: 'b@example.org', reason: 'hard_bounce' });
    expect(await ctx.services.suppressions.isSuppressed('b@example.org')).toBe(false);
    await expect(
      ctx.services.suppressions.remove('b@example.org', { actor: 'staff:editor-1' }),
    ).rejects.toMatchObject({ status: 404 });
    const audit = await ctx.services.audit.list({ limit: 10 });
    expect(audit.items).toEqual([
      expect.objectContaining({
        action: 'suppression.removed',
        actor: 'staff:editor-1',
        details: { address: 'b@example.org', reason: 'hard_bounce', source: 'ses' },
      }),
    ]);
    expect(
      await ctx.services.suppressions.suppressedAmong(['A@example.org', 'b@example.org']),
    ).toEqual(['a@example.org']);
  });

  it('suppresses by hand, keeping an earlier reason', async () => {
    await ctx.services.suppressions.record([bounce('old@example.org')]);
    expect(
      await ctx.services.suppressions.suppress('old@example.org', { actor: 'staff:e' }),
    ).toEqual({ isNew: false });
    expect(
      await ctx.services.suppressions.suppress('New@Example.org', {
        actor: 'staff:e',
        detail: 'asked by phone',
      }),
    ).toEqual({ isNew: true });
    expect(await ctx.services.suppressions.why('new@example.org')).toMatchObject({
      reason: 'manual',
      source: 'admin',
      detail: 'asked by phone',
    });
    await expect(
      ctx.services.suppressions.suppress('not an address', { actor: 'staff:e' }),
    ).rejects.toMatchObject({ status: 400 });
  });

  it('imports a CSV in one transaction: every bad row reported by line, nothing half-written', async () => {
    await ctx.services.suppressions.record([bounce('known@example.org')]);
    const bad = [
      'email,reason,detail',
      'one@example.org,hard_bounce,from our old provider',
      'not-an-address,,',
      'two@example.org,sometimes,',
      '"three@example.org",complaint,',
      ',manual,',
    ].join('\n');
    expect(await ctx.services.suppressions.importCsv(bad, { actor: 'staff:e' })).toEqual({
      imported: 0,
      alreadySuppressed: 0,
      duplicates: 0,
      problems: [
        { line: 3, field: 'email', message: '"not-an-address" is not an email address' },
        {
          line: 4,
          field: 'reason',
          message: '"sometimes" is not a reason (hard_bounce, complaint, manual, import)',
        },
        { line: 6, field: 'email', message: 'no address' },
      ],
    });
    expect(await ctx.services.suppressions.isSuppressed('one@example.org')).toBe(false);

    const good = [
      'Email,Reason,Detail',
      'One@Example.org,hard bounce,from our old provider',
      'known@example.org,complaint,',
      'three@example.org,spam,',
      'four@example.org,,',
      'one@example.org,manual,',
    ].join('\r\n');
    expect(await ctx.services.suppressions.importCsv(good, { actor: 'staff:e' })).toEqual({
      imported: 3,
      alreadySuppressed: 1,
      duplicates: 1,
      problems: [],
    });
    expect(await ctx.services.suppressions.why('one@example.org')).toMatchObject({
      reason: 'hard_bounce',
      source: 'import',
      detail: 'from our old provider',
    });
    expect(await ctx.services.suppressions.why('known@example.org')).toMatchObject({
      reason: 'hard_bounce',
      source: 'ses',
    });
    expect(await ctx.services.suppressions.why('three@example.org')).toMatchObject({
      reason: 'complaint',
    });
    expect(await ctx.services.suppressions.why('four@example.org')).toMatchObject({
      reason: 'import',
      detail: null,
    });

    // A plain list of addresses, no header.
    expect(
      await ctx.services.suppressions.importCsv('five@example.org\nsix@example.org\n', {
        actor: 'cli',
      }),
    ).toMatchObject({ imported: 2, problems: [] });
    expect(
      (await ctx.services.suppressions.importCsv('name,city\nx,y', { actor: 'cli' })).problems,
    ).toEqual([{ line: 1, field: 'file', message: expect.stringContaining('name the columns') }]);
    expect(
      (await ctx.services.suppressions.importCsv('email\n"unterminated', { actor: 'cli' }))
        .problems,
    ).toEqual([{ line: 2, field: 'file', message: 'a quoted field is never closed' }]);
  });

  it('imports a large list in batches, all or nothing', async () => {
    const addresses = Array.from({ length: 1203 }, (_, i) => `reader${i}@example.org`);
    const report = await ctx.services.suppressions.importCsv(['email', ...addresses].join('\n'), {
      actor: 'cli',
    });
    expect(report).toMatchObject({ imported: 1203, problems: [] });
    expect(await ctx.services.suppressions.suppressedAmong(addresses.slice(1190))).toHaveLength(13);
  });
});
