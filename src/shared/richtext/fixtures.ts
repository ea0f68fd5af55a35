// A realistic article body that uses every block and every mark, for tests across the app.
// It is already in validated form: validateDocument(sampleDocument, { allowRawHtml: true })
// returns an equal document.
import type { Block, Doc } from './document.js';

const blocksWithoutRawHtml: Block[] = [
  {
    type: 'paragraph',
    content: [
      { type: 'text', text: 'The council voted ' },
      { type: 'text', text: '7 to 2', marks: [{ type: 'bold' }] },
      { type: 'text', text: ' on Tuesday to close the ' },
      { type: 'text', text: 'Riverside', marks: [{ type: 'italic' }] },
      { type: 'text', text: ' library, ' },
      {
        type: 'text',
        text: 'according to the minutes',
        marks: [{ type: 'link', attrs: { href: 'https://council.example.gov/minutes/2024-05' } }],
      },
      { type: 'text', text: '.' },
    ],
  },
  {
    type: 'heading',
    attrs: { level: 2 },
    content: [{ type: 'text', text: 'What happens next' }],
  },
  {
    type: 'paragraph',
    content: [
      { type: 'text', text: 'The old plan', marks: [{ type: 'strike' }] },
      { type: 'text', text: ' was replaced; the new one cites ' },
      { type: 'text', text: 'section 4(b)', marks: [{ type: 'code' }] },
      { type: 'text', text: ', CO' },
      { type: 'text', text: '2', marks: [{ type: 'subscript' }] },
      { type: 'text', text: ' targets and a 10' },
      { type: 'text', text: '6', marks: [{ type: 'superscript' }] },
      { type: 'text', text: ' budget.' },
      { type: 'hardBreak' },
      { type: 'text', text: 'Questions: ' },
      {
        type: 'text',
        text: 'email us',
        marks: [{ type: 'link', attrs: { href: 'mailto:tips@example.org' } }],
      },
      { type: 'text', text: ' or read ' },
      {
        type: 'text',
        text: 'our earlier story',
        marks: [{ type: 'link', attrs: { href: '/2024/04/library-budget' } }, { type: 'bold' }],
      },
      { type: 'text', text: '.' },
    ],
  },
  {
    type: 'heading',
    attrs: { level: 3 },
    content: [{ type: 'text', text: 'Timeline' }],
  },
  {
    type: 'orderedList',
    attrs: { start: 3 },
    content: [
      {
        type: 'listItem',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Consultation closes' }] }],
      },
      {
        type: 'listItem',
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'Final vote' }] },
          {
            type: 'bulletList',
            content: [
              {
                type: 'listItem',
                content: [
                  { type: 'paragraph', content: [{ type: 'text', text: 'Public gallery' }] },
                ],
              },
            ],
          },
        ],
      },
    ],
  },
  {
    type: 'bulletList',
    content: [
      {
        type: 'listItem',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Opening hours cut' }] }],
      },
    ],
  },
  {
    type: 'heading',
    attrs: { level: 4 },
    content: [{ type: 'text', text: 'Reaction' }],
  },
  {
    type: 'blockquote',
    content: [{ type: 'paragraph', content: [{ type: 'text', text: 'We were not consulted.' }] }],
  },
  {
    type: 'pullQuote',
    attrs: { text: 'A library is not a luxury.', attribution: 'Ada Byron, librarian' },
  },
  {
    type: 'figure',
    attrs: {
      mediaId: 'med_01HZX3',
      src: 'https://cdn.example.org/media/library.jpg',
      alt: 'The Riverside library entrance',
      caption: 'The library opened in 1962.',
      credit: 'Photo: Jo Lee',
      width: 1600,
      height: 900,
    },
  },
  {
    type: 'gallery',
    attrs: {
      images: [
        { mediaId: 'med_01HZX4', src: '/media/reading-room.jpg', alt: 'Reading room' },
        {
          mediaId: null,
          src: 'https://cdn.example.org/media/stacks.jpg',
          alt: 'The stacks',
          caption: 'The stacks',
        },
      ],
    },
  },
  {
    type: 'embed',
    attrs: {
      url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      provider: 'youtube',
      title: 'Council meeting recording',
    },
  },
  {
    type: 'embed',
    attrs: {
      url: 'https://x.com/example/status/1790000000000000000',
      provider: 'x',
      title: 'Statement from the mayor',
      html: '<blockquote class="twitter-tweet">…</blockquote><script src="https://platform.twitter.com/widgets.js"></script>',
      thumbnailUrl: null,
    },
  },
  { type: 'relatedPost', attrs: { postId: 'post_01HZX5' } },
  {
    type: 'factBox',
    attrs: { title: 'Key facts' },
    content: [
      {
        type: 'bulletList',
        content: [
          {
            type: 'listItem',
            content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Built 1962' }] }],
          },
        ],
      },
    ],
  },
  { type: 'horizontalRule' },
];

/** Every block and mark, including rawHtml (which only editors may save). */
export const sampleDocument: Doc = {
  type: 'doc',
  content: [
    ...blocksWithoutRawHtml,
    {
      type: 'rawHtml',
      attrs: {
        html: '<p class="note">Figures from the <abbr title="Office for National Statistics">ONS</abbr>.</p>',
      },
    },
  ],
};

/** The same article without rawHtml, valid for any author. */
export const sampleDocumentWithoutRawHtml: Doc = {
  type: 'doc',
  content: blocksWithoutRawHtml,
};
