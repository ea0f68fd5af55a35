import { gunzipSync } from 'node:zlib';
import { beforeAll, expect, it } from 'vitest';
import { paragraph, useMemberSite } from '../../../test/helpers/member-site.js';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { tokenHeaders } from '../../../test/helpers/test-runtime.js';

interface PostsBody {
  posts: Array<{ id: string; title: string; html: string; access: boolean }>;
}

describeEachDatabase('Content API cache', (getDb) => {
  const m = useMemberSite(getDb);
  let editor: Record<string, string>;
  let authorId: string;
  const list = (query: string, headers: Record<string, string> = {}) =>
    m.app.inject({ url: `/api/content/v1/posts?${query}`, headers });

  beforeAll(async () => {
    editor = await tokenHeaders(m.ctx.services, 'editor');
    authorId = (await m.ctx.services.authors.list())[0]!.id;
  });

  const createStory = async (title: string) => {
    const created = await m.app.inject({
      method: 'POST',
      url: '/api/admin/v1/posts',
      headers: editor,
      payload: { title, authorIds: [authorId], body: paragraph(`${title}: text.`) },
    });
    expect(created.statusCode, created.body).toBe(201);
    return created.json<{ post: { id: string; version: number } }>().post;
  };

  it('answers a repeated GET from the cache with the same ETag, whatever the query order', async () => {
    const first = await list(`limit=5&kind=article&key=${m.contentKey}`);
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toContain('application/json');
    expect(first.headers['x-cache']).toBe('MISS');
    const etag = first.headers.etag;
    expect(etag).toMatch(/^"[^"]+"$/);
    // Same question another way: params reordered, key in the header instead of the query.
    const second = await list('kind=article&limit=5', { 'x-masthead-key': m.contentKey });
    expect(second.headers['x-cache']).toBe('HIT');
    expect(second.headers.etag).toBe(etag);
    expect(second.body).toBe(first.body);
    // The default limit is part of the key: `?limit=20` and no limit are one entry.
    await list(`key=${m.contentKey}`);
    expect((await list(`limit=20&key=${m.contentKey}`)).headers['x-cache']).toBe('HIT');
    // A CDN must not share one key's answer with another key (or none).
    expect(second.headers['cache-control']).toBe('private, no-cache');
    expect(second.headers.vary).toContain('X-Masthead-Key');
  });

  it('answers If-None-Match with 304 and compresses as asked', async () => {
    const first = await list(`key=${m.contentKey}`);
    const notModified = await list(`key=${m.contentKey}`, {
      'if-none-match': first.headers.etag as string,
    });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.body).toBe('');
    const gzipped = await list(`key=${m.contentKey}`, { 'accept-encoding': 'gzip' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipped.rawPayload).toString()).toBe(first.body);
    // Still the wrong key's answer: the check comes before the cache.
    expect((await list('key=mh_content_wrong')).statusCode).toBe(401);
  });

  it('shows a story published or edited through the Admin API on the next GET', async () => {
    await list(`key=${m.contentKey}`);
    expect((await list(`key=${m.contentKey}`)).headers['x-cache']).toBe('HIT');
    const story = await createStory('Fresh story');
    await m.app.inject({
      method: 'POST',
      url: `/api/admin/v1/posts/${story.id}/publish`,
      headers: editor,
    });
    const afterPublish = await list(`key=${m.contentKey}`);
    expect(afterPublish.headers['x-cache']).toBe('MISS');
    expect(afterPublish.json<PostsBody>().posts.map((p) => p.title)).toContain('Fresh story');
    const single = `/api/content/v1/posts/${story.id}?key=${m.contentKey}`;
    await m.app.inject(single);
    expect((await m.app.inject(single)).headers['x-cache']).toBe('HIT');

    const current = (
      await m.app.inject({ url: `/api/admin/v1/posts/${story.id}`, headers: editor })
    ).json<{ post: { version: number } }>().post;
    const edited = await m.app.inject({
      method: 'PATCH',
      url: `/api/admin/v1/posts/${story.id}`,
      headers: editor,
      payload: { version: current.version, title: 'Fresh story, corrected' },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const titles = (await list(`key=${m.contentKey}`)).json<PostsBody>().posts.map((p) => p.title);
    expect(titles).toContain('Fresh story, corrected');
    expect(titles).not.toContain('Fresh story');
    const reread = await m.app.inject(single);
    expect(reread.headers['x-cache']).toBe('MISS');
    expect(reread.json<{ post: { title: string } }>().post.title).toBe('Fresh story, corrected');
  });

  it('never serves a members-only body from the anonymous entry, nor the teaser to a member', async () => {
    const member = await m.signIn('cached-reader@example.org');
    const url = `/api/content/v1/posts/slug/members-story?key=${m.contentKey}`;
    const bodyOf = (response: { json<T>(): T }) =>
      response.json<{ post: { access: boolean; html: string } }>().post;
    for (let round = 0; round < 2; round += 1) {
      const anonymous = await m.app.inject(url);
      expect(bodyOf(anonymous).access).toBe(false);
      expect(anonymous.body).not.toContain('MEMBERS-ONLY-BODY');
      const asMember = await m.app.inject({ url, headers: { cookie: member } });
      expect(bodyOf(asMember).access).toBe(true);
      expect(asMember.body).toContain('MEMBERS-ONLY-BODY');
      // The second round comes from the cache: one entry per audience, never mixed.
      expect(asMember.headers['x-cache']).toBe(round === 0 ? 'MISS' : 'HIT');
      expect(anonymous.headers.etag).not.toBe(asMember.headers.etag);
    }
    const memberList = await list(`key=${m.contentKey}`, { cookie: member });
    const inList = memberList.json<PostsBody>().posts.find((p) => p.title === 'Members story');
    expect(inList?.html).toContain('MEMBERS-ONLY-BODY');
    const anonymousList = await list(`key=${m.contentKey}`);
    expect(anonymousList.body).not.toContain('MEMBERS-ONLY-BODY');
    expect(anonymousList.body).not.toContain('PAID-ONLY-BODY');
  });

  it('refuses a revoked content key on the very next request', async () => {
    const { token, secret } = await m.ctx.services.tokens.create({
      name: 'Partner',
      kind: 'content',
    });
    expect((await list(`key=${secret}`)).statusCode).toBe(200);
    // Remembered now: a cache hit needs no database for the key either.
    expect((await list(`key=${secret}`)).headers['x-cache']).toBe('HIT');
    const admin = await tokenHeaders(m.ctx.services, 'administrator');
    const revoked = await m.app.inject({
      method: 'DELETE',
      url: `/api/admin/v1/tokens/${token.id}`,
      headers: admin,
    });
    expect(revoked.statusCode).toBe(204);
    expect((await list(`key=${secret}`)).statusCode).toBe(401);
    expect((await list('', { 'x-masthead-key': secret })).statusCode).toBe(401);
    // Other keys are unaffected.
    expect((await list(`key=${m.contentKey}`)).statusCode).toBe(200);
  });
});
