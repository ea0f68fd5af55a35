import type { Author } from '../../../features/authors/index.js';
import { driveBannerText, driveButtonHref } from '../../../shared/drive-banner-text.js';
import type { Post } from '../../../features/posts/index.js';
import { formatStoryTime } from '../format-time.js';
import type { SiteContext } from '../site-context.js';
import { h, type Html } from '../jsx/index.js';
import { Picture } from './picture.js';
import type { MediaMap } from './story-card.js';

const zoneOf = (site: SiteContext) => ({
  timezone: site.settings.timezone,
  locale: site.settings.locale,
});

/** Bylines with role titles, the date and time in the newsroom's zone, "Updated …", reading time. */
export function Byline(props: { post: Post; site: SiteContext }): Html {
  const { post } = props;
  const zone = zoneOf(props.site);
  return (
    <div class="byline">
      <span class="authors">
        By{' '}
        {post.authors.map((author, index) => (
          <span>
            {index > 0 ? (index === post.authors.length - 1 ? ' and ' : ', ') : ''}
            <a href={`/author/${author.slug}/`}>{author.name}</a>
            {author.roleTitle ? <span class="role">, {author.roleTitle}</span> : null}
          </span>
        ))}
      </span>
      {post.publishedAt ? (
        <time datetime={post.publishedAt}>{formatStoryTime(post.publishedAt, zone)}</time>
      ) : null}
      {post.publicUpdatedAt ? (
        <span>
          Updated{' '}
          <time datetime={post.publicUpdatedAt}>{formatStoryTime(post.publicUpdatedAt, zone)}</time>
        </span>
      ) : null}
      {post.kind === 'article' ? <span>{post.readingMinutes} min read</span> : null}
    </div>
  );
}

/** The lead photo full-width in the column, its caption, and the credit in a quieter style. */
export function LeadFigure(props: { post: Post; media: MediaMap }): Html | null {
  const lead = props.post.leadImage;
  const item = lead ? props.media.get(lead.mediaId) : undefined;
  if (!lead || !item) return null;
  const caption = lead.caption || item.caption;
  const credit = lead.credit || item.credit;
  return (
    <figure class="lead-figure">
      <Picture
        media={item}
        alt={lead.alt || item.alt}
        sizes="(min-width: 760px) 704px, 100vw"
        isEager
        maxWidth={2000}
      />
      {caption || credit ? (
        <figcaption>
          {caption}
          {credit ? <span class="credit"> ({credit})</span> : null}
        </figcaption>
      ) : null}
    </figure>
  );
}

const correctionLabels = {
  correction: 'Correction',
  clarification: 'Clarification',
  update: 'Update',
} as const;

export function CorrectionsBox(props: { post: Post; site: SiteContext }): Html | null {
  if (props.post.corrections.length === 0) return null;
  const zone = zoneOf(props.site);
  return (
    <section class="corrections" id="corrections" aria-labelledby="corrections-heading">
      <h2 id="corrections-heading">Corrections and updates</h2>
      <ol>
        {props.post.corrections.map((c) => (
          <li>
            <strong>
              {correctionLabels[c.kind]}
              {c.withdrawnAt ? ' withdrawn' : ''}
            </strong>
            , <time datetime={c.createdAt}>{formatStoryTime(c.createdAt, zone)}</time>: {c.text}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function TagList(props: { post: Post }): Html | null {
  if (props.post.tags.length === 0) return null;
  return (
    <nav aria-label="Topics">
      <ul class="story-tags">
        {props.post.tags.map((tag) => (
          <li>
            <a href={`/tag/${tag.slug}/`}>{tag.name}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** "Ines Carvalho" → "IC"; one letter for a single name. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/u).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters.map((word) => Array.from(word ?? '')[0]?.toLocaleUpperCase() ?? '').join('');
}

/** One card per author: round avatar, name, role title, a short bio, and Read more. */
export function AuthorCards(props: { authors: Author[]; media: MediaMap }): Html | null {
  if (props.authors.length === 0) return null;
  return (
    <section class="author-cards" aria-label="About the authors">
      {props.authors.map((author) => {
        const avatar = author.avatarMediaId ? props.media.get(author.avatarMediaId) : undefined;
        return (
          <div class="author-card">
            {avatar ? (
              <Picture media={avatar} alt="" sizes="72px" maxWidth={320} />
            ) : (
              // No photo (common for staff moved in from another platform): their initials keep
              // the card's shape instead of an empty gap.
              <span class="avatar avatar-initials" aria-hidden="true">
                {initialsOf(author.name)}
              </span>
            )}
            <div>
              <h2>{author.name}</h2>
              {author.roleTitle ? <p class="meta">{author.roleTitle}</p> : null}
              {author.bio ? <p>{author.bio}</p> : null}
              <a href={`/author/${author.slug}/`}>
                Read more<span class="visually-hidden"> by {author.name}</span>
              </a>
            </div>
          </div>
        );
      })}
    </section>
  );
}

/** The membership appeal at the end of a story: the drive's words, filled in as in the banner. */
export function MembershipCta(props: { site: SiteContext }): Html {
  const { drive, settings } = props.site;
  const words = drive
    ? driveBannerText({ ...drive, texts: { running: '', reached: '' } }, props.site.driveProgress, {
        locale: settings.locale,
        timeZone: settings.timezone,
      })
    : undefined;
  return (
    <section class="cta" aria-labelledby="cta-heading">
      <h2 id="cta-heading">{words?.headline ?? `Support ${settings.siteName}`}</h2>
      <p>
        {words?.message ||
          'Independent reporting is paid for by its readers. Become a member and keep it free for everyone.'}
      </p>
      <p>
        <a class="button" href={drive ? driveButtonHref('/membership/', drive.id) : '/membership/'}>
          Become a member
        </a>
      </p>
    </section>
  );
}
