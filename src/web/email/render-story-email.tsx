import type { EmailAccess, StoryEmailContent } from '../../features/newsletters/index.js';
import { type Post, sectionOf } from '../../features/posts/index.js';
import { emailImg, renderEmailHtml } from '../../shared/richtext/render-email-html.js';
import { formatStoryTime } from '../site/format-time.js';
import { Fragment, h, raw, type Html } from '../site/jsx/index.js';
import {
  absolutePostUrl,
  emailBodyContext,
  emailLeadImage,
  type EmailLeadImage,
} from './email-images.js';
import { EmailButton, renderEmailLayout } from './email-layout.js';
import { contentWidth } from './email-styles.js';

/** "Ana Ruiz", "Ana Ruiz and Bo Chen", "Ana Ruiz, Bo Chen and Cy Diaz". */
export function authorNames(post: Post): string {
  const names = post.authors.map((author) => author.name);
  if (names.length < 2) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The byline as the story page has it: authors · date and time in the newsroom's zone. */
export function storyDateLine(content: StoryEmailContent): string {
  const { post, site } = content;
  const parts = [
    post.authors.length > 0 ? `By ${authorNames(post)}` : '',
    post.publishedAt
      ? formatStoryTime(post.publishedAt, {
          timezone: site.timeZone ?? 'UTC',
          locale: site.locale ?? 'en-US',
        })
      : '',
  ];
  return parts.filter(Boolean).join(' · ');
}

/** What the inbox shows after the subject: the dek, or the teaser the site shows anyone. */
export const storyPreheader = (post: Post): string => post.dek.trim() || post.excerpt;

/** The offer under a teaser, in the paywall's words. */
export function teaserOffer(post: Post): string {
  if (post.visibility === 'paid') return 'This story is for paying members.';
  if (post.visibility === 'public') return 'The full story is on our site.';
  return 'This story is for members.';
}

export function LeadFigure(props: { image: EmailLeadImage }): Html {
  const { image } = props;
  return (
    <div class="figure">
      {raw(emailImg(image))}
      {image.caption || image.credit ? (
        <p class="caption">
          {image.caption}
          {image.credit ? <span class="credit"> ({image.credit})</span> : null}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A story as an email. `full` carries the body; `teaser` stops where the site's paywall does —
 * the excerpt anyone may read (Post.excerpt), never the body — and offers the story on the site.
 */
export function renderStoryEmailHtml(content: StoryEmailContent, access: EmailAccess): string {
  const { post, site, refs } = content;
  const section = sectionOf(post);
  const images = { siteUrl: site.url, maxWidth: contentWidth };
  const lead = emailLeadImage(post, refs, images);
  const dateLine = storyDateLine(content);
  const postUrl = absolutePostUrl(site.url, post);
  return renderEmailLayout({
    site,
    newsletter: content.newsletter,
    title: post.title,
    preheader: storyPreheader(post),
    viewInBrowserUrl: content.viewInBrowserUrl,
    children: (
      <>
        {section && post.kind !== 'page' ? <p class="kicker">{section.name}</p> : null}
        <h1>{post.title}</h1>
        {post.dek ? <p class="dek">{post.dek}</p> : null}
        {dateLine ? <p class="byline">{dateLine}</p> : null}
        {lead ? <LeadFigure image={lead} /> : null}
        {access === 'full' ? (
          raw(renderEmailHtml(post.body, emailBodyContext(refs, images)))
        ) : (
          <>
            {post.excerpt ? <p>{post.excerpt}</p> : null}
            <div class="paywall">
              <p>
                <strong>{teaserOffer(post)}</strong>
              </p>
              <EmailButton href={postUrl} accentColor={site.accentColor}>
                Read on the site
              </EmailButton>
            </div>
          </>
        )}
      </>
    ),
  });
}
