// How the HTML converter treats each element it meets, by tag name.
import type { HeadingLevel, SimpleMarkType } from '../../shared/richtext/index.js';

export const markOf: Record<string, SimpleMarkType> = {
  strong: 'bold',
  b: 'bold',
  em: 'italic',
  i: 'italic',
  s: 'strike',
  del: 'strike',
  strike: 'strike',
  code: 'code',
  kbd: 'code',
  samp: 'code',
  tt: 'code',
  sub: 'subscript',
  sup: 'superscript',
};

export const headingLevelOf: Record<string, HeadingLevel> = {
  h1: 2,
  h2: 2,
  h3: 3,
  h4: 4,
  h5: 4,
  h6: 4,
};

/** Left out with a report line; their content goes with them. */
export const droppedElements: Record<string, string> = {
  script: 'Scripts are not carried over',
  style: 'Style sheets are not carried over',
  noscript: 'Fallback content for browsers without scripts was left out',
  template: 'Templates are not carried over',
  form: 'Forms are not carried over',
  input: 'Form fields are not carried over',
  select: 'Form fields are not carried over',
  textarea: 'Form fields are not carried over',
  button: 'Form buttons are not carried over',
  video: 'Video players are not carried over; add the video again as an embed',
  audio: 'Audio players are not carried over; add the audio again as an embed',
  object: 'Plug-in content is not carried over',
  embed: 'Plug-in content is not carried over',
  applet: 'Plug-in content is not carried over',
  canvas: 'Canvas drawings are not carried over',
  svg: 'Inline SVG drawings are not carried over',
  math: 'MathML formulas are not carried over',
  frame: 'Frames are not carried over',
  frameset: 'Frames are not carried over',
};

/** Left out without a word: page furniture with nothing a reader sees. */
export const silentElements = new Set([
  'head',
  'title',
  'meta',
  'link',
  'base',
  'wbr',
  'source',
  'track',
]);

/** Kept whole as sanitised raw HTML: structure the document has no nodes for. */
export const rawHtmlElements = new Set(['table', 'dl', 'pre']);

/** Elements that end the paragraph before them and start a new one after. */
export const blockBoundaries = new Set([
  'html',
  'body',
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'aside',
  'nav',
  'center',
  'address',
  'hgroup',
  'details',
  'summary',
  'li',
  'dd',
  'dt',
  'figcaption',
  'fieldset',
  'legend',
  'caption',
  'tr',
  'td',
  'th',
]);

/** Elements that stop a `<figure>` from being just an image or a gallery. */
export const notMedia = ['table', 'blockquote', 'iframe', 'video', 'audio', 'pre', 'object'];
