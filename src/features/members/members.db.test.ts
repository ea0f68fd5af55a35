import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { servicesFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import { audienceOf, canRead } from './member.js';

describeEachDatabase('members', (getDb) => {
  let ctx: TestContext;
  beforeEach(async () => {
    await getDb().truncate();
    ctx = servicesFor(getDb());
  });

  it('joins a reader once per email, however often and however concurrently asked', async () => {
    const results = await Promise.all(
      ['Reader@Example.org', 'reader@example.org ', 'READER@example.org'].map((email) =>
        ctx.services.members.findOrCreate({ email, name: 'A Reader' }),
      ),
    );
    expect(new Set(results.map((r) => r.member.id)).size).toBe(1);
    expect(results.filter((r) => r.isNew)).toHaveLength(1);
    const member = results[0]!.member;
    expect(member).toMatchObject({
      email: 'reader@example.org',
      status: 'free',
      subscribedToEmails: true,
    });
    expect((await ctx.services.members.history(member.id)).map((e) => e.type)).toEqual(['joined']);
    expect(
      (await ctx.services.events.recent()).filter((e) => e.type === 'member.created'),
    ).toHaveLength(1);
  });

  it('refuses a bad email naming the field', async () => {
    await expect(
      ctx.services.members.findOrCreate({ email: 'not an email' }),
    ).rejects.toMatchObject({ status: 400, problems: [{ field: 'email' }] });
  });

  it('exports everything kept about a member and deletes it all', async () => {
    const { member } = await ctx.services.members.findOrCreate({ email: 'gone@example.org' });
    const exported = await ctx.services.membershipPayments.exportAccount(member.id);
    expect(exported.member.email).toBe('gone@example.org');
    expect(exported.history.map((e) => e.type)).toEqual(['joined']);
    expect(exported.subscriptions).toEqual([]);
    await ctx.services.members.delete(member.id);
    expect(await ctx.services.members.byId(member.id)).toBeUndefined();
    expect(await ctx.services.members.history(member.id)).toEqual([]);
  });

  it('reads event data that is not a JSON object as empty, keeping the rest of the history', async () => {
    const { member } = await ctx.services.members.findOrCreate({ email: 'old@example.org' });
    const at = ctx.clock.now().toISOString();
    await ctx.db
      .insertInto('member_events')
      .values(
        ['not json', '[1, 2]', '{"seconds":30}'].map((data, i) => ({
          id: `0000000${i}-old-event`,
          member_id: member.id,
          type: 'updated',
          data,
          campaign_id: null,
          amount: null,
          currency: null,
          created_at: at,
        })),
      )
      .execute();
    const history = await ctx.services.members.history(member.id);
    expect(history.filter((e) => e.type === 'updated').map((e) => e.data)).toEqual([
      { seconds: 30 },
      {},
      {},
    ]);
  });

  it('derives the audience and what it may read', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const base = {
      id: 'm',
      email: 'a@b.c',
      name: '',
      tierId: null,
      note: '',
      subscribedToEmails: true,
      stripeCustomerId: null,
      campaignId: null,
      labels: [],
      createdAt: '',
      updatedAt: '',
    };
    expect(audienceOf(undefined, now)).toBe('anonymous');
    expect(audienceOf({ ...base, status: 'free', accessUntil: null }, now)).toBe('member');
    expect(audienceOf({ ...base, status: 'paid', accessUntil: '2026-07-01T00:00:00Z' }, now)).toBe(
      'paid',
    );
    expect(audienceOf({ ...base, status: 'gift', accessUntil: '2026-05-01T00:00:00Z' }, now)).toBe(
      'member',
    );
    expect(canRead('anonymous', 'members')).toBe(false);
    expect(canRead('member', 'members')).toBe(true);
    expect(canRead('member', 'paid')).toBe(false);
    expect(canRead('paid', 'paid')).toBe(true);
  });
});
