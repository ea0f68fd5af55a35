import { Fragment, h, raw, type Html } from '../jsx/index.js';

export interface PageMeta {
  title: string;
  description: string;
  /** Absolute canonical URL. */
  canonical: string;
  type?: 'website' | 'article' | 'profile';
  image?: { url: string; width?: number; height?: number; alt?: string } | undefined;
  jsonLd?: Array<Record<string, unknown>>;
  /** e.g. an RSS alternate for author and section pages. */
  feeds?: Array<{ title: string; url: string }>;
  publishedAt?: string | null;
  modifiedAt?: string | null;
  isNoIndex?: boolean;
}

/** JSON inside a <script> element: `<` is escaped so no text can close the element. */
const jsonScript = (data: Record<string, unknown>) =>
  raw(JSON.stringify(data).replace(/</g, '\\u003c'));

/**
 * A <title> that search results show whole (70 characters): the site-name suffix goes first,
 * then the headline is cut at a word boundary.
 */
export function fitTitle(title: string, siteName: string, max = 70): string {
  if (title.length <= max) return title;
  const suffix = ` — ${siteName}`;
  const bare = title.endsWith(suffix) ? title.slice(0, -suffix.length) : title;
  if (bare.length <= max) return bare;
  const cut = bare.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:—-]+$/, '')}…`;
}

/** Title, description, canonical link, OpenGraph and Twitter cards, feeds, and JSON-LD. */
export function HeadMeta(props: { meta: PageMeta; siteName: string; locale: string }): Html {
  const { meta } = props;
  return (
    <>
      <title>{fitTitle(meta.title, props.siteName)}</title>
      <meta name="description" content={meta.description} />
      <link rel="canonical" href={meta.canonical} />
      {meta.isNoIndex ? <meta name="robots" content="noindex" /> : null}
      <meta property="og:site_name" content={props.siteName} />
      <meta property="og:type" content={meta.type ?? 'website'} />
      <meta property="og:title" content={meta.title} />
      <meta property="og:description" content={meta.description} />
      <meta property="og:url" content={meta.canonical} />
      <meta property="og:locale" content={props.locale.replace('-', '_')} />
      {meta.image ? <meta property="og:image" content={meta.image.url} /> : null}
      {meta.image?.width ? <meta property="og:image:width" content={meta.image.width} /> : null}
      {meta.image?.height ? <meta property="og:image:height" content={meta.image.height} /> : null}
      {meta.image?.alt ? <meta property="og:image:alt" content={meta.image.alt} /> : null}
      {meta.publishedAt ? (
        <meta property="article:published_time" content={meta.publishedAt} />
      ) : null}
      {meta.modifiedAt ? <meta property="article:modified_time" content={meta.modifiedAt} /> : null}
      <meta name="twitter:card" content={meta.image ? 'summary_large_image' : 'summary'} />
      <meta name="twitter:title" content={meta.title} />
      <meta name="twitter:description" content={meta.description} />
      {meta.image ? <meta name="twitter:image" content={meta.image.url} /> : null}
      {(meta.feeds ?? []).map((feed) => (
        <link rel="alternate" type="application/rss+xml" title={feed.title} href={feed.url} />
      ))}
      {(meta.jsonLd ?? []).map((data) => (
        <script type="application/ld+json">{jsonScript(data)}</script>
      ))}
    </>
  );
}
