import type { RecordedCorrection } from '../../../features/posts/index.js';
import { ShowMore } from '../components/feed-list.js';
import { Layout } from '../components/layout.js';
import { formatStoryTime } from '../format-time.js';
import { documentHtml, h, type Html } from '../jsx/index.js';
import { absoluteUrl, type SiteContext } from '../site-context.js';

export const correctionsPath = '/corrections/';

const labels = { correction: 'Correction', clarification: 'Clarification', update: 'Update' };

/** "Correction", or "Correction withdrawn" once an editor withdrew it (its text is then the note). */
export const correctionLabel = (c: Pick<RecordedCorrection, 'kind' | 'withdrawnAt'>): string =>
  c.withdrawnAt ? `${labels[c.kind]} withdrawn` : labels[c.kind];

function Entry(props: { entry: RecordedCorrection; site: SiteContext }): Html {
  const { entry, site } = props;
  const zone = { timezone: site.settings.timezone, locale: site.settings.locale };
  return (
    <li class="correction-entry" data-id={entry.id}>
      <p class="meta">
        <strong class="correction-kind">{correctionLabel(entry)}</strong> ·{' '}
        <time datetime={entry.createdAt}>{formatStoryTime(entry.createdAt, zone)}</time>
      </p>
      <h2 class="correction-story">
        <a href={entry.post.url}>{entry.post.title}</a>
      </h2>
      <p class="correction-text">{entry.text}</p>
    </li>
  );
}

/**
 * `/corrections/`: every correction and clarification of the newsroom's published stories,
 * newest first, 20 a page (Show More appends the next); withdrawn ones keep their place with
 * the note that replaced them.
 */
export function renderCorrectionsPage(data: {
  site: SiteContext;
  entries: RecordedCorrection[];
  next: string | null;
  isFirstPage: boolean;
}): string {
  const { site } = data;
  const feedTitle = `Corrections — ${site.settings.siteName}`;
  return documentHtml(
    <Layout
      site={site}
      meta={{
        title: feedTitle,
        description: `Every correction and clarification ${site.settings.siteName} has made to its stories.`,
        canonical: absoluteUrl(site, correctionsPath),
        isNoIndex: !data.isFirstPage,
        feeds: [{ title: feedTitle, url: absoluteUrl(site, `${correctionsPath}rss/`) }],
      }}
    >
      <header class="page-header">
        <h1>Corrections</h1>
        <p class="meta">
          When we get something wrong, we say so. Every correction and clarification to our stories,
          newest first. <a href={`${correctionsPath}rss/`}>Follow by RSS</a>.
        </p>
      </header>
      {data.entries.length === 0 ? (
        <p>No corrections have been published.</p>
      ) : (
        <ol class="corrections-list">
          {data.entries.map((entry) => (
            <Entry entry={entry} site={site} />
          ))}
        </ol>
      )}
      <ShowMore
        href={data.next ? `${correctionsPath}?before=${encodeURIComponent(data.next)}` : null}
        list=".corrections-list"
      />
    </Layout>,
  );
}
