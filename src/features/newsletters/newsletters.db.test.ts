import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { servicesFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import { createMemoryMailer, type MemoryMailer } from '../../platform/mail/index.js';

const publicUrl = 'http://localhost:3000';
const tokenIn = (text: string | undefined) => /token=([A-Za-z0-9_%-]+)/.exec(text ?? '')?.[1] ?? '';

describeEachDatabase('newsletters: lists and subscriptions', (getDb) => {
  let ctx: TestContext;
  let mailer: MemoryMailer;
  beforeEach(async () => {
    await getDb().truncate();
    mailer = createMemoryMailer();
    ctx = servicesFor(getDb(), undefined, { mailer });
  });
  const newsletters = () => ctx.services.newsletters;
  const threeLists = async () => ({
    daily: await newsletters().create({
      name: 'The Daily Briefing',
      digestTime: '07:00',
      subscribeOnSignup: true,
      sortOrder: 1,
    }),
    investigations: await newsletters().create({ name: 'Investigations', sortOrder: 2 }),
    insiders: await newsletters().create({ name: 'Insiders', audience: 'paid', sortOrder: 3 }),
  });

  it('creates lists with unique slugs and refuses a taken one, naming the field', async () => {
    const { daily } = await threeLists();
    expect(daily).toMatchObject({
      slug: 'the-daily-briefing',
      digestTime: '07:00',
      audience: 'all',
      subscribeOnSignup: true,
      status: 'active',
    });
    await expect(
      newsletters().create({ name: 'Another', slug: 'the-daily-briefing' }),
    ).rejects.toMatchObject({ status: 400, problems: [{ field: 'slug' }] });
    const second = await newsletters().create({ name: 'The Daily Briefing' });
    expect(second.slug).toBe('the-daily-briefing-2');
    const archived = await newsletters().update(second.id, { status: 'archived' });
    expect(archived.status).toBe('archived');
    expect((await newsletters().list()).map((l) => l.name)).toEqual([
      'The Daily Briefing',
      'Investigations',
      'Insiders',
    ]);
    expect(await newsletters().list({ includeArchived: true })).toHaveLength(4);
  });

  it('keeps each change with its source and in the member history, writing only changes', async () => {
    const { daily, investigations, insiders } = await threeLists();
    const { member } = await ctx.services.members.findOrCreate({ email: 'reader@example.org' });
    const first = await newsletters().subscribe({
      memberId: member.id,
      newsletterIds: [daily.id, investigations.id, insiders.id],
      source: 'newsletters-page',
    });
    // A free member cannot join a paid members' list.
    expect(first.sort()).toEqual([daily.id, investigations.id].sort());
    // Subscribing again changes nothing and records nothing.
    expect(
      await newsletters().subscribe({
        memberId: member.id,
        newsletterIds: [daily.id],
        source: 'account',
      }),
    ).toEqual([]);
    ctx.clock.advance(60_000);
    const changed = await newsletters().setSelection({
      memberId: member.id,
      newsletterIds: [investigations.id],
      source: 'account',
    });
    expect(changed).toEqual({ subscribed: [], unsubscribed: [daily.id] });
    const subscriptions = await newsletters().subscriptionsOf(member.id);
    expect(subscriptions.find((s) => s.newsletterId === daily.id)).toMatchObject({
      status: 'unsubscribed',
      source: 'account',
      changedAt: ctx.clock.now().toISOString(),
    });
    expect(subscriptions.find((s) => s.newsletterId === investigations.id)).toMatchObject({
      status: 'subscribed',
      source: 'newsletters-page',
    });
    const history = await ctx.services.members.history(member.id);
    const consent = history
      .filter((e) => e.type.startsWith('newsletter_'))
      .map((e) => [e.type, e.data.newsletter, e.data.source]);
    expect(consent).toEqual(
      expect.arrayContaining([
        ['newsletter_subscribed', 'The Daily Briefing', 'newsletters-page'],
        ['newsletter_subscribed', 'Investigations', 'newsletters-page'],
        ['newsletter_unsubscribed', 'The Daily Briefing', 'account'],
      ]),
    );
    expect(consent).toHaveLength(3);
    // The consent record is in the member's data export.
    const exported = await ctx.services.members.exportData(member.id);
    expect(exported.history.some((e) => e.type === 'newsletter_unsubscribed')).toBe(true);

    const view = await newsletters().forMember(member.id);
    expect(view.map((v) => [v.newsletter.name, v.isSubscribed, v.mayJoin])).toEqual([
      ['The Daily Briefing', false, true],
      ['Investigations', true, true],
      ['Insiders', false, false],
    ]);
    expect((await newsletters().subscriberCounts()).get(investigations.id)).toBe(1);
  });

  it('confirms a sign-up through the emailed link (double opt-in), making a free member', async () => {
    const { daily, investigations } = await threeLists();
    await ctx.services.memberAuth.requestLink({
      email: 'New@Example.org',
      ip: '10.0.0.9',
      publicUrl,
      newsletters: { ids: [investigations.id], source: 'newsletters-page' },
    });
    const mail = mailer.lastTo('new@example.org');
    expect(mail?.subject).toBe('Confirm your subscription to Investigations');
    // Nothing is subscribed, and no member exists, until the link is used.
    expect(await ctx.services.members.byEmail('new@example.org')).toBeUndefined();
    const result = await ctx.services.memberAuth.confirm(decodeURIComponent(tokenIn(mail?.text)));
    expect(result.isNew).toBe(true);
    expect(result.member.status).toBe('free');
    const on = (await newsletters().forMember(result.member.id)).filter((v) => v.isSubscribed);
    // Exactly the chosen list, not the defaults.
    expect(on.map((v) => v.newsletter.id)).toEqual([investigations.id]);
    expect(on.map((v) => v.newsletter.id)).not.toContain(daily.id);
  });

  it('puts a member who joins through sign-in on the default lists', async () => {
    const { daily } = await threeLists();
    await ctx.services.memberAuth.requestLink({
      email: 'joiner@example.org',
      ip: '10.0.0.9',
      publicUrl,
    });
    const mail = mailer.lastTo('joiner@example.org');
    expect(mail?.subject).toContain('sign-in link');
    const result = await ctx.services.memberAuth.confirm(decodeURIComponent(tokenIn(mail?.text)));
    const on = (await newsletters().forMember(result.member.id)).filter((v) => v.isSubscribed);
    expect(on.map((v) => v.newsletter.id)).toEqual([daily.id]);
    // Signing in again later changes nothing (an unsubscribed member stays unsubscribed).
    await newsletters().unsubscribe({
      memberId: result.member.id,
      newsletterIds: [daily.id],
      source: 'account',
    });
    await ctx.services.memberAuth.requestLink({
      email: 'joiner@example.org',
      ip: '10.0.0.9',
      publicUrl,
    });
    await ctx.services.memberAuth.confirm(
      decodeURIComponent(tokenIn(mailer.lastTo('joiner@example.org')?.text)),
    );
    expect((await newsletters().forMember(result.member.id)).some((v) => v.isSubscribed)).toBe(
      false,
    );
  });

  it('records one change when a burst of requests asks for the same one at once', async () => {
    const { daily } = await threeLists();
    const { member } = await ctx.services.members.findOrCreate({ email: 'burst@example.org' });
    const burst = (action: 'subscribe' | 'unsubscribe') =>
      Promise.all(
        Array.from({ length: 8 }, () =>
          newsletters()[action]({
            memberId: member.id,
            newsletterIds: [daily.id],
            source: 'account',
          }),
        ),
      );
    const subscribed = await burst('subscribe');
    expect(subscribed.flat()).toEqual([daily.id]);
    const unsubscribed = await burst('unsubscribe');
    expect(unsubscribed.flat()).toEqual([daily.id]);
    const history = await ctx.services.members.history(member.id);
    expect(history.filter((e) => e.type === 'newsletter_subscribed')).toHaveLength(1);
    expect(history.filter((e) => e.type === 'newsletter_unsubscribed')).toHaveLength(1);
  });
});
