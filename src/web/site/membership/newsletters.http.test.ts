import { beforeAll, expect, it } from 'vitest';
import {
  form,
  formHeaders,
  freshIp,
  paragraph,
  useMemberSite,
} from '../../../../test/helpers/member-site.js';
import { describeEachDatabase } from '../../../../test/helpers/test-database.js';
import { tokenHeaders } from '../../../../test/helpers/test-runtime.js';
import type { Newsletter } from '../../../features/newsletters/index.js';

const box = (list: Newsletter) => `nl-${list.id}`;

describeEachDatabase('newsletters on the reader site', (getDb) => {
  const m = useMemberSite(getDb);
  let daily: Newsletter;
  let investigations: Newsletter;
  let insiders: Newsletter;
  beforeAll(async () => {
    const lists = m.ctx.services.newsletters;
    daily = await lists.create({
      name: 'The Daily Briefing',
      description: 'The day’s stories before breakfast.',
      cadence: 'Every morning',
      subscribeOnSignup: true,
      sortOrder: 1,
    });
    investigations = await lists.create({
      name: 'Investigations',
      cadence: 'Weekly',
      sortOrder: 2,
    });
    insiders = await lists.create({ name: 'Insiders', audience: 'paid', sortOrder: 3 });
    // The site context is reused for a few seconds: let it see the new lists.
    m.ctx.clock.advance(60_000);
  });

  const onLists = async (email: string) => {
    const member = await m.ctx.services.members.byEmail(email);
    if (!member) return [];
    return (await m.ctx.services.newsletters.forMember(member.id))
      .filter((v) => v.isSubscribed)
      .map((v) => v.newsletter.name);
  };

  it('lists every newsletter with what it is and how often, linked from the footer', async () => {
    const home = await m.app.inject('/');
    expect(/<footer[\s\S]*<\/footer>/.exec(home.body)?.[0]).toContain('href="/newsletters/"');
    const page = await m.app.inject('/newsletters/');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('The Daily Briefing');
    expect(page.body).toContain('Every morning');
    expect(page.body).toContain('The day’s stories before breakfast.');
    // A form that works without JavaScript: a real form, the defaults ticked, paid ones shown only.
    expect(page.body).toContain('<form class="member-form" method="post" action="/newsletters/"');
    expect(page.body).toMatch(new RegExp(`name="${box(daily)}" value="on" checked`));
    expect(page.body).not.toMatch(new RegExp(`name="${box(investigations)}" value="on" checked`));
    expect(page.body).toMatch(new RegExp(`name="${box(insiders)}" value="on" disabled`));
    expect(page.body).toContain('For paying members');
  });

  it('confirms a new address through the emailed link before anything is sent (double opt-in)', async () => {
    const count = m.smtp.received.length;
    const response = await m.app.inject({
      method: 'POST',
      url: '/newsletters/',
      headers: formHeaders,
      remoteAddress: freshIp(),
      payload: form({ email: 'Reader@Example.org', [box(investigations)]: 'on' }),
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Check your email');
    expect(response.body).toContain('Investigations');
    const mail = await m.smtp.waitFor(count + 1);
    expect(mail.subject).toBe('Confirm your subscription to Investigations');
    expect(await onLists('reader@example.org')).toEqual([]);
    const token = /token=(\S+)/.exec(mail.text)?.[1] ?? '';
    const confirmed = await m.confirm(decodeURIComponent(token));
    expect(confirmed.statusCode).toBe(303);
    expect(confirmed.headers.location).toBe('/newsletters/?notice=saved');
    expect(await onLists('reader@example.org')).toEqual(['Investigations']);
  });

  it('refuses a sign-up with no list or a bad address, naming what to fix', async () => {
    const none = await m.app.inject({
      method: 'POST',
      url: '/newsletters/',
      headers: formHeaders,
      remoteAddress: freshIp(),
      payload: form({ email: 'someone@example.org' }),
    });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Choose at least one newsletter.');
    const bad = await m.app.inject({
      method: 'POST',
      url: '/newsletters/',
      headers: formHeaders,
      remoteAddress: freshIp(),
      payload: form({ email: 'not an address', [box(daily)]: 'on' }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Email address');
    expect(bad.body).toContain('value="not an address"');
    const unknown = await m.app.inject({
      method: 'POST',
      url: '/newsletters/',
      headers: formHeaders,
      remoteAddress: freshIp(),
      payload: form({ email: 'someone@example.org', sneaky: 'x' }),
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('sneaky: unknown field: sneaky');
  });

  it('offers the default lists while joining on /signin/, and only new members get them', async () => {
    const signin = await m.app.inject('/signin/');
    expect(signin.body).toContain('New here? Also send me:');
    expect(signin.body).toMatch(new RegExp(`name="${box(daily)}" value="on" checked`));
    // A paid list is not offered to someone joining free.
    expect(signin.body).not.toContain(box(insiders));
    const { token } = await m.requestLink('joiner@example.org', {
      newsletterChoice: '1',
      [box(investigations)]: 'on',
    });
    await m.confirm(token);
    expect(await onLists('joiner@example.org')).toEqual(['Investigations']);
  });

  it('lets a signed-in member manage their lists on /account/', async () => {
    const cookie = await m.signIn('manager@example.org');
    // Joined through sign-in without a choice: the default list.
    expect(await onLists('manager@example.org')).toEqual(['The Daily Briefing']);
    const { response, csrf } = await m.account(cookie);
    expect(response.body).toContain('Save my newsletters');
    expect(response.body).toMatch(new RegExp(`name="${box(daily)}" value="on" checked`));
    const saved = await m.app.inject({
      method: 'POST',
      url: '/account/newsletters',
      headers: { ...formHeaders, cookie },
      payload: form({ csrf, [box(investigations)]: 'on', [box(insiders)]: 'on' }),
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/account/?notice=newsletters-saved');
    // Daily off, Investigations on, the paid list refused for a free member.
    expect(await onLists('manager@example.org')).toEqual(['Investigations']);
    const after = await m.app.inject({ url: saved.headers.location, headers: { cookie } });
    expect(after.body).toContain('Your newsletters are saved.');
    // Without the form token: refused, nothing changes.
    const forged = await m.app.inject({
      method: 'POST',
      url: '/account/newsletters',
      headers: { ...formHeaders, cookie },
      payload: form({ [box(daily)]: 'on' }),
    });
    expect(forged.statusCode).toBe(403);
    expect(await onLists('manager@example.org')).toEqual(['Investigations']);
    // The signed-in /newsletters/ page saves at once, with the same token.
    const page = await m.app.inject({ url: '/newsletters/', headers: { cookie } });
    expect(page.headers['cache-control']).toContain('no-store');
    expect(page.body).toContain('Send to manager@example.org');
    expect(page.body).not.toContain('id="newsletters-email"');
  });

  it('offers the default lists after a story, to signed-out readers only', async () => {
    const editor = await tokenHeaders(m.ctx.services, 'editor');
    const authors = await m.app.inject({ url: '/api/admin/v1/authors', headers: editor });
    const authorId = authors.json<{ authors: Array<{ id: string }> }>().authors[0]?.id;
    const created = await m.app.inject({
      method: 'POST',
      url: '/api/admin/v1/posts',
      headers: editor,
      payload: { title: 'Open story', authorIds: [authorId], body: paragraph('Open body.') },
    });
    const { id } = created.json<{ post: { id: string } }>().post;
    const published = await m.app.inject({
      method: 'POST',
      url: `/api/admin/v1/posts/${id}/publish`,
      headers: editor,
    });
    expect(published.statusCode).toBe(200);
    const anonymous = await m.app.inject('/open-story/');
    expect(anonymous.body).toContain('Get The Daily Briefing by email');
    expect(anonymous.body).toContain('name="source" value="story-page"');
    const cookie = await m.signIn('story-reader@example.org');
    const member = await m.app.inject({ url: '/open-story/', headers: { cookie } });
    expect(member.body).not.toContain('Get The Daily Briefing by email');
  });
});
