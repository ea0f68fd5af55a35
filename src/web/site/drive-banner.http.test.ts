import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { createStandardPages } from '../../features/site-pages/index.js';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import {
  inTransaction,
  appFor,
  tokenHeaders,
  type TestContext,
} from '../../../test/helpers/test-runtime.js';

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
      await inTransaction(ctx, (trx) =>
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
    // 3 of 25,000 is 0.012 %: the bar still shows a sliver (2 of 100), and says the real value.
    expect(banner).toMatch(/<progress class="visually-hidden" max="25000" value="3"/);
    expect(banner).toContain('<rect class="drive-progress-value" width="2"');
    expect(banner).toContain('Quality journalism takes work.');

    await refresh(campaign.id, { goal: 3 });
    expect(await bannerOf()).toContain('We made it!');

    await refresh(campaign.id, { endsAt: new Date(now - 1000).toISOString() });
    expect(await bannerOf()).toBeUndefined();
  });

  it('fills the goal, count and deadline into the texts, so a new goal leaves no old number', async () => {
    const now = ctx.clock.now().getTime();
    const created = await app.inject({
      method: 'POST',
      url: '/api/admin/v1/campaigns',
      headers: admin,
      payload: {
        name: 'Small drive',
        headline: 'Help us reach {goal, number} members by {deadline, date, long}',
        goal: 25_000,
        metric: 'paying_members',
        startsAt: new Date(now - 1000).toISOString(),
        endsAt: '2027-01-31T12:00:00.000Z',
        texts: {
          running:
            '{remaining, plural, one {One more member} other {# more members}} to go. {count, number} joined.',
        },
        buttons: [
          { label: 'Become a member', url: '/membership/' },
          { label: 'Gift membership', url: '/membership/gift/' },
        ],
      },
    });
    expect(created.statusCode).toBe(201);
    const { campaign } = created.json<{ campaign: { id: string } }>();
    await refresh(campaign.id, { goal: 25_000 });
    let banner = (await bannerOf()) ?? '';
    expect(banner).toContain('Help us reach 25,000 members by January 31, 2027');

    await refresh(campaign.id, { goal: 500 });
    const page = (await app.inject({ method: 'GET', url: '/' })).body;
    banner = (await bannerOf()) ?? '';
    expect(banner).toContain('Help us reach 500 members by January 31, 2027');
    expect(banner).toMatch(/\d+ more members to go\. \d+ joined\./);
    expect(page).not.toContain('25,000');

    // Without Stripe the gift button would lead nowhere: the banner leaves it out.
    expect(banner).toContain('>Become a member</a>');
    expect(banner).not.toContain('Gift membership');
    expect(banner).not.toContain('/membership/gift/');

    // A message that cannot be rendered is refused on save, naming the field.
    const bad = await app.inject({
      method: 'PATCH',
      url: `/api/admin/v1/campaigns/${campaign.id}`,
      headers: admin,
      payload: { headline: 'Help us reach {goal, number', texts: { running: 'We need {target}' } },
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json<{ errors: Array<{ field: string; message: string }> }>().errors;
    expect(fields.map((e) => e.field).sort()).toEqual(['headline', 'texts.running']);
    expect(fields.find((e) => e.field === 'texts.running')?.message).toContain('{target}');
    await ctx.services.campaigns.deleteMany([campaign.id]);
  });

  it('links only pages that exist in the footer; the standard pages exist once created', async () => {
    const footerOf = async () =>
      /<footer[\s\S]*?<\/footer>/.exec((await app.inject({ method: 'GET', url: '/' })).body)?.[0] ??
      '';
    // The site context is reused for a few seconds: give it time to see the change.
    ctx.clock.advance(60_000);
    let footer = await footerOf();
    expect(footer).not.toContain('href="/about/"');
    expect(footer).not.toContain('href="/privacy/"');
    expect(footer).not.toContain('href="/newsletters/"');
    expect(footer).toContain('href="/membership/"');

    expect(await createStandardPages(ctx.services, { now: ctx.clock.now() })).toEqual([
      'about',
      'contact',
      'privacy',
    ]);
    // Idempotent: a second run creates nothing.
    expect(await createStandardPages(ctx.services, { now: ctx.clock.now() })).toEqual([]);
    ctx.clock.advance(60_000);
    footer = await footerOf();
    for (const slug of ['about', 'contact', 'privacy']) {
      expect(footer).toContain(`href="/${slug}/"`);
      const page = await app.inject({ method: 'GET', url: `/${slug}/` });
      expect(page.statusCode).toBe(200);
    }
    const privacy = (await app.inject({ method: 'GET', url: '/privacy/' })).body;
    expect(privacy).toContain('What we store about you');
  });

  it('shows readers no staff wording and no paid dead ends without Stripe; Join free keeps the drive', async () => {
    const membership = (await app.inject({ method: 'GET', url: '/membership/?campaign=drive-123' }))
      .body;
    expect(membership).not.toContain('not set up');
    expect(membership).toContain('href="/signin/?campaign=drive-123"');
    expect(membership).not.toContain('/membership/gift/');
  });
});
