import { beforeAll, expect, it } from 'vitest';
import { useMemberSite } from '../../../../test/helpers/member-site.js';
import { describeEachDatabase } from '../../../../test/helpers/test-database.js';
import type { Newsletter } from '../../../features/newsletters/index.js';

describeEachDatabase('one-click unsubscribe (RFC 8058)', (getDb) => {
  const m = useMemberSite(getDb);
  let daily: Newsletter;
  let memberId = '';
  let otherId = '';
  beforeAll(async () => {
    daily = await m.ctx.services.newsletters.create({ name: 'The Daily Briefing' });
    for (const email of ['reader@example.org', 'other@example.org']) {
      const { member } = await m.ctx.services.members.findOrCreate({ email });
      await m.ctx.services.newsletters.subscribe({
        memberId: member.id,
        newsletterIds: [daily.id],
        source: 'admin',
      });
      if (email.startsWith('reader')) memberId = member.id;
      else otherId = member.id;
    }
  });
  const isOn = async (id: string) =>
    (await m.ctx.services.newsletters.forMember(id)).some((v) => v.isSubscribed);
  const path = (url: string) => new URL(url).pathname + new URL(url).search;

  it('shows one button on GET and unsubscribes nothing (mail scanners fetch links)', async () => {
    const url = m.ctx.services.unsubscribe.url({ memberId, newsletterId: daily.id });
    expect(url).toMatch(/^http:\/\/localhost:3000\/unsubscribe\/\?t=/);
    const page = await m.app.inject(path(url));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Unsubscribe from The Daily Briefing?');
    expect(page.body).toContain('r•••@example.org');
    expect(page.body).toContain('name="List-Unsubscribe" value="One-Click"');
    expect(page.body).toContain('href="/account/"');
    expect(page.headers['cache-control']).toContain('no-store');
    expect(await isOn(memberId)).toBe(true);
  });

  it('unsubscribes on a POST with List-Unsubscribe=One-Click and no cookie or CSRF token', async () => {
    const url = m.ctx.services.unsubscribe.url({ memberId, newsletterId: daily.id });
    // As a mail provider sends it: from its servers, a cross-site Origin even, no cookie.
    const response = await m.app.inject({
      method: 'POST',
      url: path(url),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://mail.example',
      },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('You are unsubscribed');
    expect(await isOn(memberId)).toBe(false);
    const standing = (await m.ctx.services.newsletters.subscriptionsOf(memberId))[0];
    expect(standing).toMatchObject({ status: 'unsubscribed', source: 'unsubscribe-link' });
    // Again (a retrying provider, a second click): still fine, nothing else changes.
    const again = await m.app.inject({
      method: 'POST',
      url: path(url),
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      payload:
        '--x\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--x--\r\n',
    });
    expect(again.statusCode).toBe(200);
    // The other member was never touched.
    expect(await isOn(otherId)).toBe(true);
  });

  it('refuses forged, moved and truncated tokens', async () => {
    const url = m.ctx.services.unsubscribe.url({ memberId: otherId, newsletterId: daily.id });
    const token = new URL(url).searchParams.get('t') ?? '';
    const moved = token.replace(otherId, memberId);
    for (const bad of [moved, token.slice(0, -5), 'nonsense', '']) {
      const response = await m.app.inject({
        method: 'POST',
        url: `/unsubscribe/?t=${encodeURIComponent(bad)}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('This unsubscribe link does not work');
    }
    expect(await isOn(otherId)).toBe(true);
  });
});
