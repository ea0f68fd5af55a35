import type { Post } from '../../../features/posts/index.js';
import { formatDayHeading, formatFeedTime, zonedDay } from '../format-time.js';
import type { SiteContext } from '../site-context.js';
import { h, type Html } from '../jsx/index.js';
import { GateLabel } from './story-card.js';

/**
 * A live page's key-event update as a News Feed item: its own time and line, the live page's
 * headline as context, and a link to the update in its place on the live page.
 */
export interface KeyEventEntry {
  update: { id: string; publishedAt: string };
  /** The live page it belongs to. */
  post: Post;
  /** The update's first line; the live page's headline when the audience may not read it. */
  headline: string;
  /** Coverage still going: the red "Live" label. */
  isOngoing: boolean;
}

/** A News Feed item: a post (story, brief, live page) or a live page's key event. */
export type FeedEntry = Post | KeyEventEntry;

export const isKeyEventEntry = (entry: FeedEntry): entry is KeyEventEntry => 'update' in entry;

/** An entry's place in the feed: its publication time and id (what the feed's cursors hold). */
export const feedKeyOf = (entry: FeedEntry): { key: string; id: string } =>
  isKeyEventEntry(entry)
    ? { key: entry.update.publishedAt, id: entry.update.id }
    : { key: entry.publishedAt ?? '', id: entry.id };

type Zone = { timezone: string; locale: string };

function KeyEventItem(props: { entry: KeyEventEntry; zone: Zone }): Html {
  const { update, post } = props.entry;
  return (
    <li class="feed-item feed-key-event" data-id={update.id}>
      <time datetime={update.publishedAt}>{formatFeedTime(update.publishedAt, props.zone)}</time>
      <div>
        {props.entry.isOngoing ? <span class="live-label">Live</span> : null}
        <GateLabel post={post} />
        <a href={`${post.url}#update-${update.id}`}>{props.entry.headline}</a>
        <p class="feed-context">
          Key event{props.entry.headline === post.title ? '' : ` · ${post.title}`}
        </p>
      </div>
    </li>
  );
}

/** One post's line in the feed. */
function FeedItem(props: { post: Post; zone: Zone; showSummary: boolean | undefined }): Html {
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
 * The News Feed: time and headline, newest first (posts and live pages' key events, merged by
 * time). Items carry their id so that Show More can append the next page without repeating
 * anything.
 *
 * With `dayHeadingLevel`, a heading starts each day (in the newsroom's zone) with its absolute
 * date, rendered here so a cached or mirrored page is never wrong; the site script relabels
 * today's and yesterday's headings ("Today", "Yesterday") in the reader's browser. Headings carry
 * `data-day` so Show More does not repeat a day already on the page.
 */
export function FeedList(props: {
  posts: readonly FeedEntry[];
  site: SiteContext;
  showSummary?: boolean;
  dayHeadingLevel?: 2 | 3;
}): Html {
  const zone = { timezone: props.site.settings.timezone, locale: props.site.settings.locale };
  const Heading = props.dayHeadingLevel === 2 ? 'h2' : 'h3';
  let previousDay: string | undefined;
  const rows: Html[] = [];
  for (const post of props.posts) {
    const at = feedKeyOf(post).key;
    if (props.dayHeadingLevel && at) {
      const day = zonedDay(at, zone.timezone);
      if (day !== previousDay) {
        previousDay = day;
        rows.push(
          <li class="feed-day" data-day={day}>
            <Heading class="feed-day-heading">
              <time datetime={day}>{formatDayHeading(at, zone)}</time>
            </Heading>
          </li>,
        );
      }
    }
    rows.push(
      isKeyEventEntry(post) ? (
        <KeyEventItem entry={post} zone={zone} />
      ) : (
        <FeedItem post={post} zone={zone} showSummary={props.showSummary} />
      ),
    );
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
