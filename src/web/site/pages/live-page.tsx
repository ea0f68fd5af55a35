import { imageUrl } from '../../content/content-mappers.js';
import { Layout } from '../components/layout.js';
import type { PageMeta } from '../components/head-meta.js';
import { Byline, LeadFigure } from '../components/story-parts.js';
import { formatFeedTime, formatStoryTime } from '../format-time.js';
import { documentHtml, h, raw, type Html } from '../jsx/index.js';
import type { LivePageModel, ShownUpdate } from '../live-model.js';
import { absoluteUrl, type SiteContext } from '../site-context.js';
import { blogPostingOf, liveBlogJsonLd, updatePath } from './live-json-ld.js';
import { Paywall } from './story-page.js';

const zoneOf = (site: SiteContext) => ({
  timezone: site.settings.timezone,
  locale: site.settings.locale,
});

function Time(props: { iso: string; site: SiteContext; isLong?: boolean }): Html {
  const zone = zoneOf(props.site);
  return (
    <time datetime={props.iso}>
      {props.isLong ? formatStoryTime(props.iso, zone) : formatFeedTime(props.iso, zone)}
    </time>
  );
}

/** One update: time, flags, author, body, "Edited at …"; or the note that it was removed. */
export function LiveUpdateItem(props: {
  page: Pick<LivePageModel, 'site' | 'post'>;
  shown: ShownUpdate;
}): Html {
  const { page, shown } = props;
  const { update } = shown;
  const { site, post } = page;
  if (update.deletedAt !== null)
    return (
      <li id={`update-${update.id}`} class="live-update live-update-removed">
        <p>
          An update was removed at <Time iso={update.deletedAt} site={site} />.
          {update.deletedNote ? ` ${update.deletedNote}` : ''}
        </p>
      </li>
    );
  const classes = ['live-update', update.pinned ? 'is-pinned' : '', update.keyEvent ? 'is-key' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <li id={`update-${update.id}`} class={classes} data-update-id={update.id}>
      <header class="live-update-meta">
        <a class="live-update-time" href={updatePath(post, update.id)}>
          <Time iso={update.publishedAt} site={site} />
        </a>
        {update.pinned ? <span class="live-flag live-pinned">Pinned</span> : null}
        {update.keyEvent ? <span class="live-flag live-key">Key event</span> : null}
        {shown.author ? (
          <a class="live-update-author" href={`/author/${shown.author.slug}/`}>
            {shown.author.name}
          </a>
        ) : null}
      </header>
      {shown.html !== undefined ? <div class="live-update-body">{raw(shown.html)}</div> : null}
      {update.editedAt ? (
        <p class="live-edited">
          Edited at <Time iso={update.editedAt} site={site} />
        </p>
      ) : null}
    </li>
  );
}

function LiveHeader(props: { model: LivePageModel }): Html {
  const { post, site, coverage } = props.model;
  const section = post.tags.find((t) => t.isNavigation) ?? post.tags[0];
  return (
    <header class="story-header">
      {section ? (
        <a class="kicker" href={`/tag/${section.slug}/`}>
          {section.name}
        </a>
      ) : null}
      <h1>
        {coverage.endedAt === null ? <span class="live-label">Live</span> : null}
        {post.title}
      </h1>
      {post.dek ? <p class="story-dek">{post.dek}</p> : null}
      <Byline post={post} site={site} />
    </header>
  );
}

function metaOf(model: LivePageModel, meta: Partial<PageMeta>): PageMeta {
  const { post, site } = model;
  const lead = post.leadImage ? model.media.get(post.leadImage.mediaId) : undefined;
  return {
    title: `${post.seo.title ?? post.title} — ${site.settings.siteName}`,
    description: post.seo.description ?? (post.dek || post.excerpt),
    canonical: post.canonicalUrl ?? absoluteUrl(site, post.url),
    type: 'article',
    image: lead
      ? {
          url: imageUrl(site.publicUrl, lead, 1280),
          width: lead.width,
          height: lead.height,
          alt: post.leadImage?.alt || lead.alt,
        }
      : undefined,
    publishedAt: post.publishedAt,
    modifiedAt: post.updatedAt,
    ...meta,
  };
}

/** A live page: summary, "Key events", the live-stream hook, and the updates (pinned, then newest). */
export function renderLivePage(model: LivePageModel): string {
  const { post, site, coverage } = model;
  const section = post.tags.find((t) => t.isNavigation) ?? post.tags[0];
  const keyEvents = model.updates
    .filter((s) => s.update.keyEvent && s.update.deletedAt === null && s.headline)
    .sort((a, b) => b.update.publishedAt.localeCompare(a.update.publishedAt));
  return documentHtml(
    <Layout
      site={site}
      currentSectionSlug={section?.slug}
      meta={metaOf(model, { jsonLd: [liveBlogJsonLd(model)] })}
    >
      <article class="story story-live">
        <LiveHeader model={model} />
        <LeadFigure post={post} media={model.media} />
        {coverage.endedAt !== null ? (
          <p class="live-ended" role="status">
            This live page has ended. <Time iso={coverage.endedAt} site={site} isLong />
          </p>
        ) : null}
        {model.summaryHtml ? (
          <div class="story-body live-summary">{raw(model.summaryHtml)}</div>
        ) : null}
        {keyEvents.length > 0 ? (
          <section class="live-key-events" aria-labelledby="key-events-heading">
            <h2 id="key-events-heading">Key events</h2>
            <ul>
              {keyEvents.map((s) => (
                <li>
                  <a href={`#update-${s.update.id}`}>
                    <Time iso={s.update.publishedAt} site={site} /> {s.headline}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {!model.isEntitled ? (
          <div class="story-body paywalled">
            <Paywall post={post} audience={model.audience} />
          </div>
        ) : null}
        {coverage.endedAt === null ? (
          <div class="live-stream" data-live-stream={`${post.url}live`}>
            <a class="live-reload" href={post.url}>
              Reload for new updates
            </a>
          </div>
        ) : null}
        <ol class="live-updates" data-live-updates>
          {model.updates.map((shown) => (
            <LiveUpdateItem page={model} shown={shown} />
          ))}
        </ol>
      </article>
    </Layout>,
  );
}

/** One update's own page: its time, author and body, linking back to its place on the live page. */
export function renderLiveUpdatePage(model: LivePageModel & { shown: ShownUpdate }): string {
  const { post, site, shown } = model;
  const { update } = shown;
  const url = absoluteUrl(site, updatePath(post, update.id));
  const title = shown.headline || post.title;
  const isRemoved = update.deletedAt !== null;
  return documentHtml(
    <Layout
      site={site}
      meta={metaOf(model, {
        title: `${title} — ${post.title}`,
        description: shown.text ? shown.text.slice(0, 200) : post.dek || post.excerpt,
        canonical: url,
        publishedAt: update.publishedAt,
        modifiedAt: update.editedAt ?? update.publishedAt,
        jsonLd: isRemoved
          ? []
          : [{ '@context': 'https://schema.org', ...blogPostingOf(model, shown) }],
        isNoIndex: isRemoved,
      })}
    >
      <article class="story story-live live-permalink">
        <p class="kicker">
          <a href={`${post.url}#update-${update.id}`}>
            {model.coverage.endedAt === null ? <span class="live-label">Live</span> : null}
            {post.title}
          </a>
        </p>
        <ol class="live-updates">
          <LiveUpdateItem page={model} shown={shown} />
        </ol>
        {!isRemoved && !model.isEntitled ? (
          <div class="story-body paywalled">
            <Paywall post={post} audience={model.audience} />
          </div>
        ) : null}
        <p>
          <a href={post.url}>All updates: {post.title}</a>
        </p>
      </article>
    </Layout>,
  );
}
