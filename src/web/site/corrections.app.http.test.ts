import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { parseXml } from '../../../test/helpers/feeds-site.js';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { appFor, tokenHeaders, type TestContext } from '../../../test/helpers/test-runtime.js';
import type { Post } from '../../features/posts/index.js';
import { tokenActor } from '../../features/staff/index.js';

const body = {
  type: 'doc' as const,
  content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text: 'Text.' }] }],
};
const admin = '/api/admin/v1';

interface RssItem {
  title: string;
  link: string;
  guid: { '#text': string };
  category: string[];
  description: string;
}

/** The public corrections record, its feed, the story's JSON-LD and withdrawing a correction. */
describeEachDatabase('the corrections record over HTTP', (getDb) => {
  let app: FastifyInstance;
  let ctx: TestContext;
  let editor: Record<string, string>;
  let bridge: Post;
  let dam: Post;
  let draft: Post;
  const system = tokenActor({ id: 'token-setup', role: 'editor' });

  beforeAll(async () => {
    await getDb().truncate();
    const built = await appFor(getDb());
    app = built.app;
    ctx = built;
    editor = await tokenHeaders(ctx.services, 'editor');
    const authorIds = [(await ctx.services.authors.create({ name: 'Ilona Berg' })).id];
    const story = async (title: string, publish = true) => {
      const post = await ctx.services.posts.create(system, {
        title,
        kind: 'article',
        body,
        authorIds,
      });
      return publish ? ctx.services.posts.publish(system, post.id) : post;
    };
    bridge = await story('Bridge <b>reopens</b> & traffic returns');
    dam = await story('Dam repairs begin');
    draft = await story('Unfinished draft', false);
    // Twenty-one older entries on the dam story, so the record has a second page.
    for (let i = 1; i <= 21; i += 1) {
      ctx.clock.advance(60_000);
      await ctx.services.posts.addCorrection(system, dam.id, {
        kind: 'clarification',
        text: `Dam clarification ${i}`,
      });
    }
  });

  const get = (url: string) => app.inject({ method: 'GET', url });
  const addCorrection = async (postId: string, kind: string, text: string) => {
    ctx.clock.advance(60_000);
    const response = await app.inject({
      method: 'POST',
      url: `${admin}/posts/${postId}/corrections`,
      headers: editor,
      payload: { kind, text },
    });
    expect(response.statusCode).toBe(201);
    return response.json<{ correction: { id: string } }>().correction;
  };
  const withdraw = (
    postId: string,
    correctionId: string,
    headers: Record<string, string>,
    payload?: unknown,
  ) =>
    app.inject({
      method: 'DELETE',
      url: `${admin}/posts/${postId}/corrections/${correctionId}`,
      headers,
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const jsonLdOf = (html: string) =>
    [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map(
      (m) => JSON.parse(m[1] ?? '') as Record<string, unknown>,
    );

  it('lists a correction added through the Admin API at once (the cached page is dropped), newest first, escaped', async () => {
    const before = await get('/corrections/');
    expect(before.statusCode).toBe(200);
    expect(before.headers['x-cache']).toBe('MISS');
    expect((await get('/corrections/')).headers['x-cache']).toBe('HIT');
    const feedBefore = await get('/corrections/rss/');
    expect(feedBefore.body).not.toContain('misnamed the bridge');

    await addCorrection(bridge.id, 'correction', 'An earlier version misnamed the bridge.');
    await addCorrection(dam.id, 'update', 'Repairs are ahead of schedule.');
    await addCorrection(draft.id, 'correction', 'Draft correction, not public.');

    const page = await get('/corrections/');
    expect(page.headers['x-cache']).toBe('MISS');
    const html = page.body;
    expect(html).toContain('<h1>Corrections</h1>');
    // Newest first: the bridge's correction, then the dam's clarifications; no update, no draft.
    const first = html.indexOf('An earlier version misnamed the bridge.');
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(html.indexOf('Dam clarification 21'));
    expect(html).not.toContain('ahead of schedule');
    expect(html).not.toContain('Draft correction');
    // The headline is escaped and links to the story; the time is in a <time datetime>.
    expect(html).toContain('Bridge &lt;b&gt;reopens&lt;/b&gt; &amp; traffic returns');
    expect(html).not.toContain('<b>reopens</b>');
    expect(html).toContain(`href="${bridge.url}"`);
    expect(html).toMatch(/<time datetime="\d{4}-\d\d-\d\dT[^"]+">[A-Z][a-z]+ \d{1,2}, \d{4} /);
    expect(html).toContain('<strong class="correction-kind">Correction</strong>');
    // The footer links the record on every page; the page advertises its feed.
    expect(html).toContain('<a href="/corrections/">Corrections</a>');
    expect((await get('/')).body).toContain('<a href="/corrections/">Corrections</a>');
    expect(html).toContain('href="http://localhost:3000/corrections/rss/"');
  });

  it('pages 20 at a time by cursor; a cursor the site did not issue is a 404 page', async () => {
    const html = (await get('/corrections/')).body;
    expect(html.match(/class="correction-entry"/g)).toHaveLength(20);
    const next = /<a class="show-more" href="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
    expect(next).toMatch(/^\/corrections\/\?before=/);
    const second = (await get(next!)).body;
    expect(second).toContain('<meta name="robots" content="noindex"');
    expect(second.match(/class="correction-entry"/g)).toHaveLength(2);
    expect(second).toContain('Dam clarification 2<');
    expect(second).toContain('Dam clarification 1<');
    expect(second).not.toContain('class="show-more"');
    expect((await get('/corrections/?before=not-a-cursor')).statusCode).toBe(404);
  });

  it('serves valid RSS 2.0 of the record', async () => {
    const response = await get('/corrections/rss/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    const doc = parseXml(response.body) as {
      rss: { '@_version': string; channel: { title: string; link: string; item: RssItem[] } };
    };
    expect(doc.rss['@_version']).toBe('2.0');
    expect(doc.rss.channel.link).toBe('http://localhost:3000/corrections/');
    const [newest] = doc.rss.channel.item;
    expect(newest).toMatchObject({
      title: 'Correction: Bridge <b>reopens</b> & traffic returns',
      link: `http://localhost:3000${bridge.url}#corrections`,
      category: ['correction'],
      description: 'An earlier version misnamed the bridge.',
    });
    expect(doc.rss.channel.item).toHaveLength(22);
    expect((await get('/corrections/rss')).headers.location).toBe('/corrections/rss/');
  });

  it('gives the story’s JSON-LD each correction and clarification as a CorrectionComment', async () => {
    const html = (await get(dam.url)).body;
    const article = jsonLdOf(html).find((d) => d['@type'] === 'NewsArticle');
    const corrections = article?.correction as Array<Record<string, string>>;
    expect(corrections).toHaveLength(21); // the update is not a correction
    expect(corrections[0]).toEqual({
      '@type': 'CorrectionComment',
      datePublished: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as string,
      text: 'Dam clarification 1',
    });
    const plain = await ctx.services.posts.create(system, {
      title: 'Uncorrected',
      kind: 'article',
      body,
      authorIds: bridge.authors.map((a) => a.id),
    });
    await ctx.services.posts.publish(system, plain.id);
    const none = jsonLdOf((await get(plain.url)).body).find((d) => d['@type'] === 'NewsArticle');
    expect(none).toBeDefined();
    expect(none).not.toHaveProperty('correction');
  });

  it('withdraws a correction for editors only, with a reason, leaving the note everywhere', async () => {
    const added = await addCorrection(bridge.id, 'correction', 'Wrongly added to this story.');
    for (const role of ['author', 'contributor'] as const) {
      const refused = await withdraw(bridge.id, added.id, await tokenHeaders(ctx.services, role), {
        reason: 'No',
      });
      expect(refused.statusCode).toBe(403);
    }
    const noReason = await withdraw(bridge.id, added.id, editor, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json()).toMatchObject({ errors: [{ field: 'reason' }] });
    const blank = await withdraw(bridge.id, added.id, editor, { reason: '   ' });
    expect(blank.json()).toMatchObject({ errors: [{ field: 'reason' }] });
    const unknownId = '01939e3a-0000-7000-8000-000000000000';
    expect((await withdraw(bridge.id, unknownId, editor, { reason: 'x' })).statusCode).toBe(404);
    expect((await withdraw(unknownId, added.id, editor, { reason: 'x' })).statusCode).toBe(404);
    expect((await withdraw(dam.id, added.id, editor, { reason: 'x' })).statusCode).toBe(404);

    const cached = await get('/corrections/');
    expect(cached.body).toContain('Wrongly added to this story.');
    const done = await withdraw(bridge.id, added.id, editor, {
      reason: 'It belonged to another story.',
    });
    expect(done.statusCode).toBe(200);
    const { correction } = done.json<{ correction: { text: string; withdrawnAt: string } }>();
    expect(correction.text).toMatch(
      /^A correction made on [A-Z][a-z]+ \d{1,2}, \d{4} was withdrawn: It belonged to another story\.$/,
    );
    expect(correction.withdrawnAt).toEqual(expect.any(String));

    const record = (await get('/corrections/')).body;
    expect(record).not.toContain('Wrongly added to this story.');
    expect(record).toContain(correction.text);
    expect(record).toContain('<strong class="correction-kind">Correction withdrawn</strong>');
    const story = (await get(bridge.url)).body;
    expect(story).not.toContain('Wrongly added to this story.');
    expect(story).toContain(correction.text);
    expect((await get('/corrections/rss/')).body).toContain(correction.text);

    const audit = await app.inject({
      method: 'GET',
      url: `${admin}/audit-log?action=post.correction_withdrawn`,
      headers: await tokenHeaders(ctx.services, 'administrator'),
    });
    expect(audit.json()).toMatchObject({
      entries: [
        {
          subjectId: bridge.id,
          details: {
            text: 'Wrongly added to this story.',
            reason: 'It belonged to another story.',
          },
        },
      ],
    });
    expect((await withdraw(bridge.id, added.id, editor, { reason: 'again' })).statusCode).toBe(409);
  });
});
