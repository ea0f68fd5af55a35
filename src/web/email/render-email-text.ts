import type {
  DigestEmailContent,
  EmailAccess,
  EmailNewsletter,
  EmailSite,
  StoryEmailContent,
} from '../../features/newsletters/index.js';
import { emailPlaceholders } from '../../features/newsletters/index.js';
import type { Doc, InlineNode } from '../../shared/richtext/index.js';
import { forEachNode, renderText } from '../../shared/richtext/index.js';
import { absoluteEmailUrl } from '../../shared/richtext/render-email-html.js';
import { briefTime, digestDek, formatDigestDate } from './render-digest-email.js';
import { absolutePostUrl, emailLeadImage } from './email-images.js';
import { storyDateLine, teaserOffer } from './render-story-email.js';
import { contentWidth } from './email-styles.js';

/**
 * The plain-text part, from the same content as the HTML: a reader whose client shows text only
 * gets the same story, each link written out after its words, and the same footer.
 */
export function renderStoryEmailText(content: StoryEmailContent, access: EmailAccess): string {
  const { post, site, refs } = content;
  const lead = emailLeadImage(post, refs, { siteUrl: site.url, maxWidth: contentWidth });
  const leadCaption = lead
    ? [lead.caption, lead.credit ? `(${lead.credit})` : ''].filter(Boolean).join(' ')
    : '';
  const postUrl = absolutePostUrl(site.url, post);
  const body =
    access === 'full'
      ? renderText(withLinksWrittenOut(post.body, site.url), {
          related: (postId) => {
            const related = refs?.related?.get(postId);
            return related
              ? { title: related.title, url: absolutePostUrl(site.url, related) }
              : undefined;
          },
        })
      : [post.excerpt, `${teaserOffer(post)} Read on the site: ${postUrl}`]
          .filter(Boolean)
          .join('\n\n');
  return joinParts([
    `View in browser: ${content.viewInBrowserUrl}`,
    [post.title.toUpperCase(), post.dek].filter(Boolean).join('\n'),
    storyDateLine(content),
    leadCaption,
    body,
    access === 'full' ? `Read on the site: ${postUrl}` : '',
    footerText(site, content.newsletter),
  ]);
}

export function renderDigestEmailText(content: DigestEmailContent): string {
  const { site } = content;
  const stories = content.stories.map((post) =>
    [post.title, digestDek(post), absolutePostUrl(site.url, post)].filter(Boolean).join('\n'),
  );
  const briefs = content.briefs.map((post) =>
    [
      [briefTime(post, content), post.title].filter(Boolean).join('  '),
      post.excerpt,
      absolutePostUrl(site.url, post),
    ]
      .filter(Boolean)
      .join('\n'),
  );
  return joinParts([
    `View in browser: ${content.viewInBrowserUrl}`,
    `${content.newsletter.name.toUpperCase()}\n${formatDigestDate(content.date, site.locale)}`,
    content.intro?.trim() ?? '',
    stories.length > 0 ? ['TOP STORIES', ...stories].join('\n\n') : '',
    briefs.length > 0 ? ['NEWS FEED', ...briefs].join('\n\n') : '',
    footerText(site, content.newsletter),
  ]);
}

function footerText(site: EmailSite, newsletter: EmailNewsletter): string {
  return [
    '--',
    newsletter.design.footerText?.trim() ?? '',
    `You are receiving ${newsletter.name} from ${site.name} (${site.url}/).`,
    site.postalAddress.trim(),
    `Unsubscribe: ${emailPlaceholders.unsubscribeUrl}`,
    `Manage your newsletters: ${emailPlaceholders.manageUrl}`,
  ]
    .filter(Boolean)
    .join('\n');
}

const joinParts = (parts: string[]): string =>
  `${parts
    .map((part) => part.trim())
    .filter(Boolean)
    .join('\n\n')}\n`;

/**
 * The document with each link's URL written after its words — "the minutes
 * (https://…)" — made absolute; left alone when the words already are the address.
 */
export function withLinksWrittenOut(doc: Doc, siteUrl: string): Doc {
  const copy = structuredClone(doc);
  forEachNode(copy, (node) => {
    // Paragraphs and headings are the only nodes holding inline content.
    if ((node.type === 'paragraph' || node.type === 'heading') && node.content) {
      node.content = spellOutLinks(node.content, siteUrl);
    }
  });
  return copy;
}

function spellOutLinks(content: InlineNode[], siteUrl: string): InlineNode[] {
  const out: InlineNode[] = [];
  let words = '';
  for (let i = 0; i < content.length; i++) {
    const node = content[i]!;
    out.push(node);
    const href = linkOf(node);
    if (href === undefined) continue;
    words += node.type === 'text' ? node.text : '';
    if (linkOf(content[i + 1]) === href) continue;
    const url = absoluteEmailUrl(href, siteUrl);
    const shown = url?.replace(/^mailto:/i, '');
    if (url && shown !== words.trim() && url !== words.trim()) {
      out.push({ type: 'text', text: ` (${shown})` });
    }
    words = '';
  }
  return out;
}

function linkOf(node: InlineNode | undefined): string | undefined {
  const mark = node?.marks?.find((m) => m.type === 'link');
  return mark?.type === 'link' ? mark.attrs.href : undefined;
}
