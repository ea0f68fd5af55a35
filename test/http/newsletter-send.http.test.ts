import { expect, it } from 'vitest';
import { paragraph } from '../helpers/member-site.js';
import { useNewsletterSite } from '../helpers/newsletter-site.js';
import { describeEachDatabase } from '../helpers/test-database.js';

const subscribers = 2000;

describeEachDatabase('newsletters: a story published with email, end to end', (getDb) => {
  const s = useNewsletterSite(getDb, { subscribers });

  it('reaches every subscriber exactly once with one-click headers; an unsubscribe holds for the next', async () => {
    const postId = await s.publishWithEmail('Story one');
    await s.sendAll(postId);
    // The publish panel's progress, through the Admin API.
    const { email } = (
      await s.app.inject({ url: `/api/admin/v1/posts/${postId}/email`, headers: s.editor })
    ).json<{ email: { status: string; recipientCount: number; sentCount: number } }>();
    expect(email).toMatchObject({
      status: 'sent',
      recipientCount: subscribers,
      sentCount: subscribers,
    });
    const first = s.smtp.received.slice();
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
    const again = await s.app.inject({
      method: 'POST',
      url: `/api/admin/v1/posts/${postId}/publish`,
      headers: s.editor,
      payload: { email: { newsletterId: s.list.id, segment: 'all' } },
    });
    expect(again.statusCode).toBe(409);

    // One reader presses "unsubscribe" in their mail client: a POST with the RFC 8058 body.
    const leaving = first[0]!;
    const url = new URL(/^<([^>]+)>/.exec(leaving.headers['list-unsubscribe'] ?? '')![1]!);
    const unsubscribed = await s.app.inject({
      method: 'POST',
      url: url.pathname + url.search,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(unsubscribed.statusCode).toBe(200);

    const secondId = await s.publishWithEmail('Story two');
    const second = await s.sendAll(secondId);
    expect(second).toMatchObject({ status: 'sent', sentCount: subscribers - 1 });
    const next = s.smtp.received.slice(subscribers);
    expect(next).toHaveLength(subscribers - 1);
    expect(next.flatMap((m) => m.to)).not.toContain(leaving.to[0]);
    // The report counts the member who left through the first email's link.
    const report = await s.app.inject({
      url: `/api/admin/v1/emails/${(await s.ctx.services.emails.forPost(postId))!.id}`,
      headers: s.editor,
    });
    expect(report.json()).toMatchObject({ email: { sentCount: subscribers, unsubscribeCount: 1 } });
  }, 180_000);

  it('shows a sent email in the browser under the paywall rule; nothing before it leaves', async () => {
    const postId = await s.publishWithEmail('Members dispatch', {
      visibility: 'members',
      customExcerpt: 'A teaser everyone may read.',
    });
    const { id } = (await s.ctx.services.emails.forPost(postId))!;
    // Not yet sent (the sender has not run): no page.
    expect((await s.app.inject(`/email/${id}/`)).statusCode).toBe(404);
    await s.sendAll(postId);
    const view = await s.app.inject(`/email/${id}/`);
    expect(view.statusCode).toBe(200);
    expect(view.body).toContain('Members dispatch');
    // A signed-out reader gets the teaser, never the members' text.
    expect(view.body).toContain('A teaser everyone may read.');
    expect(view.body).not.toContain('Members dispatch body.');
    expect(view.body).not.toContain('%%MH_');
    expect((await s.app.inject('/email/not-an-email/')).statusCode).toBe(404);
  }, 180_000);

  it('sends a test of a story, marked [Test], to up to five addresses, recording nothing', async () => {
    const created = await s.app.inject({
      method: 'POST',
      url: '/api/admin/v1/posts',
      headers: s.editor,
      payload: { title: 'Draft to try', authorIds: [s.authorId], body: paragraph('Try me.') },
    });
    const { id } = created.json<{ post: { id: string } }>().post;
    const before = s.smtp.received.length;
    const response = await s.app.inject({
      method: 'POST',
      url: `/api/admin/v1/newsletters/${s.list.id}/test`,
      headers: s.editor,
      payload: { postId: id, emails: ['desk@example.org', 'editor@example.org'] },
    });
    expect(response.json()).toEqual({ sent: 2 });
    const tests = s.smtp.received.slice(before);
    expect(tests.map((m) => m.to[0]).sort()).toEqual(['desk@example.org', 'editor@example.org']);
    expect(tests.every((m) => m.subject === '[Test] Draft to try')).toBe(true);
    // Not the story's email: it can still be sent for real.
    expect(await s.ctx.services.emails.forPost(id)).toBeUndefined();
    const tooMany = await s.app.inject({
      method: 'POST',
      url: `/api/admin/v1/newsletters/${s.list.id}/test`,
      headers: s.editor,
      payload: {
        postId: id,
        emails: ['a@x.org', 'b@x.org', 'c@x.org', 'd@x.org', 'e@x.org', 'f@x.org'],
      },
    });
    expect(tooMany.statusCode).toBe(400);
  });
});
