import { HtmlValidate } from 'html-validate';
import { describe, expect, it } from 'vitest';
import { compilePersonalization, emailPlaceholders } from '../../features/newsletters/index.js';
import type { Block, Doc } from '../../shared/richtext/index.js';
import { sampleDocumentWithoutRawHtml } from '../../shared/richtext/index.js';
import {
  buildMedia,
  buildPost,
  digestContent,
  storyContent,
  testSite,
} from './email-test-content.js';
import { emailHtmlValidateConfig } from './html-validate-email.js';
import { renderEmail } from './render-email.js';

const htmlValidate = new HtmlValidate(emailHtmlValidateConfig);

async function htmlErrors(html: string): Promise<string[]> {
  const report = await htmlValidate.validateString(html);
  return report.results.flatMap((r) =>
    r.messages.map((m) => `${m.ruleId}: ${m.message} at ${m.selector ?? '?'}`),
  );
}

const paragraph = (text: string): Block => ({
  type: 'paragraph',
  content: [{ type: 'text', text }],
});

/** Every `<img>` tag in the document. */
const imgTags = (html: string): string[] => html.match(/<img\b[^>]*>/g) ?? [];

const leadMedia = buildMedia('med_lead', { caption: 'Library caption', credit: 'Agency' });
const bodyMedia = buildMedia('med_01HZX3', { width: 1600, height: 900 });
const unlabelled = buildMedia('med_unlabelled', { alt: '' });
const refs = {
  media: new Map([
    [leadMedia.id, leadMedia],
    [bodyMedia.id, bodyMedia],
    [unlabelled.id, unlabelled],
  ]),
};

function featureStory() {
  return buildPost({
    title: 'Council votes to close the Riverside library',
    dek: 'Seven votes to two, after a night of testimony.',
    body: sampleDocumentWithoutRawHtml,
    leadImage: {
      mediaId: leadMedia.id,
      alt: 'Protesters outside the hall',
      caption: '',
      credit: '',
    },
  });
}

// A members-only story whose opening paragraph runs past the teaser's 200 characters: what the
// site shows everyone ends at a word boundary before "PARAGRAPH-END"; the rest is the body's.
const opening =
  'The council met late on Tuesday to decide the future of the Riverside library, a building ' +
  'that has served the neighbourhood since 1962 and that many residents say is the last warm ' +
  'public room left on their side of the river PARAGRAPH-END.';
const membersStory = () =>
  buildPost({
    title: 'What the minutes do not say',
    visibility: 'members',
    body: {
      type: 'doc',
      content: [paragraph(opening), paragraph('Behind the paywall: the leaked memo said no.')],
    },
  });

describe('renderEmail: a story', () => {
  it('passes html-validate with the documented email rule set, full and teaser', async () => {
    const content = storyContent(featureStory(), { refs });
    expect(await htmlErrors(renderEmail(content, 'full').html)).toEqual([]);
    expect(await htmlErrors(renderEmail(storyContent(membersStory()), 'teaser').html)).toEqual([]);
  });

  it('has the subject, preheader, header, byline, lead image and footer a reader expects', () => {
    const email = renderEmail(storyContent(featureStory(), { refs }), 'full');
    expect(email.subject).toBe('Council votes to close the Riverside library');
    expect(email.preheader).toBe('Seven votes to two, after a night of testimony.');
    expect(email.html).toMatch(/<div class="preheader"[^>]*display: ?none[^>]*>Seven votes/);
    expect(email.html).toContain('href="https://news.example/email/em_1/"');
    expect(email.html).toContain('View in browser');
    expect(email.html).toContain('The Riverside Courier</a>');
    expect(email.html).toContain('By Ana Ruiz · January 15, 2026 10:42 AM'); // New York time
    expect(email.html).toMatch(/<img[^>]*alt="Protesters outside the hall"[^>]*width="552"/);
    expect(email.html).toContain('Library caption');
    expect(email.html).toContain('(Agency)');
    expect(email.html).toContain('Reply to this email to reach the newsroom.');
    expect(email.html).toContain('1 Mill Lane<br>Riverside RV1 2AB');
    expect(email.text).toContain('1 Mill Lane');
  });

  it('uses the newsletter header image instead of the site name when it has one', () => {
    const content = storyContent(featureStory(), {
      newsletter: {
        id: 'nl',
        name: 'Investigations',
        slug: 'investigations',
        design: { headerImageUrl: '/content/images/investigations.png' },
      },
    });
    const { html } = renderEmail(content, 'full');
    expect(html).toMatch(
      /<img[^>]*src="https:\/\/news\.example\/content\/images\/investigations\.png"[^>]*alt="The Riverside Courier"/,
    );
    expect(html).not.toContain('class="site-name"');
  });

  it('leaves the unsubscribe and manage placeholders in both parts for the sender to fill', () => {
    const email = renderEmail(storyContent(featureStory()), 'full');
    for (const placeholder of [emailPlaceholders.unsubscribeUrl, emailPlaceholders.manageUrl]) {
      expect(email.html).toContain(`href="${placeholder}"`);
      expect(email.text).toContain(placeholder);
    }
    expect(email.html).toMatch(/>Unsubscribe<\/a>/);
    expect(email.html).toMatch(/>Manage your newsletters<\/a>/);
    expect(email.text).toContain(`Unsubscribe: ${emailPlaceholders.unsubscribeUrl}`);
  });

  it('escapes a title with markup in it everywhere it appears in the HTML', () => {
    const post = buildPost({
      title: 'Budget <script>alert("x")</script> & more',
      body: sampleDoc(),
    });
    const email = renderEmail(storyContent(post), 'full');
    expect(email.html).not.toMatch(/<script/i);
    expect(email.html).toContain(
      '<title>Budget &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more</title>',
    );
    expect(email.html).toMatch(/<h1[^>]*>Budget &lt;script&gt;/);
    // The subject and the text part are not HTML: the title reads as written.
    expect(email.subject).toBe('Budget <script>alert("x")</script> & more');
  });

  it('cuts a members-only teaser where the site does, and sends the body only in full', () => {
    const post = membersStory();
    const teaser = renderEmail(storyContent(post), 'teaser');
    const full = renderEmail(storyContent(post), 'full');
    for (const part of [teaser.html, teaser.text]) {
      expect(part).toContain('The council met late on Tuesday');
      expect(part).not.toContain('PARAGRAPH-END');
      expect(part).not.toContain('leaked memo');
      expect(part).toContain('This story is for members.');
    }
    expect(teaser.html).toMatch(
      /<a[^>]*href="https:\/\/news\.example\/[^"]+\/"[^>]*>Read on the site<\/a>/,
    );
    expect(teaser.text).toContain(`Read on the site: https://news.example${post.url}`);
    for (const part of [full.html, full.text]) {
      expect(part).toContain('PARAGRAPH-END');
      expect(part).toContain('leaked memo');
    }
    expect(full.html).not.toContain('This story is for members.');
  });

  it('offers paying members the right words under a paid teaser', () => {
    const post = { ...membersStory(), visibility: 'paid' as const };
    expect(renderEmail(storyContent(post), 'teaser').html).toContain(
      'This story is for paying members.',
    );
  });

  it('writes alt on every image, and no frame, script or relative URL', () => {
    const { html } = renderEmail(storyContent(featureStory(), { refs }), 'full');
    const images = imgTags(html);
    expect(images.length).toBeGreaterThanOrEqual(4); // lead, figure, two in the gallery
    for (const img of images) {
      expect(img).toMatch(/\salt(="[^"]*")?[\s>]/);
      expect(img).toMatch(/\bsrc="https:\/\//);
      expect(Number(/\bwidth="(\d+)"/.exec(img)?.[1])).toBeLessThanOrEqual(600);
    }
    expect(html).not.toMatch(/<iframe|<script|\s(?:href|src)="\/(?!\/)/i);
    expect(html).toContain('Watch on YouTube');
  });

  it('keeps the dark-mode and phone media queries in a <style> block after inlining', () => {
    const { html } = renderEmail(storyContent(featureStory()), 'full');
    expect(html).toContain('<meta name="color-scheme" content="light dark">');
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    expect(style).toMatch(/@media \(prefers-color-scheme: ?dark\)/);
    expect(style).toMatch(/@media only screen and \(max-width: ?620px\)/);
    // Everything else was inlined: only the media queries are left in the block, and the
    // elements carry their styles.
    expect(topLevelRules(style)).toEqual([
      '@media only screen and (max-width:620px)',
      '@media (prefers-color-scheme:dark)',
    ]);
    expect(html).toMatch(/<h1 style="[^"]*font-size: 32px/);
  });

  it('stays under the 100 KB Gmail clips at for a long story', () => {
    const long: Doc = {
      type: 'doc',
      content: Array.from({ length: 8 }, () => sampleDocumentWithoutRawHtml.content).flat(),
    };
    for (let i = 0; i < 120; i++)
      long.content.push(paragraph(opening.replace('PARAGRAPH-END', `${i}`)));
    const post = buildPost({ title: 'A long read', body: long });
    const { html } = renderEmail(storyContent(post, { refs }), 'full');
    const bytes = Buffer.byteLength(html, 'utf8');
    console.log(`story email HTML (${post.wordCount} words): ${bytes} bytes`);
    expect(post.wordCount).toBeGreaterThan(5000);
    expect(bytes).toBeLessThan(100 * 1024);
  });

  it('writes links out in the text part, and ends with the footer', () => {
    const { text } = renderEmail(storyContent(featureStory()), 'full');
    expect(text).toContain(
      'according to the minutes (https://council.example.gov/minutes/2024-05)',
    );
    expect(text).toContain('our earlier story (https://news.example/2024/04/library-budget)');
    expect(text).toMatch(/^View in browser: https:\/\/news\.example\/email\/em_1\//);
    expect(text).toContain('COUNCIL VOTES TO CLOSE THE RIVERSIDE LIBRARY');
  });
});

describe('compilePersonalization on a rendered email', () => {
  it('fills in each recipient, HTML-escaped in the HTML part and as written in the text part', () => {
    const email = renderEmail(storyContent(featureStory()), 'full');
    const parts = {
      unsubscribeUrl: 'https://news.example/unsubscribe/?t=abc&n=daily',
      manageUrl: 'https://news.example/account/#newsletters',
      memberName: 'Zoë <b>"Z"</b> & co',
    };
    const html = compilePersonalization(email.html, true)(parts);
    const text = compilePersonalization(email.text, false)(parts);
    expect(html).toContain('href="https://news.example/unsubscribe/?t=abc&amp;n=daily"');
    expect(text).toContain('Unsubscribe: https://news.example/unsubscribe/?t=abc&n=daily');
    expect(html).not.toContain('%%MH_');
    expect(text).not.toContain('%%MH_');
    // The renderer writes no greeting (an empty name would read badly); a name substituted into
    // HTML is escaped.
    const greeting = compilePersonalization(`<p>Hello ${emailPlaceholders.memberName},</p>`, true);
    expect(greeting(parts)).toBe('<p>Hello Zoë &lt;b&gt;&quot;Z&quot;&lt;/b&gt; &amp; co,</p>');
  });
});

describe('renderEmail: the daily briefing', () => {
  const stories = () => [
    buildPost({
      title: 'Library to close after council vote',
      dek: 'Seven votes to two.',
      leadImage: { mediaId: leadMedia.id, alt: 'The library', caption: '', credit: '' },
    }),
    buildPost({
      title: 'Bridge repairs run late',
      leadImage: { mediaId: unlabelled.id, alt: '', caption: '', credit: '' },
      body: { type: 'doc', content: [paragraph('The bridge will stay shut.')] },
    }),
  ];
  const briefs = () => [
    buildPost({
      kind: 'brief',
      title: 'Road closed on Mill Lane',
      publishedAt: '2026-01-15T14:05:00.000Z',
      body: { type: 'doc', content: [paragraph('Police closed the road after a crash.')] },
    }),
    buildPost({ kind: 'brief', title: 'Pool reopens', publishedAt: '2026-01-15T21:30:00.000Z' }),
  ];

  it('lists the date, intro, top stories, then the briefs with their times in the given zone', async () => {
    const content = digestContent({
      intro: 'Good morning. The library vote dominated the day.',
      stories: stories(),
      briefs: briefs(),
      refs,
    });
    const email = renderEmail(content, 'full');
    expect(email.subject).toBe('The Daily Briefing — Thursday, January 15, 2026');
    expect(email.preheader).toBe('Good morning. The library vote dominated the day.');
    const { html, text } = email;
    const order = [
      'Thursday, January 15, 2026',
      'Good morning.',
      'Library to close after council vote',
      'Seven votes to two.',
      'Bridge repairs run late',
      'Road closed on Mill Lane',
      'Pool reopens',
    ];
    for (const part of [html, text]) {
      const positions = order.map((needle) => part.indexOf(needle));
      expect(positions.every((p) => p >= 0)).toBe(true);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
    }
    // 14:05 and 21:30 UTC are 9:05 AM and 4:30 PM in New York.
    expect(html).toMatch(/<time datetime="2026-01-15T14:05:00.000Z"[^>]*>9:05 AM<\/time>/);
    expect(html).toMatch(/>4:30 PM<\/time>/);
    expect(text).toContain('9:05 AM  Road closed on Mill Lane');
    expect(html).toContain('href="https://news.example/story-');
    expect(html).toMatch(/<a [^>]*><img[^>]*alt="The library"/);
    // An image with no alt text is still shown, with an empty alt (juice's serialiser writes it
    // as a bare `alt`, the same thing in HTML), but is not a link without a name.
    expect(html).toMatch(
      /<img[^>]*src="https:\/\/news\.example\/media\/med_unlabelled[^"]*" alt[ >]/,
    );
    expect(html).not.toMatch(/<a [^>]*><img[^>]*alt(="")?[ >]/);
    expect(html).toContain('The bridge will stay shut.'); // no dek: the teaser stands in
    expect(await htmlErrors(html)).toEqual([]);
  });

  it('shows the briefs in the zone it is given, not the server’s', () => {
    const content = digestContent({ briefs: briefs(), timeZone: 'Europe/Berlin' });
    const { html } = renderEmail(content, 'full');
    expect(html).toMatch(/>3:05 PM<\/time>/); // 14:05 UTC in Berlin (UTC+1 in January)
    expect(html).not.toContain('Top stories'); // no empty section
  });

  it('carries the same footer and placeholders as a story', () => {
    const { html, text } = renderEmail(digestContent({ stories: stories() }), 'full');
    expect(html).toContain(`href="${emailPlaceholders.unsubscribeUrl}"`);
    expect(html).toContain(`href="${emailPlaceholders.manageUrl}"`);
    expect(text).toContain(emailPlaceholders.unsubscribeUrl);
    expect(html).toContain(testSite.name);
  });
});

/** The preludes of a stylesheet's top-level rules (`@media …`, selectors). */
function topLevelRules(css: string): string[] {
  const preludes: string[] = [];
  let depth = 0;
  let prelude = '';
  for (const char of css) {
    if (char === '{' && depth++ === 0) preludes.push(prelude.trim());
    else if (char === '}') depth -= 1;
    else if (depth === 0) prelude += char;
    if (depth === 0 && (char === '{' || char === '}')) prelude = '';
  }
  return preludes;
}

function sampleDoc(): Doc {
  return { type: 'doc', content: [paragraph('A short body.')] };
}
