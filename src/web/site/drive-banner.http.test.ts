import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { appFor, tokenHeaders, type TestContext } from '../../../test/helpers/test-runtime.js';

describeEachDatabase('the membership-drive banner', (getDb) => {
  let app: FastifyInstance;
  let ctx: TestContext;
  let admin: Record<string, string>;
  beforeAll(async () => {
    await getDb().truncate();
    const built = await appFor(getDb());
    app = built.app;
    ctx = built;
    admin = await tokenHeaders(ctx.services, 'administrator');
  });

  const addPayingMembers = async (count: number, from: number) => {
    for (let i = from; i < from + count; i += 1) {
      const { member } = await ctx.services.members.findOrCreate({ email: `p${i}@example.org` });
      await ctx.services.members.inTransaction((trx) =>
        ctx.services.members.setAccess(trx, member.id, {
          status: 'paid',
          tierId: null,
          accessUntil: null,
        }),
      );
    }
  };
  /** The count is reused for a minute and pages are cached: drop both (an admin edit does). */
  const refresh = async (campaignId: string, body: Record<string, unknown> = { goal: 25_000 }) => {
    ctx.services.campaigns.clearProgress();
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/admin/v1/campaigns/${campaignId}`,
      headers: admin,
      payload: body,
    });
    expect(patched.statusCode).toBe(200);
  };
  const bannerOf = async () => {
    const html = (await app.inject({ method: 'GET', url: '/' })).body;
    return /<aside class="drive-banner"[\s\S]*?<\/aside>/.exec(html)?.[0];
  };

  it('renders the live count on the server, then the reached text, and hides an ended drive', async () => {
    const now = ctx.clock.now().getTime();
    const created = await app.inject({
      method: 'POST',
      url: '/api/admin/v1/campaigns',
      headers: admin,
      payload: {
        name: 'Drive',
        headline: 'Help us reach 25,000 members by the end of 2026.',
        goal: 25_000,
        metric: 'paying_members',
        startsAt: new Date(now - 86_400_000).toISOString(),
        endsAt: new Date(now + 30 * 86_400_000).toISOString(),
        texts: { running: 'Quality journalism takes work.', reached: 'We made it!' },
      },
    });
    const { campaign } = created.json<{ campaign: { id: string } }>();
    expect(await bannerOf()).toContain('0 out of 25,000');

    await addPayingMembers(3, 0);
    await refresh(campaign.id);
    const banner = await bannerOf();
    expect(banner).toContain('3 out of 25,000');
    expect(banner).toContain('<progress class="drive-progress" max="25000" value="3">');
    expect(banner).toContain('Quality journalism takes work.');

    await refresh(campaign.id, { goal: 3 });
    expect(await bannerOf()).toContain('We made it!');

    await refresh(campaign.id, { endsAt: new Date(now - 1000).toISOString() });
    expect(await bannerOf()).toBeUndefined();
  });
});
