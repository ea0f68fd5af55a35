import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  startSmtpTestServer,
  type SmtpTestServer,
} from '../../../../test/helpers/smtp-test-server.js';
import { describeEachDatabase } from '../../../../test/helpers/test-database.js';
import {
  appFor,
  servicesFor,
  tokenHeaders,
  type TestContext,
} from '../../../../test/helpers/test-runtime.js';
import { createSmtpMailer } from '../../../platform/mail/index.js';

const paragraph = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };
const setCookieOf = (response: LightMyRequestResponse): string => {
  const header = response.headers['set-cookie'];
  return (Array.isArray(header) ? header.join('\n') : header) ?? '';
};
const cookiePair = (response: LightMyRequestResponse) => setCookieOf(response).split(';')[0] ?? '';
const csrfIn = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
let ipCounter = 0;
/** Each caller its own client address, so the per-address limit only bites where a test wants it. */
const freshIp = () => `10.9.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

describeEachDatabase('membership: reader sign-in, account and entitlements', (getDb) => {
  let app: FastifyInstance;
  let ctx: TestContext;
  let smtp: SmtpTestServer;
  let contentKey: string;

  beforeAll(async () => {
    await getDb().truncate();
    smtp = await startSmtpTestServer();
    const mailer = createSmtpMailer({ url: smtp.url, from: 'Newsroom <news@example.org>' });
    ctx = servicesFor(getDb(), undefined, { mailer });
    app = (await appFor(getDb(), ctx)).app;
    contentKey = (await ctx.services.tokens.create({ name: 'App', kind: 'content' })).secret;
    const editor = await tokenHeaders(ctx.services, 'editor');
    const author = await ctx.services.staff.create({
      email: 'desk@example.org',
      name: 'News Desk',
      role: 'author',
      password: 'a long password 1',
    });
    const publish = async (title: string, visibility: string, text: string) => {
      const created = await app.inject({
        method: 'POST',
        url: '/api/admin/v1/posts',
        headers: editor,
        payload: {
          title,
          authorIds: [author.author.id],
          body: paragraph(text),
          customExcerpt: 'A teaser everyone may read.',
          visibility,
        },
      });
      const { id } = created.json<{ post: { id: string } }>().post;
      await app.inject({
        method: 'POST',
        url: `/api/admin/v1/posts/${id}/publish`,
        headers: editor,
      });
    };
    await publish('Members story', 'members', 'MEMBERS-ONLY-BODY');
    await publish('Paid story', 'paid', 'PAID-ONLY-BODY');
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
  });

  /** Asks for a link as a browser would and returns the token from the mail that arrived. */
  async function requestLink(email: string, extra: Record<string, string> = {}) {
    const count = smtp.received.length;
    const response = await app.inject({
      method: 'POST',
      url: '/signin/',
      headers: formHeaders,
      remoteAddress: freshIp(),
      payload: form({ email, ...extra }),
    });
    expect(response.statusCode).toBe(200);
    const mail = await smtp.waitFor(count + 1);
    const link = /(http:\/\/localhost:3000\/signin\/confirm\?token=\S+)/.exec(mail.text)?.[1];
    expect(link).toBeDefined();
    return { response, mail, token: new URL(link!).searchParams.get('token')! };
  }
  const confirm = (token: string, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: '/signin/confirm',
      headers: { ...formHeaders, ...headers },
      payload: form({ token }),
    });
  async function signIn(email: string): Promise<string> {
    const { token } = await requestLink(email);
    const response = await confirm(token);
    expect(response.statusCode).toBe(303);
    return cookiePair(response);
  }
  const account = async (cookie: string) => {
    const response = await app.inject({ url: '/account/', headers: { cookie } });
    return { response, csrf: csrfIn(response.body) };
  };

  it('signs a reader in through an emailed link, confirmed by a POST', async () => {
    const { response, mail, token } = await requestLink('Reader@Example.org', {
      returnTo: '/account/',
    });
    expect(response.body).toContain('Check your email');
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect(mail.to).toEqual(['reader@example.org']);

    // Opening the link (or a mail scanner fetching it) signs nobody in.
    const opened = await app.inject(`/signin/confirm?token=${encodeURIComponent(token)}`);
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
    expect(page.response.body).toContain('Newsletters are coming');

    const again = await confirm(token);
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('expired or was already used');
    expect(again.headers['set-cookie']).toBeUndefined();
  });

  it('sets a Secure __Host- cookie in production', async () => {
    const production = (await appFor(getDb(), ctx, { isProduction: true })).app;
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
    ctx.clock.advance(16 * 60_000);
    const expired = await confirm(token);
    expect(expired.statusCode).toBe(400);
    expect(expired.headers['set-cookie']).toBeUndefined();
  });

  it('answers the same for known and unknown addresses', async () => {
    await signIn('known@example.org');
    const ask = (email: string) =>
      app.inject({
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
    const response = await app.inject({
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
      const response = await app.inject({
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
      const response = await app.inject({
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

  it('renders members-only and paid stories by audience, never leaking to anonymous readers', async () => {
    const member = await signIn('member@example.org');
    const asMember = await app.inject({ url: '/members-story/', headers: { cookie: member } });
    expect(asMember.body).toContain('MEMBERS-ONLY-BODY');
    expect(asMember.headers['cache-control']).toContain('private');
    // Cached for members now; the anonymous reader still gets the teaser.
    const anonymous = await app.inject('/members-story/');
    expect(anonymous.body).not.toContain('MEMBERS-ONLY-BODY');
    expect(anonymous.body).toContain('This story is for members.');
    expect(anonymous.headers['cache-control']).toContain('public');
    const anonymousAgain = await app.inject('/members-story/');
    expect(anonymousAgain.headers['x-cache']).toBe('HIT');
    expect(anonymousAgain.body).not.toContain('MEMBERS-ONLY-BODY');
    // A cookie that is no session is an anonymous reader.
    const stale = await app.inject({
      url: '/members-story/',
      headers: { cookie: 'masthead_member=not-a-session-at-all-just-junk-xx' },
    });
    expect(stale.body).not.toContain('MEMBERS-ONLY-BODY');

    const paidAsMember = await app.inject({ url: '/paid-story/', headers: { cookie: member } });
    expect(paidAsMember.body).not.toContain('PAID-ONLY-BODY');
    expect(paidAsMember.body).toContain('This story is for paying members.');

    const memberRow = await ctx.services.members.byEmail('member@example.org');
    await ctx.services.members.inTransaction((trx) =>
      ctx.services.members.setAccess(trx, memberRow!.id, {
        status: 'paid',
        tierId: null,
        accessUntil: null,
      }),
    );
    const paid = await app.inject({ url: '/paid-story/', headers: { cookie: member } });
    expect(paid.body).toContain('PAID-ONLY-BODY');
    expect(paid.headers['cache-control']).toContain('private');
    const paidAnonymous = await app.inject('/paid-story/');
    expect(paidAnonymous.body).not.toContain('PAID-ONLY-BODY');
    // Cached pages carry no one's data: the header links to the account page generically.
    expect(paid.body).not.toContain('member@example.org');
  });

  it('gives members-only bodies in the Content API to a member cookie only', async () => {
    const member = await signIn('api-member@example.org');
    const url = `/api/content/v1/posts/slug/members-story?key=${contentKey}`;
    const anonymous = await app.inject(url);
    const teaser = anonymous.json<{ post: { access: boolean; html: string } }>().post;
    expect(teaser.access).toBe(false);
    expect(teaser.html).not.toContain('MEMBERS-ONLY-BODY');
    expect(anonymous.headers['cache-control']).toContain('public');
    const asMember = await app.inject({ url, headers: { cookie: member } });
    const { post } = asMember.json<{ post: { access: boolean; html: string } }>();
    expect(post.access).toBe(true);
    expect(post.html).toContain('MEMBERS-ONLY-BODY');
    expect(asMember.headers['cache-control']).toContain('private');
    // One member resolver for the site and the API: when the session's expiry slides, the API
    // re-sends the cookie too, so the browser's copy does not run out before the session.
    ctx.clock.advance(2 * 60 * 60_000);
    const later = await app.inject({ url, headers: { cookie: member } });
    expect(later.json<{ post: { access: boolean } }>().post.access).toBe(true);
    expect(setCookieOf(later)).toMatch(/^masthead_member=[^;]+;.*Max-Age=\d+/);
    expect(later.headers['cache-control']).toContain('private');
  });

  it('edits the name, and protects account forms against cross-site requests', async () => {
    const cookie = await signIn('editor-reader@example.org');
    const { csrf } = await account(cookie);
    expect(csrf).not.toBe('');
    const withoutToken = await app.inject({
      method: 'POST',
      url: '/account/',
      headers: { ...formHeaders, cookie },
      payload: form({ name: 'Mallory' }),
    });
    expect(withoutToken.statusCode).toBe(403);
    const crossSite = await app.inject({
      method: 'POST',
      url: '/account/',
      headers: { ...formHeaders, cookie, origin: 'https://evil.example' },
      payload: form({ csrf, name: 'Mallory' }),
    });
    expect(crossSite.statusCode).toBe(403);
    const saved = await app.inject({
      method: 'POST',
      url: '/account/',
      headers: { ...formHeaders, cookie, origin: 'http://localhost:3000' },
      payload: form({ csrf, name: 'Ada Reader', email: 'editor-reader@example.org' }),
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/account/?notice=saved');
    expect((await account(cookie)).response.body).toContain('value="Ada Reader"');
    // A new address that is not one: the form again, the problem under "Email address".
    const badEmail = await app.inject({
      method: 'POST',
      url: '/account/',
      headers: { ...formHeaders, cookie, origin: 'http://localhost:3000' },
      payload: form({ csrf, name: 'Ada Reader', email: 'ada-at-nowhere' }),
    });
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.body).toMatch(
      /<label for="account-email">Email address<\/label><p class="form-hint" id="account-email-hint">[^<]+<\/p><input id="account-email" name="email" aria-invalid="true"/,
    );
    expect(badEmail.body).toContain('value="ada-at-nowhere"');
    expect(badEmail.body).toMatch(/id="account-email-problem" role="alert">[^<]*[Ee]mail/);
  });

  it('redirects signed-out readers from the account page to sign in', async () => {
    const response = await app.inject('/account/');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/signin/?returnTo=%2Faccount%2F');
    const form = await app.inject(response.headers.location!);
    expect(form.body).toContain('name="returnTo" value="/account/"');
  });

  it('signs out, and signs out everywhere', async () => {
    const one = await signIn('leaver@example.org');
    const two = await signIn('leaver@example.org');
    const out = await app.inject({
      method: 'POST',
      url: '/signout/',
      headers: { ...formHeaders, cookie: one },
      payload: form({ csrf: (await account(one)).csrf }),
    });
    expect(out.statusCode).toBe(303);
    expect(setCookieOf(out)).toContain('Max-Age=0');
    expect((await account(one)).response.statusCode).toBe(303);
    expect((await account(two)).response.statusCode).toBe(200);

    const three = await signIn('leaver@example.org');
    const everywhere = await app.inject({
      method: 'POST',
      url: '/account/signout-everywhere',
      headers: { ...formHeaders, cookie: three },
      payload: form({ csrf: (await account(three)).csrf }),
    });
    expect(everywhere.statusCode).toBe(303);
    expect((await account(two)).response.statusCode).toBe(303);
    expect((await account(three)).response.statusCode).toBe(303);
  });

  it('exports the member’s data and deletes the account', async () => {
    const cookie = await signIn('goodbye@example.org');
    const exported = await app.inject({ url: '/account/export.json', headers: { cookie } });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toContain('attachment');
    expect(exported.headers['cache-control']).toBe('private, no-store');
    const data = exported.json<{ member: { email: string }; history: Array<{ type: string }> }>();
    expect(data.member.email).toBe('goodbye@example.org');
    expect(data.history.map((e) => e.type)).toContain('joined');

    const { csrf } = await account(cookie);
    const unconfirmed = await app.inject({
      method: 'POST',
      url: '/account/delete',
      headers: { ...formHeaders, cookie },
      payload: form({ csrf, confirm: 'yes' }),
    });
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.body).toMatch(
      /<div class="form-field has-problem"><label for="delete-confirm">[^<]+<\/label><input id="delete-confirm" name="confirm" aria-invalid="true"/,
    );
    expect(unconfirmed.body).toContain(
      'id="delete-confirm-problem" role="alert">To delete your account',
    );
    expect(await ctx.services.members.byEmail('goodbye@example.org')).toBeDefined();
    const deleted = await app.inject({
      method: 'POST',
      url: '/account/delete',
      headers: { ...formHeaders, cookie },
      payload: form({ csrf, confirm: 'delete' }),
    });
    expect(deleted.statusCode).toBe(200);
    expect(deleted.body).toContain('Your account is deleted');
    expect(setCookieOf(deleted)).toContain('Max-Age=0');
    expect(await ctx.services.members.byEmail('goodbye@example.org')).toBeUndefined();
    expect((await account(cookie)).response.statusCode).toBe(303);
  });
});
