import { fillPieces } from '../../platform/mail/bulk-mailer.js';
import { escapeHtml } from '../../shared/richtext/index.js';
import type { MediaItem } from '../media/index.js';
import type { Post } from '../posts/index.js';

/**
 * What an email is made of, and how one render becomes each recipient's message.
 * The renderer (src/web/email/, injected at the composition root) turns an EmailContent into one
 * RenderedEmail per access level; the sender only substitutes the per-recipient placeholders —
 * never one full render per recipient (issue #13 §7).
 */

/** Access levels a send renders: the full story, or its teaser with "read on the site". */
export type EmailAccess = 'full' | 'teaser';

export interface EmailSite {
  name: string;
  /** The site's public base URL, no trailing slash. */
  url: string;
  accentColor: string;
  /** The newsroom's postal address (settings), printed in every footer. */
  postalAddress: string;
  /** Settings' formatting locale for dates and times (default `en-US`). */
  locale?: string | undefined;
  /** The newsroom's zone for a story's date line (default `UTC`; a digest has its own). */
  timeZone?: string | undefined;
  /** The page language for `<html lang>` (default `en`). */
  language?: string | undefined;
}

/**
 * What the posts refer to, loaded beforehand (as the site's BodyRefs): without them lead images
 * and library images fall back to their stored URLs or drop out, and related-story cards drop out.
 */
export interface EmailRefs {
  /** Media items by id: the posts' lead images and the body's library images. */
  media?: ReadonlyMap<string, MediaItem> | undefined;
  /** Published posts a body links as related stories, by id. */
  related?: ReadonlyMap<string, Post> | undefined;
}

export interface NewsletterDesign {
  /** A header image URL; without it the header is the site's name. */
  headerImageUrl?: string | undefined;
  showSiteName?: boolean | undefined;
  footerText?: string | undefined;
}

export interface EmailNewsletter {
  id: string;
  name: string;
  slug: string;
  design: NewsletterDesign;
}

/** One story sent on its own. */
export interface StoryEmailContent {
  kind: 'story';
  emailId: string;
  site: EmailSite;
  newsletter: EmailNewsletter;
  post: Post;
  /** `/email/{id}/`, absolute. */
  viewInBrowserUrl: string;
  refs?: EmailRefs | undefined;
}

/** The daily briefing: top stories with images and deks, then the briefs with their times. */
export interface DigestEmailContent {
  kind: 'digest';
  emailId: string;
  site: EmailSite;
  newsletter: EmailNewsletter;
  /** The local date it covers, YYYY-MM-DD, and the newsroom's zone for the briefs' times. */
  date: string;
  timeZone: string;
  intro: string | null;
  stories: Post[];
  briefs: Post[];
  viewInBrowserUrl: string;
  refs?: EmailRefs | undefined;
}

export type EmailContent = StoryEmailContent | DigestEmailContent;

export interface RenderedEmail {
  subject: string;
  /** The hidden preview line inbox lists show. */
  preheader: string;
  /** With placeholders; under 100 KB so Gmail does not clip it. */
  html: string;
  text: string;
}

/** One render per access level the send needs (a digest renders `full` only). */
export type EmailRenderer = (content: EmailContent, access: EmailAccess) => RenderedEmail;

/**
 * Per-recipient parts: strings no document can contain by accident (the renderer escapes `%`
 * nowhere, but these never come from content: the renderer writes them itself).
 */
export const emailPlaceholders = {
  unsubscribeUrl: '%%MH_UNSUBSCRIBE_URL%%',
  manageUrl: '%%MH_MANAGE_URL%%',
  memberName: '%%MH_MEMBER_NAME%%',
  /**
   * The recipient's signed tracking token (`member-tracking-token.ts`): written only into the
   * pixel and click URLs of an email sent while per-member tracking is on, never anywhere else.
   */
  trackingToken: '%%MH_TRACKING_TOKEN%%',
} as const;

export interface RecipientParts {
  unsubscribeUrl: string;
  manageUrl: string;
  /** The member's name, or '' (the renderer writes "Hello" + name only where it reads well). */
  memberName: string;
  /** Their tracking token, for a render that has the placeholder (per-member tracking on). */
  trackingToken?: string | undefined;
}

export type PlaceholderName = 'UNSUBSCRIBE_URL' | 'MANAGE_URL' | 'MEMBER_NAME' | 'TRACKING_TOKEN';

const placeholderPattern = /%%MH_(UNSUBSCRIBE_URL|MANAGE_URL|MEMBER_NAME|TRACKING_TOKEN)%%/;

const valueOf = (name: PlaceholderName, parts: RecipientParts): string => {
  switch (name) {
    case 'UNSUBSCRIBE_URL':
      return parts.unsubscribeUrl;
    case 'MANAGE_URL':
      return parts.manageUrl;
    case 'MEMBER_NAME':
      return parts.memberName;
    case 'TRACKING_TOKEN':
      return parts.trackingToken ?? '';
  }
};

/** A rendered part split once at its placeholders: the text around them, and what fills them. */
export interface Personalization {
  /** The text between the placeholders: one more piece than placeholders. */
  pieces: string[];
  /** The placeholders found, in order (a sender makes a tracking token only when one is here). */
  names: readonly PlaceholderName[];
  /** A recipient's values for the placeholders, in order (escaped for HTML in an HTML part). */
  values: (parts: RecipientParts) => string[];
}

export function splitPersonalization(template: string, isHtml: boolean): Personalization {
  // split with a capture group: even indexes are text, odd ones the placeholder's name.
  const split = template.split(new RegExp(placeholderPattern.source, 'g'));
  const pieces = split.filter((_, i) => i % 2 === 0);
  const names = split.filter((_, i) => i % 2 === 1) as PlaceholderName[];
  const escape = isHtml ? escapeHtml : (value: string) => value;
  return {
    pieces,
    names,
    values: (parts) => names.map((name) => escape(valueOf(name, parts))),
  };
}

/**
 * Splits a rendered part once at its placeholders; the returned function joins the pieces with a
 * recipient's values (escaped for HTML when `isHtml`). Cheap enough to run per recipient.
 */
export function compilePersonalization(
  template: string,
  isHtml: boolean,
): (parts: RecipientParts) => string {
  const { pieces, values } = splitPersonalization(template, isHtml);
  return (parts) => fillPieces(pieces, values(parts));
}
