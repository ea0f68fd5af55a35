import type { ServicesOf } from '../../../runtime/services.js';
import { correctionLabel, correctionsPath } from '../pages/corrections-page.js';
import { absoluteUrl, rfc822 } from './feed-urls.js';
import { attributes, textElement, xmlDeclaration } from './xml.js';

/** How many entries the feed carries (the page pages further back). */
const feedSize = 50;

export type CorrectionsFeedServices = ServicesOf<'posts' | 'settings'>;

/**
 * RSS 2.0 of the corrections record: the newest 50 corrections and clarifications, each titled
 * with its kind and the story's headline, linking to the story's corrections box; the guid is the
 * correction's id, so a withdrawal (its text replaced by the note) is the same item, changed.
 */
export async function buildCorrectionsRss(
  services: CorrectionsFeedServices,
  publicUrl: string,
): Promise<string> {
  const [settings, page] = await Promise.all([
    services.settings.get(),
    services.posts.publicCorrections({ limit: feedSize }),
  ]);
  const pageUrl = absoluteUrl(publicUrl, correctionsPath);
  const newest = page.items[0];
  return [
    xmlDeclaration,
    `<rss version="2.0"${attributes({ 'xmlns:atom': 'http://www.w3.org/2005/Atom' })}>`,
    '<channel>',
    textElement('title', `Corrections — ${settings.siteName}`),
    textElement('link', pageUrl),
    textElement(
      'description',
      `Every correction and clarification ${settings.siteName} has made to its stories.`,
    ),
    textElement('language', settings.language),
    newest ? textElement('lastBuildDate', rfc822(newest.withdrawnAt ?? newest.createdAt)) : '',
    textElement('generator', 'Masthead'),
    `<atom:link${attributes({
      href: absoluteUrl(publicUrl, `${correctionsPath}rss/`),
      rel: 'self',
      type: 'application/rss+xml',
    })}/>`,
    ...page.items.map((entry) =>
      [
        '<item>',
        textElement('title', `${correctionLabel(entry)}: ${entry.post.title}`),
        textElement('link', `${absoluteUrl(publicUrl, entry.post.url)}#corrections`),
        `<guid${attributes({ isPermaLink: 'false' })}>${entry.id}</guid>`,
        textElement('pubDate', rfc822(entry.createdAt)),
        textElement('category', entry.kind),
        textElement('description', entry.text),
        '</item>',
      ].join(''),
    ),
    '</channel>',
    '</rss>',
  ].join('\n');
}
