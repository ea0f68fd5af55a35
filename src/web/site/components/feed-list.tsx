import type { Post } from '../../../features/posts/index.js';
import { formatFeedTime } from '../format-time.js';
import type { SiteContext } from '../site-context.js';
import { h, type Html } from '../jsx/index.js';

/**
 * The News Feed: time and headline, newest first. Items carry their id so that Show More can
 * append the next page without repeating anything.
 */
export function FeedList(props: { posts: Post[]; site: SiteContext; showSummary?: boolean }): Html {
  const zone = { timezone: props.site.settings.timezone, locale: props.site.settings.locale };
  return (
    <ol class="feed-list">
      {props.posts.map((post) => (
        <li class="feed-item" data-id={post.id}>
          <time datetime={post.publishedAt ?? ''}>
            {post.publishedAt ? formatFeedTime(post.publishedAt, zone) : ''}
          </time>
          <div>
            {post.isBreaking ? <span class="breaking">Breaking</span> : null}
            <a href={post.url}>{post.title}</a>
          </div>
          {props.showSummary && post.excerpt ? <p class="feed-summary">{post.excerpt}</p> : null}
        </li>
      ))}
    </ol>
  );
}

/** A plain link to the next page; the site script turns it into an in-place "Show More". */
export function ShowMore(props: {
  href: string | null;
  list?: string;
  label?: string;
}): Html | null {
  if (!props.href) return null;
  return (
    <a class="show-more" href={props.href} data-list={props.list ?? '.feed-list'}>
      {props.label ?? 'Show More'}
    </a>
  );
}
