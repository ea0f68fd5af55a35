import type { Author } from '../../../features/authors/index.js';
import type { Audience } from '../../../features/members/index.js';
import { recordedCorrectionKinds, type Post } from '../../../features/posts/index.js';
import { imageUrl } from '../../content/content-mappers.js';
import { FeedList } from '../components/feed-list.js';
import { Layout } from '../components/layout.js';
import { NewsletterSignup } from '../components/newsletter-signup.js';
import { StoryCard, type MediaMap } from '../components/story-card.js';
import {
  AuthorCards,
  Byline,
  CorrectionsBox,
  LeadFigure,
  MembershipCta,
  TagList,
} from '../components/story-parts.js';
import { documentHtml, h, raw, type Html } from '../jsx/index.js';
import { absoluteUrl, type SiteContext } from '../site-context.js';

export interface StoryPageData {
  site: SiteContext;
  post: Post;
  /** The rendered body, or undefined when the reader is not entitled to it (members-only, paid). */
  bodyHtml: string | undefined;
  /** Who the page is rendered for (it is cached per audience): shapes the paywall's offer. */
  audience?: Audience;
  authors: Author[];
  related: Post[];
  briefs: Post[];
  media: MediaMap;
  /** The newsroom's preview of an unpublished version: marked as such and never indexed. */
  isPreview?: boolean | undefined;
}

function storyJsonLd(data: StoryPageData): Array<Record<string, unknown>> {
  const { post, site } = data;
  const lead = post.leadImage ? data.media.get(post.leadImage.mediaId) : undefined;
  const section = post.tags.find((t) => t.isNavigation) ?? post.tags[0];
  const isFree = post.visibility === 'public';
  // Corrections and clarifications (withdrawn ones as their note), as in the public record.
  const corrections = post.corrections
    .filter((c) => recordedCorrectionKinds.includes(c.kind))
    .map((c) => ({ '@type': 'CorrectionComment', datePublished: c.createdAt, text: c.text }));
  return [
    {
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: post.title,
      description: post.seo.description ?? (post.dek || post.excerpt),
      url: absoluteUrl(site, post.url),
      mainEntityOfPage: absoluteUrl(site, post.url),
      ...(lead ? { image: [imageUrl(site.publicUrl, lead, 1600)] } : {}),
      datePublished: post.publishedAt,
      dateModified: post.publicUpdatedAt ?? post.updatedAt,
      inLanguage: post.language ?? site.settings.language,
      ...(section ? { articleSection: section.name } : {}),
      author: post.authors.map((a) => ({
        '@type': 'Person',
        name: a.name,
        url: absoluteUrl(site, `/author/${a.slug}/`),
        jobTitle: a.roleTitle || undefined,
      })),
      publisher: {
        '@type': 'Organization',
        name: site.settings.siteName,
        url: absoluteUrl(site, '/'),
        ...(site.settings.logoUrl
          ? { logo: { '@type': 'ImageObject', url: site.settings.logoUrl } }
          : {}),
      },
      ...(corrections.length > 0 ? { correction: corrections } : {}),
      isAccessibleForFree: isFree,
      ...(isFree
        ? {}
        : {
            hasPart: {
              '@type': 'WebPageElement',
              isAccessibleForFree: false,
              cssSelector: '.paywalled',
            },
          }),
    },
    {
      '@context': 'https://schema.org',
      '@type': 'BreadcrumbList',
      itemListElement: [
        {
          '@type': 'ListItem',
          position: 1,
          name: site.settings.siteName,
          item: absoluteUrl(site, '/'),
        },
        ...(section
          ? [
              {
                '@type': 'ListItem',
                position: 2,
                name: section.name,
                item: absoluteUrl(site, `/tag/${section.slug}/`),
              },
            ]
          : []),
        {
          '@type': 'ListItem',
          position: section ? 3 : 2,
          name: post.title,
          item: absoluteUrl(site, post.url),
        },
      ],
    },
  ];
}

export function Paywall(props: { post: Post; audience: Audience }): Html {
  const isSignedIn = props.audience !== 'anonymous';
  const signIn = `/signin/?returnTo=${encodeURIComponent(props.post.url)}`;
  return (
    <div class="paywall">
      <p>
        <strong>
          {props.post.visibility === 'paid'
            ? 'This story is for paying members.'
            : 'This story is for members.'}
        </strong>
      </p>
      {isSignedIn ? (
        <p>
          <a class="button" href="/membership/">
            Become a paying member
          </a>{' '}
          to read on.
        </p>
      ) : (
        <p>
          <a class="button" href={props.post.visibility === 'paid' ? '/membership/' : signIn}>
            Become a member
          </a>{' '}
          or <a href={signIn}>sign in</a> to read on.
        </p>
      )}
    </div>
  );
}

/** A reported story, top to bottom as docs/../DESIGN.md lays it out; briefs and pages get lighter layouts. */
export function renderStoryPage(data: StoryPageData): string {
  const { post, site, media } = data;
  const section = post.tags.find((t) => t.isNavigation) ?? post.tags[0];
  const lead = post.leadImage ? media.get(post.leadImage.mediaId) : undefined;
  const isPage = post.kind === 'page';
  return documentHtml(
    <Layout
      site={site}
      currentSectionSlug={section?.slug}
      meta={{
        title: `${post.seo.title ?? post.title} — ${site.settings.siteName}`,
        description: post.seo.description ?? (post.dek || post.excerpt),
        canonical: post.canonicalUrl ?? absoluteUrl(site, post.url),
        type: isPage ? 'website' : 'article',
        image: post.seo.socialImageUrl
          ? {
              url: post.seo.socialImageUrl.startsWith('/')
                ? absoluteUrl(site, post.seo.socialImageUrl)
                : post.seo.socialImageUrl,
            }
          : lead
            ? {
                url: imageUrl(site.publicUrl, lead, 1280),
                width: lead.width,
                height: lead.height,
                alt: post.leadImage?.alt || lead.alt,
              }
            : undefined,
        publishedAt: post.publishedAt,
        modifiedAt: post.publicUpdatedAt ?? post.updatedAt,
        jsonLd: isPage || data.isPreview ? [] : storyJsonLd(data),
        isNoIndex: data.isPreview === true,
      }}
    >
      {data.isPreview ? (
        <p class="preview-notice" role="note">
          Preview of the saved version ({post.status.replace('_', ' ')}). Readers do not see this
          page until it is published.
        </p>
      ) : null}
      <article class={`story story-${post.kind}`}>
        <header class="story-header">
          {section && !isPage ? (
            <a class="kicker" href={`/tag/${section.slug}/`}>
              {section.name}
            </a>
          ) : null}
          <h1>
            {post.isBreaking ? <span class="breaking">Breaking</span> : null}
            {post.title}
          </h1>
          {post.dek ? <p class="story-dek">{post.dek}</p> : null}
          {isPage ? null : <Byline post={post} site={site} />}
        </header>
        <LeadFigure post={post} media={media} />
        {data.bodyHtml !== undefined ? (
          <div class="story-body">
            {raw(data.bodyHtml)}
            {!isPage && (data.audience ?? 'anonymous') === 'anonymous' ? (
              <NewsletterSignup site={site} />
            ) : null}
          </div>
        ) : (
          <div class="story-body paywalled">
            <p>{post.excerpt}</p>
            <Paywall post={post} audience={data.audience ?? 'anonymous'} />
          </div>
        )}
        {isPage ? null : (
          <div class="share">
            <button
              type="button"
              class="share"
              hidden
              data-url={absoluteUrl(site, post.url)}
              data-title={post.title}
            >
              Share
            </button>
          </div>
        )}
        <CorrectionsBox post={post} site={site} />
        {isPage ? null : <TagList post={post} />}
        {post.kind === 'article' ? <AuthorCards authors={data.authors} media={media} /> : null}
        {isPage ? null : <MembershipCta site={site} />}
      </article>
      {data.related.length > 0 ? (
        <section class="related" aria-labelledby="related-heading">
          <h2 class="section-heading" id="related-heading">
            Related stories
          </h2>
          <div class="top-stories">
            {data.related.map((p) => (
              <StoryCard post={p} media={media} site={site} headingLevel={3} showDek={false} />
            ))}
          </div>
        </section>
      ) : null}
      {data.briefs.length > 0 ? (
        <section class="related" aria-labelledby="feed-teaser-heading">
          <h2 class="section-heading" id="feed-teaser-heading">
            <a href="/news/">News Feed</a>
          </h2>
          <FeedList posts={data.briefs} site={site} />
          <a class="more-link" href="/news/">
            Show More
          </a>
        </section>
      ) : null}
    </Layout>,
  );
}
