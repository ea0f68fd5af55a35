import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { cookiePair, csrfIn, form, formHeaders, freshIp } from '../helpers/member-site.js';
import { useNewsletterSite } from '../helpers/newsletter-site.js';
import { describeEachDatabase } from '../helpers/test-database.js';
import { tokenHeaders } from '../helpers/test-runtime.js';

const source = 'https://example.com/report?a=1&b=two';
const body = {
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Read ' },
        { type: 'text', text: 'the report', marks: [{ type: 'link', attrs: { href: source } }] },
        { type: 'text', text: '.' },
      ],
    },
  ],
};

interface MemberEmails {
  emails: Array<{
    subject: string;
    activity: {
      opens: number | null;
      clicks: number | null;
      lastOpenedAt: string | null;
      lastClickedAt: string | null;
    } | null;
  }>;
}

/**
 * Per-member tracking end to end (issue #13 §8, the newsroom's opt-in), through the real sender
 * and SMTP sink: with the switch off no tracking URL names a recipient and nothing is kept per
 * member; with it on, each message's pixel and links carry that recipient's own signed token
 * (substituted into the one render), a pixel load and a click are kept for that member (their
 * page in the admin, their data export) and deleted with them; a forged token still redirects
 * but is kept for nobody.
 */
describeEachDatabase('newsletters: per-member tracking, the opt-in', (getDb) => {
  const s = useNewsletterSite(getDb, { subscribers: 3, poolSize: 2 });
  let admin: Record<string, string> = {};
  // A fourth subscriber with an id as Masthead makes them, for the Admin API's member routes.
  const ana = { id: randomUUID(), email: 'ana@example.test' };
  beforeAll(async () => {
    admin = await tokenHeaders(s.ctx.services, 'administrator');
    const at = s.ctx.clock.now().toISOString();
    await s.ctx.db
      .insertInto('members')
      .values({
        id: ana.id,
        email: ana.email,
        name: 'Ana',
        status: 'free',
        access_until: null,
        note: '',
        subscribed_to_emails: 1,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await s.ctx.db
      .insertInto('newsletter_subscriptions')
      .values({
        member_id: ana.id,
        newsletter_id: s.list.id,
        status: 'subscribed',
        source: 'signup',
        changed_at: at,
      })
      .execute();
  });

  /** Publishes a story with email, sends it; its id and the messages the sink received. */
  async function send(title: string) {
    const before = s.smtp.received.length;
    const { id } = await s.sendAll(await s.publishWithEmail(title, { body }));
    return { emailId: id, messages: s.smtp.received.slice(before) };
  }
  const storedHtml = async (emailId: string): Promise<string> => {
    const row = await s.ctx.db
      .selectFrom('emails')
      .select('rendered')
      .where('id', '=', emailId)
      .executeTakeFirstOrThrow();
    return (JSON.parse(row.rendered!) as { full: { html: string } }).full.html;
  };
  const decode = (value: string) => value.replace(/&amp;/g, '&');
  const pixelIn = (html: string) =>
    decode(/<img src="([^"]*\/open\.gif[^"]*)"/.exec(html)?.[1] ?? '');
  const trackedLinks = (html: string) =>
    [...html.matchAll(/href="(http:\/\/localhost:3000\/r\/[^"]+)"/g)].map((m) => decode(m[1]!));
  const storyLink = (html: string) =>
    trackedLinks(html).find((l) => new URL(l).searchParams.get('u') === source)!;
  const pathOf = (url: string) => new URL(url).pathname + new URL(url).search;
  /** reader-2@example.test is member reader-000002 (the fixture's ids); Ana is Ana. */
  const memberIdOf = (address: string) =>
    address.includes(ana.email)
      ? ana.id
      : `reader-${/reader-(\d+)@/.exec(address)![1]!.padStart(6, '0')}`;
  const messageTo = (messages: typeof s.smtp.received, memberId: string) =>
    messages.find((m) => memberIdOf(m.to.join(',')) === memberId)!;
  const activityRows = () => s.ctx.db.selectFrom('member_email_activity').selectAll().execute();
  const emailsOf = async (memberId: string) => {
    const response = await s.app.inject({
      url: `/api/admin/v1/members/${memberId}/newsletters`,
      headers: admin,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<MemberEmails>().emails;
  };

  it('off (the default): counted per email, but no URL names anyone and nothing is kept per member', async () => {
    expect(await s.ctx.services.settings.get()).toMatchObject({ emailTrackMembers: false });
    await s.ctx.services.settings.update({ emailTrackOpens: true, emailTrackClicks: true });
    const { emailId, messages } = await send('Counted story');
    expect(messages).toHaveLength(4);
    for (const message of messages) {
      expect(pixelIn(message.html)).toBe(`http://localhost:3000/e/${emailId}/open.gif`);
      const links = trackedLinks(message.html);
      expect(links.length).toBeGreaterThan(0);
      for (const link of links) expect(new URL(link).searchParams.has('m')).toBe(false);
    }
    expect(await storedHtml(emailId)).not.toContain('%%MH_TRACKING_TOKEN%%');

    // A pixel load and a click count for the email; even a token the server signed is kept
    // for nobody, since the email was not sent with per-member tracking.
    const reader = ana.id;
    const token = s.ctx.services.emailTracking.memberToken({ emailId, memberId: reader });
    const html = messageTo(messages, reader).html;
    expect((await s.app.inject(`${pathOf(pixelIn(html))}?m=${token}`)).statusCode).toBe(200);
    const click = await s.app.inject(`${pathOf(storyLink(html))}&m=${token}`);
    expect(click.statusCode).toBe(302);
    expect(click.headers.location).toBe(source);
    expect(await activityRows()).toEqual([]);
    const [shown] = await emailsOf(reader);
    expect(shown).toMatchObject({ subject: 'Counted story', activity: null });
  }, 60_000);

  let followedId = '';
  let followed: typeof s.smtp.received = [];

  it('on: each message carries its recipient’s own signed token, filled into one render', async () => {
    await s.ctx.services.settings.update({ emailTrackMembers: true });
    ({ emailId: followedId, messages: followed } = await send('Followed story'));
    expect(followed).toHaveLength(4);
    // One render per email and access level, the token a placeholder in it (as the unsubscribe
    // link is): no member's id or token is in what was rendered and stored.
    const stored = await storedHtml(followedId);
    expect(stored).toContain(`/e/${followedId}/open.gif?m=%%MH_TRACKING_TOKEN%%"`);
    expect(stored).toContain('&amp;m=%%MH_TRACKING_TOKEN%%"');
    expect(stored).not.toContain('reader-00000');

    const tokens = new Set<string>();
    for (const message of followed) {
      const memberId = memberIdOf(message.to.join(','));
      const token = new URL(pixelIn(message.html)).searchParams.get('m')!;
      // The member's id with a signature: never the id alone.
      expect(token).toMatch(new RegExp(`^${memberId}\\.[A-Za-z0-9_-]{43}$`));
      for (const link of trackedLinks(message.html))
        expect(new URL(link).searchParams.get('m')).toBe(token);
      expect(message.html).not.toContain('%%MH_');
      // The text part keeps real links and names no token.
      expect(message.text).toContain(source);
      expect(message.text).not.toContain(token);
      tokens.add(token);
    }
    expect(tokens.size).toBe(4);
  }, 60_000);

  it('a pixel load and a click are kept for that member, and shown on their page', async () => {
    const html = messageTo(followed, ana.id).html;
    const pixel = await s.app.inject(pathOf(pixelIn(html)));
    expect(pixel.statusCode).toBe(200);
    expect(pixel.headers['content-type']).toBe('image/gif');
    expect(pixel.headers['set-cookie']).toBeUndefined();
    const click = await s.app.inject(pathOf(storyLink(html)));
    expect(click.statusCode).toBe(302);
    expect(click.headers.location).toBe(source);

    const [anaEmail] = await emailsOf(ana.id);
    expect(anaEmail).toMatchObject({
      subject: 'Followed story',
      activity: {
        opens: 1,
        clicks: 1,
        lastOpenedAt: expect.any(String),
        lastClickedAt: expect.any(String),
      },
    });
    // Another recipient of the same email: tracked, nothing seen.
    const [reader0] = await s.ctx.services.emails.forMember('reader-000000');
    expect(reader0!.activity).toEqual({
      opens: 0,
      clicks: 0,
      lastOpenedAt: null,
      lastClickedAt: null,
    });
  });

  it('a forged, moved or bare token still leads to the signed URL, and is kept for nobody', async () => {
    const link = new URL(storyLink(messageTo(followed, ana.id).html));
    const token = link.searchParams.get('m')!;
    const [, signature] = token.split('.');
    const withToken = (m: string) => {
      const url = new URL(link);
      url.searchParams.set('m', m);
      return pathOf(url.href);
    };
    const before = await activityRows();
    const forged = [
      `reader-000000.${signature}`,
      `${ana.id}.${signature!.slice(0, -2)}xx`,
      'reader-000000',
      'x'.repeat(300),
    ];
    for (const m of forged) {
      const click = await s.app.inject(withToken(m));
      expect(click.statusCode, m).toBe(302);
      expect(click.headers.location).toBe(source);
      const pixel = await s.app.inject(`/e/${followedId}/open.gif?m=${encodeURIComponent(m)}`);
      expect(pixel.statusCode).toBe(200);
    }
    expect(await activityRows()).toEqual(before);
    const report = await s.app.inject({
      url: `/api/admin/v1/emails/${followedId}`,
      headers: s.editor,
    });
    expect(report.json<{ email: { clickCount: number } }>().email.clickCount).toBe(
      1 + forged.length,
    );
  });

  it('the member’s data export lists them; deleting the account deletes them', async () => {
    // Ana signs in with the link mailed to her, as a reader does.
    const email = ana.email;
    const asked = await s.app.inject({
      method: 'POST',
      url: '/signin/',
      headers: formHeaders,
      remoteAddress: freshIp(),
      payload: form({ email }),
    });
    expect(asked.statusCode).toBe(200);
    const link = /(http:\/\/localhost:3000\/signin\/confirm\?token=\S+)/.exec(
      s.mail.sent.findLast((m) => m.to.includes(email))!.text,
    )![1]!;
    const confirmed = await s.app.inject({
      method: 'POST',
      url: '/signin/confirm',
      headers: formHeaders,
      payload: form({ token: new URL(link).searchParams.get('token')! }),
    });
    const cookie = cookiePair(confirmed);

    const exported = await s.app.inject({ url: '/account/export.json', headers: { cookie } });
    expect(exported.statusCode).toBe(200);
    const data = exported.json<{ emailActivity: unknown[]; exportedAt: string }>();
    expect(data.emailActivity).toEqual([
      expect.objectContaining({
        emailId: followedId,
        subject: 'Followed story',
        openCount: 1,
        clickCount: 1,
      }),
    ]);
    expect(data.exportedAt).toEqual(expect.any(String));

    // Another member opens it too: their row must outlive Ana's deletion.
    const other = pixelIn(messageTo(followed, 'reader-000000').html);
    expect((await s.app.inject(pathOf(other))).statusCode).toBe(200);

    const page = await s.app.inject({ url: '/account/', headers: { cookie } });
    const deleted = await s.app.inject({
      method: 'POST',
      url: '/account/delete',
      headers: { ...formHeaders, cookie },
      payload: form({ csrf: csrfIn(page.body), confirm: 'delete' }),
    });
    expect(deleted.statusCode).toBe(200);
    expect((await activityRows()).filter((r) => r.member_id === ana.id)).toHaveLength(0);
    expect((await activityRows()).map((r) => r.member_id)).toEqual(['reader-000000']);
    expect(await s.ctx.services.members.byEmail(email)).toBeUndefined();
  });
});
