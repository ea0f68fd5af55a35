import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createMemoryMailer,
  createSmtpBulkMailer,
  type BulkMailer,
} from '../../src/platform/mail/index.js';
import { paragraph } from '../helpers/member-site.js';
import { startSmtpTestServer, type SmtpTestServer } from '../helpers/smtp-test-server.js';
import { describeEachDatabase } from '../helpers/test-database.js';
import { appFor, servicesFor, tokenHeaders, type TestContext } from '../helpers/test-runtime.js';

describeEachDatabase('newsletters: a 5xx at hand-off is a hard bounce', (getDb) => {
  let smtp: SmtpTestServer;
  let bulk: BulkMailer;
  let ctx: TestContext;
  let app: FastifyInstance;
  beforeAll(async () => {
    await getDb().truncate();
    // The server says "no such user" for one address, and "mailbox full" (try later) for another.
    smtp = await startSmtpTestServer({
      rcptReplies: { 'gone@example.org': 550, 'full@example.org': 452 },
    });
    bulk = createSmtpBulkMailer({ url: smtp.url, from: 'News <news@example.org>', poolSize: 2 });
    ctx = servicesFor(getDb(), undefined, { mailer: createMemoryMailer(), bulkMailer: bulk });
    ({ app } = await appFor(getDb(), ctx));
  });
  afterAll(async () => {
    await app.close();
    await bulk.close();
    await smtp.close();
  });

  it('fails that recipient with the server’s reply, suppresses the address and shows why', async () => {
    const list = await ctx.services.newsletters.create({ name: 'Breaking News' });
    const ids: Record<string, string> = {};
    for (const email of ['ok@example.org', 'gone@example.org', 'full@example.org']) {
      const { member } = await ctx.services.members.findOrCreate({ email });
      ids[email] = member.id;
      await ctx.services.newsletters.subscribe({
        memberId: member.id,
        newsletterIds: [list.id],
        source: 'admin',
      });
    }
    const editor = await tokenHeaders(ctx.services, 'editor');
    const admin = await tokenHeaders(ctx.services, 'administrator');
    const author = await ctx.services.staff.create({
      email: 'desk@example.org',
      name: 'Desk',
      role: 'author',
      password: 'a long password 1',
    });
    const created = await app.inject({
      method: 'POST',
      url: '/api/admin/v1/posts',
      headers: editor,
      payload: { title: 'Alert', authorIds: [author.author.id], body: paragraph('Alert.') },
    });
    const { id } = created.json<{ post: { id: string } }>().post;
    await app.inject({
      method: 'POST',
      url: `/api/admin/v1/posts/${id}/publish`,
      headers: editor,
      payload: { email: { newsletterId: list.id } },
    });
    await ctx.services.emailSender!.runSender({ workerId: 'w' });
    const email = (await ctx.services.emails.forPost(id))!;
    // One sent, one refused for good; the 452 waits for its backoff (still sending).
    expect(email).toMatchObject({ sentCount: 1, failedCount: 1, status: 'sending' });
    const report = (
      await app.inject({ url: `/api/admin/v1/emails/${email.id}`, headers: editor })
    ).json<{
      email: { bounceCount: number; problems: Array<{ address: string; reply: string }> };
    }>();
    expect(report.email.bounceCount).toBe(1);
    expect(report.email.problems).toEqual([
      expect.objectContaining({ address: 'gone@example.org', state: 'failed' }),
    ]);
    expect(report.email.problems[0]!.reply).toMatch(/550/);
    expect(await ctx.services.suppressions.why('gone@example.org')).toMatchObject({
      reason: 'hard_bounce',
      source: 'smtp',
    });
    const page = (
      await app.inject({
        url: `/api/admin/v1/members/${ids['gone@example.org']}/newsletters`,
        headers: admin,
      })
    ).json<{
      suppression: { reason: string } | null;
      newsletters: Array<{ isSubscribed: boolean }>;
    }>();
    expect(page.suppression).toMatchObject({ reason: 'hard_bounce' });
    expect(page.newsletters.every((n) => !n.isSubscribed)).toBe(true);
  });
});
