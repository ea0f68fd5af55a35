import { beforeAll, expect, it } from 'vitest';
import { useMemberSite } from '../../../test/helpers/member-site.js';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';

interface GhostPost {
  title: string;
  access: boolean;
  html: string;
}

describeEachDatabase('Ghost Content API: member bodies and the cache', (getDb) => {
  const m = useMemberSite(getDb);
  let key = '';
  beforeAll(async () => {
    key = (await m.ctx.services.tokens.create({ name: 'Theme', kind: 'content' })).ghostKey!;
  });
  const read = (slug: string, cookie?: string) =>
    m.app.inject({
      url: `/ghost/api/content/posts/slug/${slug}/?key=${key}`,
      ...(cookie ? { headers: { cookie } } : {}),
    });
  const postOf = (response: { json<T>(): T }) => response.json<{ posts: GhostPost[] }>().posts[0]!;

  it('gives a members-only body to a signed-in member only, each audience its own cache entry', async () => {
    const member = await m.signIn('ghost-reader@example.org');
    for (let round = 0; round < 2; round += 1) {
      const anonymous = await read('members-story');
      expect(postOf(anonymous)).toMatchObject({ access: false, html: '' });
      expect(anonymous.body).not.toContain('MEMBERS-ONLY-BODY');
      const asMember = await read('members-story', member);
      expect(postOf(asMember).access).toBe(true);
      expect(postOf(asMember).html).toContain('MEMBERS-ONLY-BODY');
      expect(asMember.headers['x-cache']).toBe(round === 0 ? 'MISS' : 'HIT');
    }
    // A free member is not entitled to a paid story.
    const paid = await read('paid-story', member);
    expect(postOf(paid)).toMatchObject({ access: false, html: '' });
    expect(paid.body).not.toContain('PAID-ONLY-BODY');
  });

  it('shares one cache entry between equivalent queries, and a wrong key never reaches it', async () => {
    const list = (query: string) => m.app.inject(`/ghost/api/content/posts/?${query}`);
    await list(`key=${key}&limit=5&include=tags,authors`);
    const same = await list(`include=authors,tags&limit=5&key=${key}`);
    expect(same.statusCode).toBe(200);
    expect(same.headers['x-cache']).toBe('HIT');
    expect(same.headers['cache-control']).toBe('private, no-cache');
    expect((await list(`include=authors,tags&limit=5&key=${'1'.repeat(26)}`)).statusCode).toBe(401);
  });
});
