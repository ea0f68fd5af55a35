import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import {
  inTransaction,
  servicesFor,
  type TestContext,
} from '../../../test/helpers/test-runtime.js';
import { parseInput } from '../../platform/validation.js';
import { projectGoalDate } from './campaign-projection.js';
import { campaignInputSchema } from './index.js';

describeEachDatabase('campaign progress and stats', (getDb) => {
  let ctx: TestContext;
  beforeEach(async () => {
    await getDb().truncate();
    ctx = servicesFor(getDb());
    ctx.clock.set('2026-03-01T12:00:00Z');
  });

  const drive = (metric: 'paying_members' | 'new_paying_members' | 'all_members', goal = 10) =>
    ctx.services.campaigns.create(
      parseInput(campaignInputSchema, {
        name: 'Spring drive',
        headline: 'Help us reach 10 members',
        goal,
        metric,
        startsAt: '2026-03-01T00:00:00Z',
        endsAt: '2026-04-01T00:00:00Z',
      }),
    );

  /** A member who pays from now (a `paid` event, attributed to the drive when given). */
  const payer = async (email: string, campaignId: string | null = null) => {
    const { member } = await ctx.services.members.findOrCreate({ email, campaignId });
    await inTransaction(ctx, async (trx) => {
      await ctx.services.members.setAccess(trx, member.id, {
        status: 'paid',
        tierId: null,
        accessUntil: null,
      });
      await ctx.services.members.recordEvent(trx, {
        memberId: member.id,
        type: 'paid',
        campaignId,
        amount: 800,
        currency: 'eur',
      });
    });
    return member;
  };

  it('reads a drive an older version stored: missing texts and unreadable columns get defaults', async () => {
    const stored = await drive('all_members');
    await ctx.db
      .updateTable('campaigns')
      .set({ texts: '{"running":"Join us"}', buttons: 'not json', placements: '["nowhere"]' })
      .where('id', '=', stored.id)
      .execute();
    expect(await ctx.services.campaigns.byId(stored.id)).toMatchObject({
      texts: { running: 'Join us', reached: '', ended: '' },
      buttons: [],
      placements: ['banner'],
    });
  });

  it('counts each metric, reusing a count for a minute', async () => {
    const paying = await drive('paying_members');
    const fresh = await drive('new_paying_members');
    const all = await drive('all_members');
    await ctx.services.members.findOrCreate({ email: 'free@example.org' });
    ctx.clock.set('2026-02-01T12:00:00Z');
    await payer('before@example.org');
    ctx.clock.set('2026-03-02T12:00:00Z');
    await payer('during@example.org');
    expect(await ctx.services.campaigns.progress(paying)).toEqual({
      value: 2,
      goal: 10,
      percent: 20,
    });
    expect((await ctx.services.campaigns.progress(fresh)).value).toBe(1);
    expect((await ctx.services.campaigns.progress(all)).value).toBe(3);
    await payer('later@example.org');
    expect((await ctx.services.campaigns.progress(paying)).value).toBe(2);
    ctx.clock.advance(61_000);
    expect((await ctx.services.campaigns.progress(paying)).value).toBe(3);
  });

  it('reports a daily series, conversions and the projected day the goal is reached', async () => {
    const c = await drive('paying_members', 10);
    // Day 1: one; days 2–5: one a day, attributed to the drive → 5 by 2026-03-05.
    await payer('p0@example.org');
    for (let d = 2; d <= 5; d += 1) {
      ctx.clock.set(`2026-03-0${d}T12:00:00Z`);
      await payer(`p${d}@example.org`, c.id);
    }
    const stats = await ctx.services.campaigns.stats(c.id, 'UTC');
    expect(stats).toMatchObject({ value: 5, goal: 10, percent: 50, state: 'running' });
    expect(stats.days).toEqual([
      { date: '2026-03-01', value: 1 },
      { date: '2026-03-02', value: 2 },
      { date: '2026-03-03', value: 3 },
      { date: '2026-03-04', value: 4 },
      { date: '2026-03-05', value: 5 },
    ]);
    expect(stats.conversions).toEqual({
      joined: 4,
      payments: 4,
      amounts: [{ currency: 'eur', amount: 3200 }],
    });
    // One a day over the last 4 days: 5 more days.
    expect(stats.projectedGoalDate).toBe('2026-03-10');

    const edited = await ctx.services.campaigns.update(c.id, {
      goal: 5,
      texts: { reached: 'Done!' },
    });
    expect(edited).toMatchObject({ goal: 5, texts: { reached: 'Done!', running: '' } });
    expect((await ctx.services.campaigns.stats(c.id, 'UTC')).state).toBe('reached');
    await expect(
      ctx.services.campaigns.update(c.id, { endsAt: '2026-02-01T00:00:00Z' }),
    ).rejects.toMatchObject({ status: 400, problems: [{ field: 'endsAt' }] });
  });

  it('draws the daily series on the newsroom’s days: a payment at 00:30 in Kyiv counts for that Kyiv day', async () => {
    const c = await drive('paying_members', 10);
    await payer('noon@example.org'); // 14:00 on 1 March in Kyiv
    ctx.clock.set('2026-03-01T22:30:00Z'); // 00:30 on 2 March in Kyiv
    await payer('night@example.org');
    ctx.clock.set('2026-03-02T21:45:00Z'); // 23:45 on 2 March in Kyiv
    await payer('late@example.org');
    ctx.clock.set('2026-03-02T22:30:00Z'); // 00:30 on 3 March in Kyiv: its today
    const kyiv = await ctx.services.campaigns.stats(c.id, 'Europe/Kyiv');
    expect(kyiv.days).toEqual([
      { date: '2026-03-01', value: 1 },
      { date: '2026-03-02', value: 3 },
      { date: '2026-03-03', value: 3 },
    ]);
    const utc = await ctx.services.campaigns.stats(c.id, 'UTC');
    expect(utc.days).toEqual([
      { date: '2026-03-01', value: 2 },
      { date: '2026-03-02', value: 3 },
    ]);
  });

  it('projects nothing without progress', () => {
    expect(projectGoalDate([{ date: '2026-03-01', value: 3 }], 10)).toBeNull();
    expect(
      projectGoalDate(
        [
          { date: '2026-03-01', value: 3 },
          { date: '2026-03-02', value: 3 },
        ],
        10,
      ),
    ).toBeNull();
    expect(
      projectGoalDate(
        [
          { date: '2026-03-01', value: 9 },
          { date: '2026-03-02', value: 12 },
        ],
        10,
      ),
    ).toBe('2026-03-02');
  });
});
