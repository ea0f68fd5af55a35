import { expect, it } from 'vitest';
import { useNewsletterSite } from '../helpers/newsletter-site.js';
import { describeEachDatabase } from '../helpers/test-database.js';

const source = 'https://example.com/report?a=1&b=two';
const body = {
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Read ' },
        { type: 'text', text: 'the report', marks: [{ type: 'link', attrs: { href: source } }] },
        { type: 'text', text: ' or ' },
        {
          type: 'text',
          text: 'write to us',
          marks: [{ type: 'link', attrs: { href: 'mailto:desk@example.org' } }],
        },
        { type: 'text', text: '.' },
      ],
    },
  ],
};

describeEachDatabase('newsletters: tracking, off by default', (getDb) => {
  const s = useNewsletterSite(getDb, { subscribers: 3, poolSize: 2 });

  /** Publishes a story with email and runs the sender until it is sent; the email's id. */
  const send = async (title: string): Promise<string> =>
    (await s.sendAll(await s.publishWithEmail(title, { body }))).id;
  const storedHtml = async (emailId: string): Promise<string> => {
    const row = await s.ctx.db
      .selectFrom('emails')
      .select('rendered')
      .where('id', '=', emailId)
      .executeTakeFirstOrThrow();
    return (JSON.parse(row.rendered!) as { full: { html: string } }).full.html;
  };
  const report = async (emailId: string) =>
    (await s.app.inject({ url: `/api/admin/v1/emails/${emailId}`, headers: s.editor })).json<{
      email: {
        openCount: number | null;
        clickCount: number | null;
        topLinks: Array<{ url: string; count: number }>;
      };
    }>().email;
  const trackedLinks = (html: string) =>
    [...html.matchAll(/href="(http:\/\/localhost:3000\/r\/[^"]+)"/g)].map((m) =>
      m[1]!.replace(/&amp;/g, '&'),
    );
  const pathOf = (url: string) => new URL(url).pathname + new URL(url).search;

  let untrackedId = '';
  let trackedId = '';

  it('off (the default): no pixel, links untouched, the report says null', async () => {
    expect(await s.ctx.services.settings.get()).toMatchObject({
      emailTrackOpens: false,
      emailTrackClicks: false,
    });
    untrackedId = await send('Untracked story');
    const html = await storedHtml(untrackedId);
    expect(html).not.toContain('open.gif');
    expect(html).not.toContain('/r/');
    expect(html).toContain('href="https://example.com/report?a=1&amp;b=two"');
    // A pixel fetched anyway counts nothing for an email sent untracked.
    const pixel = await s.app.inject(`/e/${untrackedId}/open.gif`);
    expect(pixel.statusCode).toBe(200);
    expect(await report(untrackedId)).toMatchObject({
      openCount: null,
      clickCount: null,
      topLinks: [],
    });
  }, 60_000);

  it('on: the pixel and signed links in the HTML; the text part keeps real links', async () => {
    await s.ctx.services.settings.update({ emailTrackOpens: true, emailTrackClicks: true });
    const before = s.smtp.received.length;
    trackedId = await send('Tracked story');
    const html = await storedHtml(trackedId);
    expect(html).toContain(
      `<img src="http://localhost:3000/e/${trackedId}/open.gif" width="1" height="1" alt="">`,
    );
    expect(html.indexOf('open.gif')).toBeLessThan(html.lastIndexOf('</body>'));
    const links = trackedLinks(html);
    const story = links.find((l) => new URL(l).searchParams.get('u') === source);
    expect(story).toBeDefined();
    expect(story).toMatch(new RegExp(`^http://localhost:3000/r/${trackedId}/[A-Za-z0-9_-]+\\?u=`));
    // mailto and the per-recipient unsubscribe / manage links are left alone.
    expect(html).toContain('href="mailto:desk@example.org"');
    expect(links.every((l) => !l.includes('unsubscribe'))).toBe(true);
    expect(html).not.toContain(`href="${source.replace('&', '&amp;')}"`);
    const sent = s.smtp.received.slice(before);
    expect(sent.length).toBe(3);
    expect(sent[0]!.text).toContain(source);
    expect(sent[0]!.text).not.toContain('/r/');
    expect(sent[0]!.text).toContain('/unsubscribe/?t=');
  }, 60_000);

  it('counts a pixel load and a click, and redirects only to the signed URL', async () => {
    const pixel = await s.app.inject(`/e/${trackedId}/open.gif`);
    expect(pixel.statusCode).toBe(200);
    expect(pixel.headers['content-type']).toBe('image/gif');
    expect(pixel.headers['cache-control']).toBe('no-store');
    expect(pixel.headers['set-cookie']).toBeUndefined();
    expect(pixel.rawPayload.length).toBe(43);
    await s.app.inject(`/e/${trackedId}/open.gif`);

    const link = trackedLinks(await storedHtml(trackedId)).find(
      (l) => new URL(l).searchParams.get('u') === source,
    )!;
    const click = await s.app.inject(pathOf(link));
    expect(click.statusCode).toBe(302);
    expect(click.headers.location).toBe(source);
    expect(click.headers['set-cookie']).toBeUndefined();
    await s.app.inject(pathOf(link));

    expect(await report(trackedId)).toEqual(
      expect.objectContaining({
        openCount: 2,
        clickCount: 2,
        topLinks: [{ url: source, count: 2 }],
      }),
    );
    // Counts only: the link rows hold no member.
    const rows = await s.ctx.db.selectFrom('email_link_clicks').selectAll().execute();
    expect(Object.keys(rows[0]!).sort()).toEqual(['count', 'email_id', 'url']);
  });

  it('refuses a forged signature, a changed URL or another email, and counts nothing', async () => {
    const link = new URL(
      trackedLinks(await storedHtml(trackedId)).find(
        (l) => new URL(l).searchParams.get('u') === source,
      )!,
    );
    const sig = link.pathname.split('/')[3]!;
    const attempts = [
      `/r/${trackedId}/${sig.slice(0, -2)}xx?u=${encodeURIComponent(source)}`,
      `/r/${trackedId}/${sig}?u=${encodeURIComponent('https://evil.example/')}`,
      `/r/${trackedId}/${sig}?u=${encodeURIComponent(`${source}&c=3`)}`,
      `/r/${untrackedId}/${sig}?u=${encodeURIComponent(source)}`,
      `/r/${trackedId}/${sig}`,
      `/r/${trackedId}/${sig}?u=${encodeURIComponent('javascript:alert(1)')}`,
    ];
    for (const url of attempts) {
      const response = await s.app.inject(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.headers.location).toBeUndefined();
      expect(response.body).toContain('This link does not work');
    }
    expect(await report(trackedId)).toMatchObject({ clickCount: 2, openCount: 2 });
    expect(await report(untrackedId)).toMatchObject({ clickCount: null });
  });
});
