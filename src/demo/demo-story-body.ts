// Turns a story template into a document: lead, beats with optional subheadings, quotes, lists,
// fact boxes and links to earlier stories.
import type { DemoBlock, DemoDoc, DemoInline } from './demo-document.js';
import { bulletList, heading, link, paragraph, text } from './demo-document.js';
import type { StoryKind, StoryQuote } from './demo-story-kind.js';
import type { StoryContext } from './demo-template.js';
import { fill } from './demo-template.js';
import type { Rng } from './random.js';

/** An earlier story that a new one may link to. */
export interface EarlierStory {
  id: string;
  slug: string;
  title: string;
}

export interface StoryBodyInput {
  kind: StoryKind;
  context: StoryContext;
  rng: Rng;
  /** Earlier stories, preferably from the same section; may be empty. */
  earlier: readonly EarlierStory[];
  /** Name of the primary author, for opinion pull quotes and the author note. */
  authorName: string;
  authorNote: string;
}

const MAX_PARAGRAPHS = 12;
const MIN_PARAGRAPHS = 4;

const closers = [
  'We will update this story as more information becomes available.',
  'Our reporters will continue to follow the story.',
  'Officials said more details would be released in the coming days.',
] as const;

const linkPhrases = [
  'Read our earlier report',
  'See our previous coverage',
  'We covered the background earlier',
] as const;

export function buildStoryBody(input: StoryBodyInput): DemoDoc {
  const { kind, context, rng, earlier } = input;
  const f = (template: string): string => fill(template, context, rng);
  const standalone = (template: string): string => fill(template, context, rng, true);
  const isOpinion = kind.section === 'opinion';

  // Decide how many paragraphs each beat gets, then cap the total.
  const beats = kind.beats.filter(
    (_, index) => kind.beats.length <= 2 || index === 0 || rng.chance(0.85),
  );
  const counts = beats.map((beat) => Math.min(beat.paragraphs.length, rng.int(1, 2)));
  let total = 1 + counts.reduce((sum, count) => sum + count, 0);
  for (let index = 0; total < MIN_PARAGRAPHS && index < beats.length; index++) {
    const available = (beats[index]?.paragraphs.length ?? 0) - (counts[index] ?? 0);
    const extra = Math.min(available, MIN_PARAGRAPHS - total);
    counts[index] = (counts[index] ?? 0) + extra;
    total += extra;
  }

  const spoken = isOpinion ? [] : kind.quotes.filter((quote) => quote.by !== 'author');
  const quotes = rng
    .shuffle(spoken)
    .slice(0, Math.max(0, Math.min(rng.int(1, 2), MAX_PARAGRAPHS - 2 - total)));
  total += quotes.length;
  const hasList = kind.list !== undefined && total < MAX_PARAGRAPHS - 1 && rng.chance(0.3);
  if (hasList) total += 1;
  const linkTarget = earlier.length > 0 && rng.chance(0.55) ? rng.pick(earlier) : undefined;
  const isLinkParagraph = linkTarget !== undefined && total < MAX_PARAGRAPHS - 1 && rng.chance(0.4);
  if (isLinkParagraph) total += 1;
  const hasCloser =
    total < MIN_PARAGRAPHS || (!isOpinion && total < MAX_PARAGRAPHS - 1 && rng.chance(0.15));

  const useHeadings = beats.length > 2 && rng.chance(0.65);
  const pullQuoteAt = rng.chance(0.25) ? rng.int(1, Math.max(1, beats.length - 1)) : -1;
  const factBoxAt =
    kind.facts !== undefined && rng.chance(0.35) ? rng.int(0, beats.length - 1) : -1;
  const relatedAt =
    earlier.length > 0 && rng.chance(0.12) ? rng.int(1, Math.max(1, beats.length - 1)) : -1;

  const blocks: DemoBlock[] = [paragraph(text(f(rng.pick(kind.leads))))];
  // The live content arrays of body paragraphs, so a link can be appended to one later.
  const bodyParagraphs: DemoInline[][] = [];

  beats.forEach((beat, index) => {
    if (useHeadings && index > 0) blocks.push(heading(f(rng.pick(beat.headings))));
    for (const template of rng.sample(beat.paragraphs, counts[index] ?? 1)) {
      const block = paragraph(text(f(template)));
      if (block.content) bodyParagraphs.push(block.content);
      blocks.push(block);
    }
    if (index === 0 && hasList && kind.list) {
      blocks.push(paragraph(text(f(kind.list.intro))), bulletList(kind.list.items.map(standalone)));
    }
    const quote = quotes[index];
    if (quote) blocks.push(paragraph(text(quoteSentence(quote, context, f))));
    if (index === pullQuoteAt) blocks.push(pullQuote(kind, context, f, input.authorName, rng));
    if (index === factBoxAt && kind.facts) {
      blocks.push({
        type: 'factBox',
        attrs: { title: standalone(kind.facts.title) },
        content: [bulletList(kind.facts.items.map(standalone))],
      });
    }
    if (index === relatedAt)
      blocks.push({ type: 'relatedPost', attrs: { postId: rng.pick(earlier).id } });
  });

  // An inline link at the end of a body paragraph, or a "Read also" line of its own.
  if (linkTarget && !isLinkParagraph && bodyParagraphs.length > 0) {
    const inline = rng.pick(bodyParagraphs);
    inline.push(text(' '), link(rng.pick(linkPhrases), `/${linkTarget.slug}/`), text('.'));
  }
  if (hasCloser) blocks.push(paragraph(text(rng.pick(closers))));
  if (linkTarget && isLinkParagraph) {
    blocks.push(
      paragraph(
        text('Read also: ', [{ type: 'bold' }]),
        link(linkTarget.title, `/${linkTarget.slug}/`),
      ),
    );
  }
  if (isOpinion) {
    blocks.push(
      { type: 'horizontalRule' },
      paragraph(text(input.authorNote, [{ type: 'italic' }])),
    );
  }
  return { type: 'doc', content: blocks };
}

function quoteSentence(quote: StoryQuote, context: StoryContext, f: (t: string) => string): string {
  const speaker = context.value(quote.by);
  return `“${f(quote.text)},” said ${speaker}.`;
}

function pullQuote(
  kind: StoryKind,
  context: StoryContext,
  f: (t: string) => string,
  authorName: string,
  rng: Rng,
): DemoBlock {
  const quote = rng.pick(kind.quotes);
  const attribution = quote.by === 'author' ? authorName : context.describe(quote.by);
  return { type: 'pullQuote', attrs: { text: `${f(quote.text)}.`, attribution } };
}
