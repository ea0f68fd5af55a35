import { describe, expect, it } from 'vitest';
import { linkTo, mirrorTarget, webPathOf } from './mirror-paths.js';

const fileOf = (url: string) => mirrorTarget(url)?.file;

describe('mirrorTarget', () => {
  it('writes a directory address as <path>/index.html and pagination as a path', () => {
    expect(fileOf('/')).toBe('index.html');
    expect(fileOf('/news/')).toBe('news/index.html');
    expect(fileOf('/news/?before=eyJhIjoxfQ')).toBe('news/before/eyJhIjoxfQ/index.html');
    expect(fileOf('/tag/world/?before=abc_-1')).toBe('tag/world/before/abc_-1/index.html');
    expect(fileOf('/author/ana/')).toBe('author/ana/index.html');
    expect(fileOf('/corrections/?before=x')).toBe('corrections/before/x/index.html');
    expect(fileOf('/a-story/')).toBe('a-story/index.html');
    expect(mirrorTarget('/search')).toMatchObject({ url: '/search', file: 'search/index.html' });
    expect(fileOf('/%D0%BC%D0%B8%D1%80/')).toBe('мир/index.html');
    expect(mirrorTarget('/мир/')?.url).toBe('/%D0%BC%D0%B8%D1%80/');
  });

  it('writes feeds at directory addresses as index.xml, and files as they are', () => {
    expect(fileOf('/rss/')).toBe('rss/index.xml');
    expect(fileOf('/tag/world/rss/')).toBe('tag/world/rss/index.xml');
    expect(fileOf('/corrections/rss/')).toBe('corrections/rss/index.xml');
    expect(fileOf('/feed.json')).toBe('feed.json');
    expect(fileOf('/author/ana/feed.json')).toBe('author/ana/feed.json');
    expect(fileOf('/sitemap.xml')).toBe('sitemap.xml');
    expect(fileOf('/sitemap-news.xml')).toBe('sitemap-news.xml');
    expect(fileOf('/sitemap-posts.xml?after=A1&until=B2')).toBe('sitemap-posts/A1/until-B2.xml');
    expect(fileOf('/sitemap-posts.xml?after=A1')).toBe('sitemap-posts/A1/latest.xml');
    expect(fileOf('/robots.txt')).toBe('robots.txt');
    const media = '/media/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b/w640.webp';
    expect(mirrorTarget(media)).toMatchObject({ kind: 'media', file: media.slice(1) });
    expect(mirrorTarget('/assets/site-0123456789ab.css')?.kind).toBe('asset');
  });

  it.each([
    '/membership/',
    '/account/',
    '/newsletters/',
    '/signin/',
    '/admin/',
    '/api/hit',
    '/preview/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b/',
    '/news/?through=x',
    '/news/?before=x&before=y',
    '/news/?before=not%20a%20cursor',
    '/search?q=war',
    '/a-story/?utm=1',
    '/a-story',
    '/a-story/live',
    '/.masthead-mirror.json',
    '/%2e%2e/etc/',
    '/a%2Fb/',
    '/media/x/original.exe',
  ])('leaves %s to the live site', (url) => {
    expect(mirrorTarget(url)).toBeUndefined();
  });
});

describe('links', () => {
  const news2 = mirrorTarget('/news/?before=C')!;
  it('are relative to the tree and name the file, so any server (or a disk) follows them', () => {
    expect(linkTo('index.html', mirrorTarget('/news/')!, undefined)).toBe('news/index.html');
    expect(linkTo('tag/world/index.html', news2, undefined)).toBe('../../news/before/C/index.html');
    expect(linkTo('news/index.html', news2, undefined)).toBe('before/C/index.html');
    expect(linkTo('a/index.html', mirrorTarget('/a/')!, undefined)).toBe('index.html');
    expect(linkTo('a/index.html', mirrorTarget('/мир/')!, undefined)).toBe(
      '../%D0%BC%D0%B8%D1%80/index.html',
    );
  });

  it('are absolute on --base-url, directories with their slash', () => {
    const base = 'http://mirror.onion';
    expect(linkTo('x/index.html', mirrorTarget('/')!, base)).toBe('http://mirror.onion/');
    expect(linkTo('x/index.html', news2, base)).toBe('http://mirror.onion/news/before/C/');
    expect(linkTo('x/index.html', mirrorTarget('/rss/')!, base)).toBe(
      'http://mirror.onion/rss/index.xml',
    );
    expect(webPathOf(mirrorTarget('/sitemap.xml')!)).toBe('sitemap.xml');
  });
});
