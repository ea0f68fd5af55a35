import type { MediaItem } from '../../../features/media/index.js';
import { type Post, sectionOf } from '../../../features/posts/index.js';
import { formatStoryTime } from '../format-time.js';
import type { SiteContext } from '../site-context.js';
import { h, type Html } from '../jsx/index.js';
import { Picture } from './picture.js';

export type MediaMap = ReadonlyMap<string, MediaItem>;

export function Kicker(props: { post: Post }): Html | null {
  const section = sectionOf(props.post);
  return section ? (
    <a class="kicker" href={`/tag/${section.slug}/`}>
      {section.name}
    </a>
  ) : null;
}

/**
 * "Members" / "Paid members" on every card and list line of a gated story, so a reader knows
 * before following the link that the whole story needs a membership.
 */
export function GateLabel(props: { post: Pick<Post, 'visibility'> }): Html | null {
  if (props.post.visibility === 'public') return null;
  return (
    <span class={`gate-label gate-${props.post.visibility}`}>
      {props.post.visibility === 'paid' ? 'Paid members' : 'Members'}
    </span>
  );
}

/** A story teaser: image, section, headline (with its heading level), dek, time. */
export function StoryCard(props: {
  post: Post;
  media: MediaMap;
  site: SiteContext;
  headingLevel?: 2 | 3;
  sizes?: string;
  isEager?: boolean;
  showDek?: boolean;
  className?: string;
}): Html {
  const { post } = props;
  const image = post.leadImage ? props.media.get(post.leadImage.mediaId) : undefined;
  const Heading = props.headingLevel === 2 ? 'h2' : 'h3';
  const zone = { timezone: props.site.settings.timezone, locale: props.site.settings.locale };
  return (
    <article
      class={`card${image ? ' has-image' : ''}${props.className ? ` ${props.className}` : ''}`}
    >
      {image && post.leadImage ? (
        <figure>
          <a href={post.url} tabindex="-1" aria-hidden="true">
            <Picture
              media={image}
              alt={post.leadImage.alt || image.alt}
              sizes={props.sizes ?? '(min-width: 960px) 300px, 100vw'}
              isEager={props.isEager ?? false}
              maxWidth={props.isEager ? 1600 : 960}
            />
          </a>
        </figure>
      ) : null}
      <Kicker post={post} />
      <Heading>
        {post.isBreaking ? <span class="breaking">Breaking</span> : null}
        <GateLabel post={post} />
        <a href={post.url}>{post.title}</a>
      </Heading>
      {props.showDek !== false && post.dek ? <p class="dek">{post.dek}</p> : null}
      {post.publishedAt ? (
        <p class="meta">
          <time datetime={post.publishedAt}>{formatStoryTime(post.publishedAt, zone)}</time>
          {post.kind === 'article' ? ` · ${post.readingMinutes} min read` : ''}
        </p>
      ) : null}
    </article>
  );
}
