import type { Post } from '../../../features/posts/index.js';
import { formatDayHeading, formatFeedTime, zonedDay } from '../format-time.js';
import type { SiteContext } from '../site-context.js';
import { h, type Html } from '../jsx/index.js';
import { GateLabel } from './story-card.js';

/** One post's line in the feed. */
function FeedItem(props: {
  post: Post;
  zone: { timezone: string; locale: string };
  showSummary: boolean | undefined;
}): Html {
  const { post } = props;
  return (
    <li class="feed-item" data-id={post.id}>
      <time datetime={post.publishedAt ?? ''}>
        {post.publishedAt ? formatFeedTime(post.publishedAt, props.zone) : ''}
      </time>
      <div>
        {post.isBreaking ? <span class="breaking">Breaking</span> : null}
        <GateLabel post={post} />
        <a href={post.url}>{post.title}</a>
      </div>
      {props.showSummary && post.excerpt ? <p class="feed-summary">{post.excerpt}</p> : null}
    </li>
  );
}

/**
 * The News Feed: time and headline, newest first. Items carry their id so that Show More can
 * append the next page without repeating anything.
 *
 * With `dayHeadingLevel`, a heading starts each day (in the newsroom's zone) with its absolute
 * date, rendered here so a cached or mirrored page is never wrong; the site script relabels
 * today's and yesterday's headings ("Today", "Yesterday") in the reader's browser. Headings carry
 * `data-day` so Show More does not repeat a day already on the page.
 */
export function FeedList(props: {
  posts: Post[];
  site: SiteContext;
  showSummary?: boolean;
  dayHeadingLevel?: 2 | 3;
}): Html {
  const zone = { timezone: props.site.settings.timezone, locale: props.site.settings.locale };
  const Heading = props.dayHeadingLevel === 2 ? 'h2' : 'h3';
  let previousDay: string | undefined;
  const rows: Html[] = [];
  for (const post of props.posts) {
    if (props.dayHeadingLevel && post.publishedAt) {
      const day = zonedDay(post.publishedAt, zone.timezone);
      if (day !== previousDay) {
        previousDay = day;
        rows.push(
          <li class="feed-day" data-day={day}>
            <Heading class="feed-day-heading">
              <time datetime={day}>{formatDayHeading(post.publishedAt, zone)}</time>
            </Heading>
          </li>,
        );
      }
    }
    rows.push(<FeedItem post={post} zone={zone} showSummary={props.showSummary} />);
  }
  return (
    <ol class="feed-list" data-timezone={props.dayHeadingLevel ? zone.timezone : undefined}>
      {rows}
    </ol>
  );
}

/** A plain link to the next page; the site script turns it into an in-place "Show More". */
export function ShowMore(props: {
  href: string | null;
  list?: string;
  label?: string;
  /** Writes what was loaded into the address (`?through=`), so Back shows it all again. */
  isKeptInUrl?: boolean;
}): Html | null {
  if (!props.href) return null;
  return (
    <a
      class="show-more"
      href={props.href}
      data-list={props.list ?? '.feed-list'}
      data-keep-in-url={props.isKeptInUrl ? '' : undefined}
    >
      {props.label ?? 'Show More'}
    </a>
  );
}
