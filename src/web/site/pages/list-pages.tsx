import type { Author } from '../../../features/authors/index.js';
import type { Post } from '../../../features/posts/index.js';
import type { Tag } from '../../../features/tags/index.js';
import { FeedList, ShowMore, type FeedEntry } from '../components/feed-list.js';
import { Layout } from '../components/layout.js';
import { Picture } from '../components/picture.js';
import { GateLabel, Kicker, StoryCard, type MediaMap } from '../components/story-card.js';
import { formatStoryTime } from '../format-time.js';
import { documentHtml, h, raw, type Html } from '../jsx/index.js';
import { absoluteUrl, type SiteContext } from '../site-context.js';

const nextHref = (path: string, next: string | null) =>
  next ? `${path}?before=${encodeURIComponent(next)}` : null;

function StoryList(props: { posts: Post[]; media: MediaMap; site: SiteContext }): Html {
  return (
    <ol class="story-list">
      {props.posts.map((post) => (
        <li data-id={post.id}>
          <StoryCard
            post={post}
            media={props.media}
            site={props.site}
            headingLevel={2}
            sizes="(min-width: 700px) 192px, 100vw"
          />
        </li>
      ))}
    </ol>
  );
}

/**
 * `/news/`: the News Feed, 20 items a page, newest first (stories, briefs, live pages and their
 * key events); Show More appends the next 20.
 */
export function renderNewsPage(data: {
  site: SiteContext;
  posts: readonly FeedEntry[];
  next: string | null;
  isFirstPage: boolean;
}): string {
  const { site } = data;
  return documentHtml(
    <Layout
      site={site}
      meta={{
        title: `News Feed — ${site.settings.siteName}`,
        description: `The latest from ${site.settings.siteName}, as it happens.`,
        canonical: absoluteUrl(site, '/news/'),
        isNoIndex: !data.isFirstPage,
      }}
    >
      <header class="page-header">
        <h1>News Feed</h1>
        <p class="meta">The latest reports and short updates, newest first.</p>
      </header>
      <FeedList posts={data.posts} site={site} showSummary dayHeadingLevel={2} />
      <ShowMore href={nextHref('/news/', data.next)} isKeptInUrl />
    </Layout>,
  );
}

export function renderAuthorPage(data: {
  site: SiteContext;
  author: Author;
  posts: Post[];
  next: string | null;
  media: MediaMap;
  isFirstPage: boolean;
}): string {
  const { site, author } = data;
  const avatar = author.avatarMediaId ? data.media.get(author.avatarMediaId) : undefined;
  const path = `/author/${author.slug}/`;
  const links = [
    author.links.website ? { label: 'Website', url: author.links.website } : undefined,
    author.links.x
      ? { label: 'X', url: `https://x.com/${author.links.x.replace(/^@/, '')}` }
      : undefined,
    author.links.telegram
      ? { label: 'Telegram', url: `https://t.me/${author.links.telegram.replace(/^@/, '')}` }
      : undefined,
    author.links.email ? { label: 'Email', url: `mailto:${author.links.email}` } : undefined,
  ].filter((l): l is { label: string; url: string } => l !== undefined);
  return documentHtml(
    <Layout
      site={site}
      meta={{
        title: `${author.name} — ${site.settings.siteName}`,
        description: author.bio || `Stories by ${author.name}.`,
        canonical: absoluteUrl(site, path),
        type: 'profile',
        isNoIndex: !data.isFirstPage,
        feeds: [
          {
            title: `${author.name} — ${site.settings.siteName}`,
            url: absoluteUrl(site, `${path}rss/`),
          },
        ],
        jsonLd: [
          {
            '@context': 'https://schema.org',
            '@type': 'ProfilePage',
            mainEntity: {
              '@type': 'Person',
              name: author.name,
              jobTitle: author.roleTitle || undefined,
              description: author.bio || undefined,
              url: absoluteUrl(site, path),
            },
          },
        ],
      }}
    >
      <header class="page-header author-card">
        {avatar ? <Picture media={avatar} alt="" sizes="72px" maxWidth={320} isEager /> : <span />}
        <div>
          <h1>{author.name}</h1>
          {author.roleTitle ? (
            <p class="meta">
              {author.roleTitle}
              {author.location ? ` · ${author.location}` : ''}
            </p>
          ) : null}
          {author.bio ? <p>{author.bio}</p> : null}
          {links.length > 0 ? (
            <p>
              {links.map((l, i) => (
                <span>
                  {i > 0 ? ' · ' : ''}
                  <a href={l.url} rel="me noopener">
                    {l.label}
                  </a>
                </span>
              ))}
            </p>
          ) : null}
        </div>
      </header>
      <h2 class="section-heading">Latest from {author.name}</h2>
      <StoryList posts={data.posts} media={data.media} site={site} />
      <ShowMore href={nextHref(path, data.next)} list=".story-list" label="More stories" />
    </Layout>,
  );
}

export function renderTagPage(data: {
  site: SiteContext;
  tag: Tag;
  posts: Post[];
  next: string | null;
  media: MediaMap;
  isFirstPage: boolean;
}): string {
  const { site, tag } = data;
  const path = `/tag/${tag.slug}/`;
  return documentHtml(
    <Layout
      site={site}
      currentSectionSlug={tag.slug}
      meta={{
        title: `${tag.name} — ${site.settings.siteName}`,
        description: tag.description || `${tag.name}: the latest from ${site.settings.siteName}.`,
        canonical: absoluteUrl(site, path),
        isNoIndex: !data.isFirstPage,
        feeds: [
          {
            title: `${tag.name} — ${site.settings.siteName}`,
            url: absoluteUrl(site, `${path}rss/`),
          },
        ],
      }}
    >
      <header class="page-header">
        <h1>{tag.name}</h1>
        {tag.description ? <p>{tag.description}</p> : null}
      </header>
      <StoryList posts={data.posts} media={data.media} site={site} />
      <ShowMore href={nextHref(path, data.next)} list=".story-list" label="More stories" />
    </Layout>,
  );
}

export interface SearchHit {
  post: Post;
  snippet: string;
}

export type SearchSort = 'relevance' | 'newest';

const searchHref = (q: string, sort: SearchSort, after?: string) =>
  `/search?q=${encodeURIComponent(q)}${sort === 'newest' ? '&sort=newest' : ''}${
    after ? `&after=${encodeURIComponent(after)}` : ''
  }`;

/** "Best match · Newest": links, so each order is its own cacheable page. */
function SearchSortLinks(props: { q: string; sort: SearchSort }): Html {
  const options: Array<[SearchSort, string]> = [
    ['relevance', 'Best match'],
    ['newest', 'Newest'],
  ];
  return (
    <nav class="search-sort" aria-label="Sort results">
      <span class="meta">Sort by:</span>
      {options.map(([value, label]) =>
        value === props.sort ? (
          <a href={searchHref(props.q, value)} aria-current="page">
            {label}
          </a>
        ) : (
          <a href={searchHref(props.q, value)}>{label}</a>
        ),
      )}
    </nav>
  );
}

/** A result: section, headline, the matched excerpt, then the byline and date. */
function SearchResult(props: { hit: SearchHit; site: SiteContext }): Html {
  const { post } = props.hit;
  const zone = { timezone: props.site.settings.timezone, locale: props.site.settings.locale };
  return (
    <article class="card search-result">
      <Kicker post={post} />
      <h2>
        <GateLabel post={post} />
        <a href={post.url}>{post.title}</a>
      </h2>
      {/* The snippet is escaped by the search service; only its <mark> tags are markup. */}
      <p class="dek">{raw(props.hit.snippet)}</p>
      <p class="meta">
        {post.authors.length > 0 ? (
          <span class="search-byline">By {post.authors.map((a) => a.name).join(', ')} · </span>
        ) : null}
        {post.publishedAt ? (
          <time datetime={post.publishedAt}>{formatStoryTime(post.publishedAt, zone)}</time>
        ) : null}
      </p>
    </article>
  );
}

export function renderSearchPage(data: {
  site: SiteContext;
  q: string;
  sort?: SearchSort;
  hits: SearchHit[];
  next: string | null;
  problem?: string;
}): string {
  const { site } = data;
  const sort = data.sort ?? 'relevance';
  return documentHtml(
    <Layout
      site={site}
      meta={{
        title: data.q
          ? `“${data.q}” — Search — ${site.settings.siteName}`
          : `Search — ${site.settings.siteName}`,
        description: `Search ${site.settings.siteName}.`,
        canonical: absoluteUrl(site, '/search'),
        isNoIndex: true,
      }}
    >
      <header class="page-header">
        <h1>Search</h1>
        <form class="search-form" action="/search" method="get" role="search">
          <label class="visually-hidden" for="search-q">
            Search for
          </label>
          <input id="search-q" name="q" type="search" value={data.q} />
          {sort === 'newest' ? <input type="hidden" name="sort" value="newest" /> : null}
          <button type="submit">Search</button>
        </form>
        {data.problem ? (
          <p class="form-problem" role="alert">
            {data.problem}
          </p>
        ) : null}
        {data.q && !data.problem ? (
          <p class="meta" role="status">
            {data.hits.length === 0
              ? `Nothing found for “${data.q}”.`
              : `Results for “${data.q}”, ${sort === 'newest' ? 'newest' : 'best'} first.`}
          </p>
        ) : null}
        {data.q && !data.problem ? <SearchSortLinks q={data.q} sort={sort} /> : null}
      </header>
      <ol class="story-list search-results">
        {data.hits.map((hit) => (
          <li data-id={hit.post.id}>
            <SearchResult hit={hit} site={site} />
          </li>
        ))}
      </ol>
      <ShowMore
        href={data.next ? searchHref(data.q, sort, data.next) : null}
        list=".search-results"
        label="More results"
      />
    </Layout>,
  );
}
