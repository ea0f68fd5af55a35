import type { Post } from '../../../features/posts/index.js';
import type { Tag } from '../../../features/tags/index.js';
import type { PopularPost } from '../../../shared/contracts/analytics.js';
import { FeedList, type FeedEntry } from '../components/feed-list.js';
import { Layout } from '../components/layout.js';
import { GateLabel, StoryCard, type MediaMap } from '../components/story-card.js';
import { formatFeedTime } from '../format-time.js';
import { documentHtml, h, type Html } from '../jsx/index.js';
import { absoluteUrl, type SiteContext } from '../site-context.js';

export interface HomePageData {
  site: SiteContext;
  lead: Post | undefined;
  /** Set when the lead is a live page still going: the red "Live" label and its latest update's time. */
  leadLive?: { latestAt: string | null } | undefined;
  topStories: Post[];
  /** Stories, briefs and live pages' key events, newest first. */
  feed: FeedEntry[];
  hasMoreFeed: boolean;
  /** The most read stories of the last 24 hours, most read first (the box hides when empty). */
  mostRead: readonly PopularPost[];
  sections: Array<{ tag: Tag; posts: Post[] }>;
  media: MediaMap;
}

function homeJsonLd(site: SiteContext): Array<Record<string, unknown>> {
  const { settings } = site;
  return [
    {
      '@context': 'https://schema.org',
      '@type': 'NewsMediaOrganization',
      name: settings.siteName,
      url: absoluteUrl(site, '/'),
      ...(settings.logoUrl ? { logo: settings.logoUrl } : {}),
      sameAs: Object.values(settings.socialLinks),
    },
    {
      '@context': 'https://schema.org',
      '@type': 'WebSite',
      name: settings.siteName,
      url: absoluteUrl(site, '/'),
      potentialAction: {
        '@type': 'SearchAction',
        target: {
          '@type': 'EntryPoint',
          urlTemplate: `${absoluteUrl(site, '/search')}?q={search_term_string}`,
        },
        'query-input': 'required name=search_term_string',
      },
    },
  ];
}

/** "Most read": the numbered list of the day's most read stories, in the News Feed's column. */
function MostRead(props: { posts: readonly PopularPost[] }): Html | null {
  if (props.posts.length === 0) return null;
  return (
    <section class="most-read" aria-labelledby="most-read-heading">
      <h2 class="section-heading" id="most-read-heading">
        Most read
      </h2>
      <ol class="most-read-list" role="list">
        {props.posts.map((post) => (
          <li>
            <a href={post.url}>{post.title}</a>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function renderHomePage(data: HomePageData): string {
  const { site, media } = data;
  const { settings } = site;
  return documentHtml(
    <Layout
      site={site}
      meta={{
        title: `${settings.siteName} — ${settings.description}`,
        description: settings.description,
        canonical: absoluteUrl(site, '/'),
        jsonLd: homeJsonLd(site),
      }}
    >
      <h1 class="visually-hidden">{settings.siteName}</h1>
      {/* Lead, News Feed, top stories in the document: on a phone the feed comes right after the
          lead; on a wide screen the grid puts the feed in a column beside both. */}
      <div class="home-top">
        <section class="home-lead" aria-label="Lead story">
          {data.lead ? (
            <StoryCard
              post={data.lead}
              media={media}
              site={site}
              headingLevel={2}
              className="lead"
              isEager
              sizes="(min-width: 960px) 760px, 100vw"
            />
          ) : (
            <p>Nothing has been published yet.</p>
          )}
          {data.leadLive ? (
            <p class="live-lead">
              <span class="live-label">Live</span>
              {data.leadLive.latestAt ? (
                <span>
                  Latest update{' '}
                  <time datetime={data.leadLive.latestAt}>
                    {formatFeedTime(data.leadLive.latestAt, {
                      timezone: settings.timezone,
                      locale: settings.locale,
                    })}
                  </time>
                </span>
              ) : null}
            </p>
          ) : null}
        </section>
        <section class="news-feed-column" aria-labelledby="news-feed-heading">
          <h2 class="section-heading" id="news-feed-heading">
            <a href="/news/">News Feed</a>
          </h2>
          <FeedList posts={data.feed} site={site} dayHeadingLevel={3} />
          {data.hasMoreFeed ? (
            <a class="more-link" href="/news/">
              Show More
            </a>
          ) : null}
          <MostRead posts={data.mostRead} />
        </section>
        {data.topStories.length > 0 ? (
          <section class="top-stories" aria-label="Top stories">
            {data.topStories.map((post) => (
              <StoryCard post={post} media={media} site={site} headingLevel={3} showDek={false} />
            ))}
          </section>
        ) : null}
      </div>
      <div class="section-blocks">
        {data.sections.map(({ tag, posts }) => {
          const [first, ...rest] = posts;
          return (
            <section class="section-block" aria-labelledby={`section-${tag.slug}`}>
              <h2 class="section-heading" id={`section-${tag.slug}`}>
                <a href={`/tag/${tag.slug}/`}>{tag.name}</a>
              </h2>
              {first ? <StoryCard post={first} media={media} site={site} headingLevel={3} /> : null}
              <ul>
                {rest.map((post) => (
                  <li>
                    <GateLabel post={post} />
                    <a href={post.url}>{post.title}</a>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
    </Layout>,
  );
}
