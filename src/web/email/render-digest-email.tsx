import type { DigestEmailContent } from '../../features/newsletters/index.js';
import type { Post } from '../../features/posts/index.js';
import { emailImg } from '../../shared/richtext/render-email-html.js';
import { formatFeedTime } from '../site/format-time.js';
import { Fragment, h, raw, type Html } from '../site/jsx/index.js';
import { absolutePostUrl, emailLeadImage } from './email-images.js';
import { renderEmailLayout } from './email-layout.js';
import { contentWidth } from './email-styles.js';

/** "Thursday, January 15, 2026" for the digest's local date (already the newsroom's day). */
export function formatDigestDate(date: string, locale = 'en-US'): string {
  // Noon UTC of that calendar day, formatted in UTC: the day cannot shift whatever the zone.
  return new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T12:00:00Z`));
}

export const digestSubject = (content: DigestEmailContent): string =>
  `${content.newsletter.name} — ${formatDigestDate(content.date, content.site.locale)}`;

/** The intro, or the top headlines, cut to what an inbox line shows. */
export function digestPreheader(content: DigestEmailContent): string {
  const line =
    content.intro?.trim() ||
    [...content.stories, ...content.briefs].map((post) => post.title).join(' · ');
  return line.length > 150 ? `${line.slice(0, 149).trimEnd()}…` : line;
}

/** A story's dek, or the teaser the site shows anyone (never more of a members-only body). */
export const digestDek = (post: Post): string => post.dek.trim() || post.excerpt;

/** A brief's time in the newsroom's zone: "10:48 AM". */
export const briefTime = (post: Post, content: DigestEmailContent): string =>
  post.publishedAt
    ? formatFeedTime(post.publishedAt, {
        timezone: content.timeZone,
        locale: content.site.locale ?? 'en-US',
      })
    : '';

function TopStory(props: { post: Post; content: DigestEmailContent }): Html {
  const { post, content } = props;
  const url = absolutePostUrl(content.site.url, post);
  const image = emailLeadImage(post, content.refs, {
    siteUrl: content.site.url,
    maxWidth: contentWidth,
  });
  const dek = digestDek(post);
  return (
    <div class="story">
      {/* A linked image needs a name; one without alt text is shown, not linked twice. */}
      {image ? image.alt ? <a href={url}>{raw(emailImg(image))}</a> : raw(emailImg(image)) : null}
      <h3 class="story-title">
        <a href={url}>{post.title}</a>
      </h3>
      {dek ? <p class="story-dek">{dek}</p> : null}
    </div>
  );
}

function Briefs(props: { content: DigestEmailContent }): Html {
  const { content } = props;
  return (
    <table
      role="presentation"
      class="briefs"
      width="100%"
      cellpadding="0"
      cellspacing="0"
      border="0"
    >
      <tbody>
        {content.briefs.map((post) => (
          <tr>
            <td class="brief-time" width="84">
              {post.publishedAt ? (
                <time datetime={post.publishedAt}>{briefTime(post, content)}</time>
              ) : null}
            </td>
            <td class="brief">
              <h3 class="brief-title">
                <a href={absolutePostUrl(content.site.url, post)}>{post.title}</a>
              </h3>
              {post.excerpt ? <p>{post.excerpt}</p> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The daily briefing: the date, the editors' intro, top stories, then the briefs with times. */
export function renderDigestEmailHtml(content: DigestEmailContent): string {
  return renderEmailLayout({
    site: content.site,
    newsletter: content.newsletter,
    title: digestSubject(content),
    preheader: digestPreheader(content),
    viewInBrowserUrl: content.viewInBrowserUrl,
    children: (
      <>
        <p class="kicker">{content.newsletter.name}</p>
        <h1>{formatDigestDate(content.date, content.site.locale)}</h1>
        {content.intro?.trim() ? <p class="intro">{content.intro.trim()}</p> : null}
        {content.stories.length > 0 ? (
          <>
            <h2 class="section-heading">Top stories</h2>
            {content.stories.map((post) => (
              <TopStory post={post} content={content} />
            ))}
          </>
        ) : null}
        {content.briefs.length > 0 ? (
          <>
            <h2 class="section-heading">News Feed</h2>
            <Briefs content={content} />
          </>
        ) : null}
      </>
    ),
  });
}
