import { expect, it } from 'vitest';
import {
  form,
  formHeaders,
  setCookieOf,
  useMemberSite,
} from '../../../../test/helpers/member-site.js';
import { describeEachDatabase } from '../../../../test/helpers/test-database.js';
import { inTransaction } from '../../../../test/helpers/test-runtime.js';

describeEachDatabase('membership: account and entitlements', (getDb) => {
  const m = useMemberSite(getDb);
  const { signIn, account } = m;

  it('renders members-only and paid stories by audience, never leaking to anonymous readers', async () => {
    const member = await signIn('member@example.org');
    const asMember = await m.app.inject({ url: '/members-story/', headers: { cookie: member } });
    expect(asMember.body).toContain('MEMBERS-ONLY-BODY');
    expect(asMember.headers['cache-control']).toContain('private');
    // Cached for members now; the anonymous reader still gets the teaser.
    const anonymous = await m.app.inject('/members-story/');
    expect(anonymous.body).not.toContain('MEMBERS-ONLY-BODY');
    expect(anonymous.body).toContain('This story is for members.');
    expect(anonymous.headers['cache-control']).toContain('public');
    const anonymousAgain = await m.app.inject('/members-story/');
    expect(anonymousAgain.headers['x-cache']).toBe('HIT');
    expect(anonymousAgain.body).not.toContain('MEMBERS-ONLY-BODY');
    // A cookie that is no session is an anonymous reader.
    const stale = await m.app.inject({
      url: '/members-story/',
      headers: { cookie: 'masthead_member=not-a-session-at-all-just-junk-xx' },
    });
    expect(stale.body).not.toContain('MEMBERS-ONLY-BODY');

    const paidAsMember = await m.app.inject({ url: '/paid-story/', headers: { cookie: member } });
    expect(paidAsMember.body).not.toContain('PAID-ONLY-BODY');
    expect(paidAsMember.body).toContain('This story is for paying members.');

    const memberRow = await m.ctx.services.members.byEmail('member@example.org');
    await inTransaction(m.ctx, (trx) =>
      m.ctx.services.members.setAccess(trx, memberRow!.id, {
        status: 'paid',
        tierId: null,
        accessUntil: null,
      }),
    );
    const paid = await m.app.inject({ url: '/paid-story/', headers: { cookie: member } });
    expect(paid.body).toContain('PAID-ONLY-BODY');
    expect(paid.headers['cache-control']).toContain('private');
    const paidAnonymous = await m.app.inject('/paid-story/');
    expect(paidAnonymous.body).not.toContain('PAID-ONLY-BODY');
    // Cached pages carry no one's data: the header links to the account page generically.
    expect(paid.body).not.toContain('member@example.org');
  });

  it('gives members-only bodies in the Content API to a member cookie only', async () => {
    const member = await signIn('api-member@example.org');
    const url = `/api/content/v1/posts/slug/members-story?key=${m.contentKey}`;
    const anonymous = await m.app.inject(url);
    const teaser = anonymous.json<{ post: { access: boolean; html: string } }>().post;
    expect(teaser.access).toBe(false);
    expect(teaser.html).not.toContain('MEMBERS-ONLY-BODY');
    // The content key is a credential: no shared cache may keep Content API answers.
    expect(anonymous.headers['cache-control']).toBe('private, no-cache');
    const asMember = await m.app.inject({ url, headers: { cookie: member } });
    const { post } = asMember.json<{ post: { access: boolean; html: string } }>();
    expect(post.access).toBe(true);
    expect(post.html).toContain('MEMBERS-ONLY-BODY');
    expect(asMember.headers['cache-control']).toContain('private');
    // One member resolver for the site and the API: when the session's expiry slides, the API
    // re-sends the cookie too, so the browser's copy does not run out before the session.
    m.ctx.clock.advance(2 * 60 * 60_000);
    const later = await m.app.inject({ url, headers: { cookie: member } });
    expect(later.json<{ post: { access: boolean } }>().post.access).toBe(true);
    expect(setCookieOf(later)).toMatch(/^masthead_member=[^;]+;.*Max-Age=\d+/);
    expect(later.headers['cache-control']).toContain('private');
  });

  it('edits the name, and protects account forms against cross-site requests', async () => {
    const cookie = await signIn('editor-reader@example.org');
    const { csrf } = await account(cookie);
    expect(csrf).not.toBe('');
    const withoutToken = await m.app.inject({
      method: 'POST',
      url: '/account/',
      headers: { ...formHeaders, cookie },
      payload: form({ name: 'Mallory' }),
    });
    expect(withoutToken.statusCode).toBe(403);
    const crossSite = await m.app.inject({
      method: 'POST',
      url: '/account/',
      headers: { ...formHeaders, cookie, origin: 'https://evil.example' },
      payload: form({ csrf, name: 'Mallory' }),
    });
    expect(crossSite.statusCode).toBe(403);
    const saved = await m.app.inject({
      method: 'POST',
      url: '/account/',
      headers: { ...formHeaders, cookie, origin: 'http://localhost:3000' },
      payload: form({ csrf, name: 'Ada Reader', email: 'editor-reader@example.org' }),
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/account/?notice=saved');
    expect((await account(cookie)).response.body).toContain('value="Ada Reader"');
    // A new address that is not one: the form again, the problem under "Email address".
    const badEmail = await m.app.inject({
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
    const response = await m.app.inject('/account/');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/signin/?returnTo=%2Faccount%2F');
    const form = await m.app.inject(response.headers.location!);
    expect(form.body).toContain('name="returnTo" value="/account/"');
  });

  it('signs out, and signs out everywhere', async () => {
    const one = await signIn('leaver@example.org');
    const two = await signIn('leaver@example.org');
    const out = await m.app.inject({
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
    const everywhere = await m.app.inject({
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
    const exported = await m.app.inject({ url: '/account/export.json', headers: { cookie } });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toContain('attachment');
    expect(exported.headers['cache-control']).toBe('private, no-store');
    const data = exported.json<{ member: { email: string }; history: Array<{ type: string }> }>();
    expect(data.member.email).toBe('goodbye@example.org');
    expect(data.history.map((e) => e.type)).toContain('joined');

    const { csrf } = await account(cookie);
    const unconfirmed = await m.app.inject({
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
    expect(await m.ctx.services.members.byEmail('goodbye@example.org')).toBeDefined();
    const deleted = await m.app.inject({
      method: 'POST',
      url: '/account/delete',
      headers: { ...formHeaders, cookie },
      payload: form({ csrf, confirm: 'delete' }),
    });
    expect(deleted.statusCode).toBe(200);
    expect(deleted.body).toContain('Your account is deleted');
    expect(setCookieOf(deleted)).toContain('Max-Age=0');
    expect(await m.ctx.services.members.byEmail('goodbye@example.org')).toBeUndefined();
    expect((await account(cookie)).response.statusCode).toBe(303);
  });
});
