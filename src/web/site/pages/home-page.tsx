import type { Post } from '../../../features/posts/index.js';
import type { SiteSettings } from '../../../features/settings/index.js';
import type { Tag } from '../../../features/tags/index.js';
import { Layout } from '../components/layout.js';
import { formatFeedTime } from '../format-time.js';
import { documentHtml, h, type Html } from '../jsx/index.js';

export interface HomePageData {
  settings: SiteSettings;
  navigation: Tag[];
  lead: Post | undefined;
  topStories: Post[];
  feed: Post[];
}

function Kicker(props: { post: Post }): Html {
  const primary = props.post.tags[0];
  return primary ? <span class="kicker">{primary.name}</span> : <span />;
}

function StoryImage(props: { post: Post; width: number; isEager?: boolean }): Html | null {
  const image = props.post.leadImage;
  if (!image) return null;
  return (
    <img
      src={`/media/${image.mediaId}/w${props.width}.jpg`}
      alt={image.alt}
      loading={props.isEager ? 'eager' : 'lazy'}
      decoding="async"
    />
  );
}

export function renderHomePage(data: HomePageData): string {
  const { settings } = data;
  const zone = { timezone: settings.timezone, locale: settings.locale };
  return documentHtml(
    <Layout
      settings={settings}
      navigation={data.navigation}
      title={`${settings.siteName} — ${settings.description}`}
    >
      <h1 class="skip-link">{settings.siteName}</h1>
      <div class="home">
        <div>
          {data.lead ? (
            <article class="lead">
              <a href={data.lead.url}>
                <StoryImage post={data.lead} width={1280} isEager />
                <Kicker post={data.lead} />
                <h2>{data.lead.title}</h2>
              </a>
              <p class="dek">{data.lead.dek}</p>
            </article>
          ) : (
            <p>Nothing has been published yet.</p>
          )}
          <div class="top-stories">
            {data.topStories.map((post) => (
              <article class="card">
                <a href={post.url}>
                  <StoryImage post={post} width={640} />
                  <Kicker post={post} />
                  <h3>{post.title}</h3>
                </a>
              </article>
            ))}
          </div>
        </div>
        <aside class="news-feed" aria-labelledby="news-feed-heading">
          <h2 id="news-feed-heading">News Feed</h2>
          <ol>
            {data.feed.map((post) => (
              <li>
                <time datetime={post.publishedAt ?? ''}>
                  {post.publishedAt ? formatFeedTime(post.publishedAt, zone) : ''}
                </time>
                <a href={post.url}>{post.title}</a>
              </li>
            ))}
          </ol>
          <p>
            <a href="/news/">Show More</a>
          </p>
        </aside>
      </div>
    </Layout>,
  );
}
