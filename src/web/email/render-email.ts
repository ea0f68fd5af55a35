import type juiceFunction from 'juice';
import { loadOnFirstUse } from '../../platform/load-on-first-use.js';
import type { EmailRenderer } from '../../features/newsletters/index.js';
import { digestPreheader, digestSubject, renderDigestEmailHtml } from './render-digest-email.js';
import { renderDigestEmailText, renderStoryEmailText } from './render-email-text.js';
import { renderStoryEmailHtml, storyPreheader } from './render-story-email.js';

/**
 * The newsletter renderer (EmailRenderer, injected at the composition root): one render per email
 * and access level, with the per-recipient placeholders left for the sender to fill in.
 * A digest lists deks and teasers only, so it renders the same for either access level.
 */
export const renderEmail: EmailRenderer = (content, access) => {
  if (content.kind === 'story') {
    return {
      subject: oneLine(content.post.title),
      preheader: oneLine(storyPreheader(content.post)),
      html: inlineCss(renderStoryEmailHtml(content, access)),
      text: renderStoryEmailText(content, access),
    };
  }
  return {
    subject: oneLine(digestSubject(content)),
    preheader: oneLine(digestPreheader(content)),
    html: inlineCss(renderDigestEmailHtml(content)),
    text: renderDigestEmailText(content),
  };
};

/**
 * The <style> block moved onto each element (Gmail and Outlook drop or ignore much of a <style>
 * block); media queries — the phone layout and dark mode — cannot be inlined and stay in it.
 * juice reads only the document: nothing is fetched.
 */
export function inlineCss(html: string): string {
  return juice()(html, {
    removeStyleTags: true,
    preserveMediaQueries: true,
    preserveFontFaces: false,
    preserveImportant: true,
    applyWidthAttributes: true,
    applyHeightAttributes: false,
    applyAttributesTableElements: true,
    insertPreservedExtraCss: true,
  });
}

/** juice (with cheerio, postcss…: a third of the modules at start), loaded by the first email. */
const juice = loadOnFirstUse<typeof juiceFunction>('juice');

/** A header-safe line: no line breaks, runs of space collapsed. */
const oneLine = (value: string): string => value.replace(/\s+/g, ' ').trim();
