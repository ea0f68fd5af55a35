import { expect, it } from 'vitest';
import {
  cookiePair,
  form,
  formHeaders,
  freshIp,
  setCookieOf,
  useMemberSite,
} from '../../../../test/helpers/member-site.js';
import { describeEachDatabase } from '../../../../test/helpers/test-database.js';
import { appFor } from '../../../../test/helpers/test-runtime.js';

describeEachDatabase('membership: reader sign-in', (getDb) => {
  const m = useMemberSite(getDb);
  const { requestLink, confirm, signIn, account } = m;

  it('signs a reader in through an emailed link, confirmed by a POST', async () => {
    const { response, mail, token } = await requestLink('Reader@Example.org', {
      returnTo: '/account/',
    });
    expect(response.body).toContain('Check your email');
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect(mail.to).toEqual(['reader@example.org']);

    // Opening the link (or a mail scanner fetching it) signs nobody in.
    const opened = await m.app.inject(`/signin/confirm?token=${encodeURIComponent(token)}`);
    expect(opened.statusCode).toBe(200);
    expect(opened.headers['set-cookie']).toBeUndefined();
    expect(opened.body).toMatch(/<form[^>]*method="post"[^>]*action="\/signin\/confirm"/);
    expect(opened.body).toContain(`value="${token}"`);

    const signedIn = await confirm(token);
    expect(signedIn.statusCode).toBe(303);
    expect(signedIn.headers.location).toBe('/account/');
    const cookie = setCookieOf(signedIn);
    expect(cookie).toMatch(/^masthead_member=[^;]{40,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain('Secure');

    const page = await account(cookiePair(signedIn));
    expect(page.response.statusCode).toBe(200);
    expect(page.response.headers['cache-control']).toBe('private, no-store');
    expect(page.response.body).toContain('reader@example.org');
    expect(page.response.body).toContain('Free member');
    // Without Stripe there is no billing to manage: no link that leads nowhere.
    expect(page.response.body).not.toContain('href="/account/billing/"');
    expect(page.response.body).toContain('There are no newsletters yet.');

    const again = await confirm(token);
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('expired or was already used');
    expect(again.headers['set-cookie']).toBeUndefined();
  });

  it('sets a Secure __Host- cookie in production', async () => {
    const production = (await appFor(getDb(), m.ctx, { isProduction: true })).app;
    try {
      const { token } = await requestLink('prod@example.org');
      const response = await production.inject({
        method: 'POST',
        url: '/signin/confirm',
        headers: formHeaders,
        payload: form({ token }),
      });
      const cookie = setCookieOf(response);
      expect(cookie).toMatch(/^__Host-masthead_member=/);
      expect(cookie).toContain('Secure');
      expect(cookie).toContain('HttpOnly');
    } finally {
      await production.close();
    }
  });

  it('refuses expired and tampered links', async () => {
    const { token } = await requestLink('late@example.org');
    const tampered = await confirm(`${token.slice(0, -3)}abc`);
    expect(tampered.statusCode).toBe(400);
    expect(tampered.body).toContain('expired or was already used');
    m.ctx.clock.advance(16 * 60_000);
    const expired = await confirm(token);
    expect(expired.statusCode).toBe(400);
    expect(expired.headers['set-cookie']).toBeUndefined();
  });

  it('answers the same for known and unknown addresses', async () => {
    await signIn('known@example.org');
    const ask = (email: string) =>
      m.app.inject({
        method: 'POST',
        url: '/signin/',
        headers: formHeaders,
        remoteAddress: freshIp(),
        payload: form({ email }),
      });
    const known = await ask('known@example.org');
    const unknown = await ask('nobody-yet@example.org');
    expect(known.statusCode).toBe(unknown.statusCode);
    expect(known.body).toBe(unknown.body);
    const { 'x-request-id': _a, date: _b, ...knownHeaders } = known.headers;
    const { 'x-request-id': _c, date: _d, ...unknownHeaders } = unknown.headers;
    expect(knownHeaders).toEqual(unknownHeaders);
  });

  it('refuses a malformed email with 400 and the form again', async () => {
    const response = await m.app.inject({
      method: 'POST',
      url: '/signin/',
      headers: formHeaders,
      remoteAddress: freshIp(),
      payload: form({ email: 'not an email' }),
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Enter a valid email address');
    expect(response.body).toContain('value="not an email"');
    // In the form, under the field it is about, in the newsroom's layout.
    const signInForm = /<form class="member-form"[^]*?<\/form>/.exec(response.body)?.[0] ?? '';
    expect(signInForm).toMatch(
      /<div class="form-field has-problem"><label for="signin-email">Email address<\/label><input id="signin-email" name="email" aria-invalid="true" aria-describedby="signin-email-problem"/,
    );
    expect(signInForm).toMatch(
      /id="signin-email-problem" role="alert">Enter a valid email address/,
    );
    expect(response.body).toContain('class="site-header"');
  });

  it('limits one client to fewer than 20 link requests a minute, with Retry-After', async () => {
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let i = 0; i < 20; i++) {
      const response = await m.app.inject({
        method: 'POST',
        url: '/signin/',
        headers: formHeaders,
        remoteAddress: '10.66.0.1',
        payload: form({ email: `flood${i}@example.org` }),
      });
      statuses.push(response.statusCode);
      if (response.statusCode === 429) retryAfter = String(response.headers['retry-after']);
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it('limits links to one email address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await m.app.inject({
        method: 'POST',
        url: '/signin/',
        headers: formHeaders,
        remoteAddress: freshIp(),
        payload: form({ email: 'popular@example.org' }),
      });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});
