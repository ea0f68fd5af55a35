import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { paragraph } from '../helpers/member-site.js';
import { describeEachDatabase } from '../helpers/test-database.js';
import { appFor, servicesFor, tokenHeaders, type TestContext } from '../helpers/test-runtime.js';
import { FakeClock } from '../../src/platform/clock.js';
import { createMemoryBulkMailer, type MemoryBulkMailer } from '../../src/platform/mail/index.js';

// Europe moves its clocks on Sunday 29 March 2026: Bucharest is UTC+2 before 03:00 local, UTC+3 after.
const dayBefore = '2026-03-28T18:00:00.000Z';

describeEachDatabase('the daily briefing', (getDb) => {
  let clock: FakeClock;
  let bulk: MemoryBulkMailer;
  let ctx: TestContext;
  let app: FastifyInstance;
  beforeAll(async () => {
    await getDb().truncate();
    clock = new FakeClock(dayBefore);
    bulk = createMemoryBulkMailer();
    ctx = servicesFor(getDb(), clock, { bulkMailer: bulk });
    ({ app } = await appFor(getDb(), ctx));
    await ctx.services.settings.update({ timezone: 'Europe/Bucharest' });
    const list = await ctx.services.newsletters.create({
      name: 'The Daily Briefing',
      digestTime: '07:00',
    });
    // The editor's line for the next digest.
    await ctx.services.newsletters.update(list.id, {
      nextDigestIntro: 'Good morning from the river port, where the night was loud.',
    });
    const { member } = await ctx.services.members.findOrCreate({ email: 'early@example.org' });
    await ctx.services.newsletters.subscribe({
      memberId: member.id,
      newsletterIds: [list.id],
      source: 'admin',
    });
    const editor = await tokenHeaders(ctx.services, 'editor');
    const author = await ctx.services.staff.create({
      email: 'desk@example.org',
      name: 'News Desk',
      role: 'author',
      password: 'a long password 1',
    });
    for (const [title, kind] of [
      ['Night shelling hits the river port', 'article'],
      ['Power back in the east by dawn', 'brief'],
    ] as const) {
      const created = await app.inject({
        method: 'POST',
        url: '/api/admin/v1/posts',
        headers: editor,
        payload: { title, kind, authorIds: [author.author.id], body: paragraph(`${title}.`) },
      });
      const { id } = created.json<{ post: { id: string } }>().post;
      await app.inject({
        method: 'POST',
        url: `/api/admin/v1/posts/${id}/publish`,
        headers: editor,
      });
    }
  });

  it('leaves once at 07:00 local time across the clock change, whatever the number of processes', async () => {
    // 03:59 UTC is 06:59 in Bucharest after the change (a fixed UTC+2 would call it 05:59).
    clock.set('2026-03-29T03:59:00.000Z');
    expect(await ctx.services.emails.createDueDigests()).toEqual([]);
    clock.set('2026-03-29T04:00:00.000Z');
    // Two processes (two sets of services over the one database) try at the same moment.
    const other = servicesFor(getDb(), clock, { bulkMailer: createMemoryBulkMailer() });
    const [a, b] = await Promise.all([
      ctx.services.emails.createDueDigests(),
      other.services.emails.createDueDigests(),
    ]);
    expect([...a, ...b]).toHaveLength(1);
    // Later ticks the same day find it made.
    clock.advance(3600_000);
    expect(await other.services.emails.createDueDigests()).toEqual([]);

    await ctx.services.emailSender!.runSender({ workerId: 'one' });
    const sent = bulk.deliveredTo('early@example.org');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.subject).toContain('The Daily Briefing');
    expect(sent[0]!.html).toContain('Night shelling hits the river port');
    expect(sent[0]!.html).toContain('Power back in the east by dawn');
    expect(sent[0]!.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    // The intro line went out with it, and is used up.
    expect(sent[0]!.html).toContain('Good morning from the river port');
    const lists = await ctx.services.newsletters.list();
    expect(lists[0]!.nextDigestIntro).toBeNull();
  });

  it('sends nothing on a day when nothing new was published', async () => {
    clock.set('2026-03-31T04:30:00.000Z');
    expect(await ctx.services.emails.createDueDigests()).toEqual([]);
  });
});
