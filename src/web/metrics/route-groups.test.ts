import { describe, expect, it } from 'vitest';
import { routeGroupOf } from './route-groups.js';

describe('routeGroupOf', () => {
  it('puts every route pattern in one of a few fixed groups', () => {
    const cases: Array<[string | undefined, string]> = [
      ['/', 'reader_page'],
      ['/:slug', 'reader_page'],
      ['/tag/:slug/', 'reader_page'],
      ['/search', 'reader_page'],
      ['/signin/', 'reader_page'],
      ['/rss/', 'feed'],
      ['/feed.json', 'feed'],
      ['/sitemap-posts.xml', 'feed'],
      ['/robots.txt', 'feed'],
      ['/api/content/v1/posts', 'content_api'],
      ['/api/admin/v1/posts/:id', 'admin_api'],
      ['/admin/', 'admin_app'],
      ['/admin/*', 'admin_app'],
      ['/assets/site-0123456789ab.css', 'assets'],
      ['/media/:id/:file', 'assets'],
      ['/e/:emailId/open.gif', 'email'],
      ['/r/:emailId/:sig', 'email'],
      ['/unsubscribe/', 'email'],
      ['/webhooks/stripe', 'webhooks'],
      ['/healthz', 'system'],
      ['/metrics', 'system'],
      [undefined, 'unmatched'],
    ];
    for (const [pattern, group] of cases)
      expect(routeGroupOf(pattern), String(pattern)).toBe(group);
  });
});
