import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Newsletter } from '../../src/features/newsletters/index.js';
import {
  createMemoryMailer,
  createSmtpBulkMailer,
  type BulkMailer,
} from '../../src/platform/mail/index.js';
import { paragraph } from '../helpers/member-site.js';
import { startSmtpTestServer, type SmtpTestServer } from '../helpers/smtp-test-server.js';
import { describeEachDatabase } from '../helpers/test-database.js';
import { appFor, servicesFor, tokenHeaders, type TestContext } from '../helpers/test-runtime.js';
import { insertMembers } from '../process/newsletter-fixture.js';

const subscribers = 2000;

describeEachDatabase('newsletters: a story published with email, end to end', (getDb) => {
  let smtp: SmtpTestServer;
  let bulk: BulkMailer;
  let ctx: TestContext;
  let app: FastifyInstance;
  let editor: Record<string, string>;
  let list: Newsletter;
  let authorId = '';
  beforeAll(async () => {
    await getDb().truncate();
    smtp = await startSmtpTestServer();
    bulk = createSmtpBulkMailer({ url: smtp.url, from: 'News <news@example.org>', poolSize: 5 });
    ctx = servicesFor(getDb(), undefined, { mailer: createMemoryMailer(), bulkMailer: bulk });
    ({ app } = await appFor(getDb(), ctx));
    editor = await tokenHeaders(ctx.services, 'editor');
    list = await ctx.services.newsletters.create({ name: 'The Daily Briefing' });
    await insertMembers(ctx.db, subscribers, {
      prefix: 'reader',
      subscribeTo: list.id,
    });
    const author = await ctx.services.staff.create({
      email: 'desk@example.org',
      name: 'News Desk',
      role: 'author',
      password: 'a long password 1',
    });
    authorId = author.author.id;
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await bulk.close();
    await smtp.close();
  });

  const publishWithEmail = async (title: string, visibility = 'public') => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/admin/v1/posts',
      headers: editor,
      payload: {
        title,
        visibility,
        authorIds: [authorId],
        body: paragraph(`${title} body.`),
        customExcerpt: 'A teaser everyone may read.',
      },
    });
    const { id } = created.json<{ post: { id: string } }>().post;
    const published = await app.inject({
      method: 'POST',
      url: `/api/admin/v1/posts/${id}/publish`,
      headers: editor,
      payload: { email: { newsletterId: list.id, segment: 'all' } },
    });
    expect(published.statusCode).toBe(200);
    return id;
  };
  /** Runs the sender job until the story's email is finished, as the app's job runner would. */
  const sendAll = async (postId: string) => {
    for (let pass = 0; pass < 200; pass++) {
      await ctx.services.emailSender!.runSender({ workerId: 'test-worker' });
      const { email } = (
        await app.inject({ url: `/api/admin/v1/posts/${postId}/email`, headers: editor })
      ).json<{ email: { status: string; sentCount: number; recipientCount: number } }>();
      if (email.status !== 'pending' && email.status !== 'sending') return email;
    }
    throw new Error('the send did not finish');
  };

  it('reaches every subscriber exactly once with one-click headers; an unsubscribe holds for the next', async () => {
    const postId = await publishWithEmail('Story one');
    const email = await sendAll(postId);
    expect(email).toMatchObject({
      status: 'sent',
      recipientCount: subscribers,
      sentCount: subscribers,
    });
    const first = smtp.received.slice();
    expect(first).toHaveLength(subscribers);
    const addresses = first.flatMap((m) => m.to);
    expect(new Set(addresses).size).toBe(subscribers);
    for (const mail of first) {
      expect(mail.headers['list-unsubscribe']).toMatch(
        /^<http:\/\/localhost:3000\/unsubscribe\/\?t=[^>]+>/,
      );
      expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
      expect(mail.headers['list-id']).toContain('the-daily-briefing');
      expect(mail.subject).toBe('Story one');
    }
    // A story is emailed at most once.
    const again = await app.inject({
      method: 'POST',
      url: `/api/admin/v1/posts/${postId}/publish`,
      headers: editor,
      payload: { email: { newsletterId: list.id, segment: 'all' } },
    });
    expect(again.statusCode).toBe(409);

    // One reader presses "unsubscribe" in their mail client: a POST with the RFC 8058 body.
    const leaving = first[0]!;
    const url = new URL(/^<([^>]+)>/.exec(leaving.headers['list-unsubscribe'] ?? '')![1]!);
    const unsubscribed = await app.inject({
      method: 'POST',
      url: url.pathname + url.search,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(unsubscribed.statusCode).toBe(200);

    const secondId = await publishWithEmail('Story two');
    const second = await sendAll(secondId);
    expect(second).toMatchObject({ status: 'sent', sentCount: subscribers - 1 });
    const next = smtp.received.slice(subscribers);
    expect(next).toHaveLength(subscribers - 1);
    expect(next.flatMap((m) => m.to)).not.toContain(leaving.to[0]);
    // The report counts the member who left through the first email's link.
    const report = await app.inject({
      url: `/api/admin/v1/emails/${(await ctx.services.emails.forPost(postId))!.id}`,
      headers: editor,
    });
    expect(report.json()).toMatchObject({ email: { sentCount: subscribers, unsubscribeCount: 1 } });
  }, 180_000);

  it('shows a sent email in the browser under the paywall rule; nothing before it leaves', async () => {
    const postId = await publishWithEmail('Members dispatch', 'members');
    const { id } = (await ctx.services.emails.forPost(postId))!;
    // Not yet sent (the sender has not run): no page.
    expect((await app.inject(`/email/${id}/`)).statusCode).toBe(404);
    await sendAll(postId);
    const view = await app.inject(`/email/${id}/`);
    expect(view.statusCode).toBe(200);
    expect(view.body).toContain('Members dispatch');
    // A signed-out reader gets the teaser, never the members' text.
    expect(view.body).toContain('A teaser everyone may read.');
    expect(view.body).not.toContain('Members dispatch body.');
    expect(view.body).not.toContain('%%MH_');
    expect((await app.inject('/email/not-an-email/')).statusCode).toBe(404);
  }, 180_000);

  it('sends a test of a story, marked [Test], to up to five addresses, recording nothing', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/admin/v1/posts',
      headers: editor,
      payload: { title: 'Draft to try', authorIds: [authorId], body: paragraph('Try me.') },
    });
    const { id } = created.json<{ post: { id: string } }>().post;
    const before = smtp.received.length;
    const response = await app.inject({
      method: 'POST',
      url: `/api/admin/v1/newsletters/${list.id}/test`,
      headers: editor,
      payload: { postId: id, emails: ['desk@example.org', 'editor@example.org'] },
    });
    expect(response.json()).toEqual({ sent: 2 });
    const tests = smtp.received.slice(before);
    expect(tests.map((m) => m.to[0]).sort()).toEqual(['desk@example.org', 'editor@example.org']);
    expect(tests.every((m) => m.subject === '[Test] Draft to try')).toBe(true);
    // Not the story's email: it can still be sent for real.
    expect(await ctx.services.emails.forPost(id)).toBeUndefined();
    const tooMany = await app.inject({
      method: 'POST',
      url: `/api/admin/v1/newsletters/${list.id}/test`,
      headers: editor,
      payload: {
        postId: id,
        emails: ['a@x.org', 'b@x.org', 'c@x.org', 'd@x.org', 'e@x.org', 'f@x.org'],
      },
    });
    expect(tooMany.statusCode).toBe(400);
  });
});
