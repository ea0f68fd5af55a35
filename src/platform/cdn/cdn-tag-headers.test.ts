import { expect, it } from 'vitest';
import { cdnTagHeaders } from './cdn-tag-headers.js';

it('writes the tags space-separated for Fastly and comma-separated for Cloudflare', () => {
  expect(cdnTagHeaders(['home', 'post:p1', 'slug:a-b'])).toEqual({
    surrogateKey: 'home post:p1 slug:a-b',
    cacheTag: 'home,post:p1,slug:a-b',
  });
  expect(cdnTagHeaders([])).toBeUndefined();
});

it('keeps a long list under the cap by leaving out per-story tags, never the broad ones', () => {
  const tags = ['home', 'news', 'tag:t1', ...Array.from({ length: 2000 }, (_, i) => `post:${i}`)];
  const headers = cdnTagHeaders(tags, 8000)!;
  expect(headers.surrogateKey).toBe('home news tag:t1');
  expect(headers.cacheTag.length).toBeLessThanOrEqual(8000);
});

it('leaves out what a header cannot carry', () => {
  expect(cdnTagHeaders(['home', 'slug:київ', 'a,b'])?.cacheTag).toBe('home');
});
