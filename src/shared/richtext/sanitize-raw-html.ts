// The allow-list for editor-written raw HTML: structure and formatting only. No scripts,
// styles, frames, forms, event handlers or inline CSS; links and images only over http(s).
import sanitizeHtml from 'sanitize-html';
import { isSafeImageSrc, isSafeLinkHref } from './safe-urls.js';

const options: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'del',
    'ins',
    'mark',
    'small',
    'sub',
    'sup',
    'code',
    'pre',
    'kbd',
    'abbr',
    'cite',
    'q',
    'blockquote',
    'ul',
    'ol',
    'li',
    'dl',
    'dt',
    'dd',
    'a',
    'img',
    'figure',
    'figcaption',
    'table',
    'caption',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
    'div',
    'span',
  ],
  allowedAttributes: {
    '*': ['class', 'title', 'lang', 'dir'],
    // rel, loading and decoding are set by transformTags below.
    a: ['href', 'rel'],
    img: ['src', 'alt', 'width', 'height', 'loading', 'decoding'],
    ol: ['start', 'reversed'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
    abbr: ['title'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  disallowedTagsMode: 'discard',
  parseStyleAttributes: false,
  transformTags: {
    // Same URL policy as link marks and figures; anything else loses the attribute.
    a: (tagName, attribs) => {
      const { href, ...rest } = attribs;
      return {
        tagName,
        attribs:
          href !== undefined && isSafeLinkHref(href)
            ? { ...rest, href, rel: 'noopener noreferrer' }
            : rest,
      };
    },
    img: (tagName, attribs) => {
      const { src, ...rest } = attribs;
      return {
        tagName,
        attribs:
          src !== undefined && isSafeImageSrc(src)
            ? { ...rest, src, loading: 'lazy', decoding: 'async' }
            : rest,
      };
    },
  },
};

export function sanitizeRawHtml(html: string): string {
  return sanitizeHtml(html, options);
}
