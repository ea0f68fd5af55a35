import { describe, expect, it } from 'vitest';
import { mirrorTarget } from './mirror-paths.js';
import {
  rewriteFeed,
  rewriteHtml,
  rewriteUrl,
  sitemapLinks,
  type RewriteContext,
} from './mirror-rewrite.js';

const publicUrl = 'https://news.example';
const at = (url: string, baseUrl?: string): RewriteContext => ({
  publicUrl,
  baseUrl,
  from: mirrorTarget(url)!,
});

describe('rewriteUrl', () => {
  const ctx = at('/tag/world/');
  it('points mirrored addresses into the tree, keeping the fragment', () => {
    expect(rewriteUrl('/a-story/#update-1', ctx).value).toBe('../../a-story/index.html#update-1');
    expect(rewriteUrl('https://news.example/rss/', ctx).value).toBe('../../rss/index.xml');
    expect(rewriteUrl('/news/?before=C', ctx).value).toBe('../../news/before/C/index.html');
  });

  it('sends what the mirror does not hold to the live site, and leaves other sites alone', () => {
    expect(rewriteUrl('/membership/', ctx)).toEqual({ value: 'https://news.example/membership/' });
    expect(rewriteUrl('https://elsewhere.example/x', ctx).value).toBe(
      'https://elsewhere.example/x',
    );
    expect(rewriteUrl('mailto:desk@news.example', ctx).value).toBe('mailto:desk@news.example');
    expect(rewriteUrl('#main', ctx).value).toBe('#main');
  });

  it('points forms at the live site, even the search page the mirror holds', () => {
    expect(rewriteUrl('/search', ctx, { isForm: true }).value).toBe('https://news.example/search');
    // Served at the live site's own address, forms work as they are.
    expect(rewriteUrl('/search', at('/tag/world/', publicUrl), { isForm: true }).value).toBe(
      '/search',
    );
  });
});

describe('rewriteHtml', () => {
  const html =
    '<!doctype html><html><head><link rel="canonical" href="https://news.example/a/">' +
    '<link rel="stylesheet" href="/assets/site-0123456789ab.css"></head><body>' +
    '<a href="/tag/world/?before=X&amp;utm=1">odd</a><a class="show-more" href="/news/?before=C">More</a>' +
    '<img src="/media/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b/w960.jpg" srcset="/media/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b/w320.jpg 320w, /media/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b/w960.jpg 960w" alt="a &quot;b&quot; > c">' +
    '<form action="/newsletters/" method="post"><button>Join</button></form>' +
    '<div data-live-stream="/a/live"><a href="/a/">Reload for new updates</a></div>' +
    '<p>Text with href="/a/" in it, escaped: &lt;a href=&quot;/x/&quot;&gt;</p>' +
    '<script type="application/ld+json">{"url":"https://news.example/a/"}</script></body></html>';

  it('rewrites links, images and forms, and leaves the canonical link, text and JSON-LD', () => {
    const { body, links } = rewriteHtml(html, at('/a/'));
    expect(body).toContain('<link rel="canonical" href="https://news.example/a/">');
    expect(body).toContain('href="../assets/site-0123456789ab.css"');
    expect(body).toContain('href="https://news.example/tag/world/?before=X&amp;utm=1"');
    expect(body).toContain('class="show-more" href="../news/before/C/index.html"');
    expect(body).toContain(
      'src="../media/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b/w960.jpg" srcset="../media/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b/w320.jpg 320w, ../media/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b/w960.jpg 960w" alt="a &quot;b&quot; > c"',
    );
    expect(body).toContain('<form action="https://news.example/newsletters/" method="post">');
    expect(body).toContain('<div><a href="index.html">Reload for new updates</a></div>');
    expect(body).toContain(
      '<p>Text with href="/a/" in it, escaped: &lt;a href=&quot;/x/&quot;&gt;</p>',
    );
    expect(body).toContain('{"url":"https://news.example/a/"}');
    expect(links.map((l) => l.url).sort()).toEqual(
      [
        '/a/',
        '/assets/site-0123456789ab.css',
        '/media/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b/w320.jpg',
        '/media/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b/w960.jpg',
        '/news/?before=C',
      ].sort(),
    );
  });

  it('writes absolute links on --base-url', () => {
    const { body } = rewriteHtml(html, at('/a/', 'http://mirror.onion'));
    expect(body).toContain('class="show-more" href="http://mirror.onion/news/before/C/"');
    expect(body).toContain('<form action="https://news.example/newsletters/" method="post">');
  });
});

describe('feeds and sitemaps', () => {
  const rss =
    '<rss><channel><link>https://news.example/</link><item><link>https://news.example/a/</link>' +
    '<guid isPermaLink="true">https://news.example/a/</guid>' +
    '<content:encoded><![CDATA[<img src="https://news.example/media/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b/w960.jpg">]]></content:encoded>' +
    '</item></channel></rss>';

  it('keep naming the live site without --base-url', () => {
    expect(rewriteFeed(rss, at('/rss/'), 'xml')).toBe(rss);
  });

  it('move to --base-url, except the entries’ ids', () => {
    const moved = rewriteFeed(rss, at('/rss/', 'http://mirror.onion'), 'xml');
    expect(moved).toContain('<link>http://mirror.onion/</link>');
    expect(moved).toContain('<link>http://mirror.onion/a/</link>');
    expect(moved).toContain('<guid isPermaLink="true">https://news.example/a/</guid>');
    expect(moved).toContain(
      'src="http://mirror.onion/media/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b/w960.jpg"',
    );
    const json = '{"id":"https://news.example/a/","url":"https://news.example/a/"}';
    expect(rewriteFeed(json, at('/feed.json', 'http://mirror.onion'), 'json')).toBe(
      '{"id":"https://news.example/a/","url":"http://mirror.onion/a/"}',
    );
    const index =
      '<sitemap><loc>https://news.example/sitemap-posts.xml?after=A&amp;until=B</loc></sitemap>';
    expect(rewriteFeed(index, at('/sitemap.xml', 'http://mirror.onion'), 'xml')).toBe(
      '<sitemap><loc>http://mirror.onion/sitemap-posts/A/until-B.xml</loc></sitemap>',
    );
  });

  it('sitemapLinks reads every mirrored <loc>', () => {
    const xml =
      '<urlset><url><loc>https://news.example/a/</loc></url><url><loc>https://news.example/sitemap-posts.xml?after=A&amp;until=B</loc></url><url><loc>https://elsewhere.example/</loc></url></urlset>';
    expect(sitemapLinks(xml, at('/sitemap.xml')).map((t) => t.url)).toEqual([
      '/a/',
      '/sitemap-posts.xml?after=A&until=B',
    ]);
  });
});
