import { newId } from '../../platform/ids.js';
import type { Doc } from '../../shared/richtext/index.js';
import type { ImportedPost, PostsService } from '../posts/index.js';
import type { SettingsService } from '../settings/index.js';

/** The pages every newsroom starts with; the site's footer links each one while it exists. */
export const standardPageSlugs = ['about', 'contact', 'privacy'] as const;

const paragraph = (text: string) => ({
  type: 'paragraph' as const,
  content: [{ type: 'text' as const, text }],
});
const heading = (text: string) => ({
  type: 'heading' as const,
  attrs: { level: 2 as const },
  content: [{ type: 'text' as const, text }],
});
const doc = (...content: Doc['content']): Doc => ({ type: 'doc', content });

/**
 * Starting texts, written to be edited: the About and Contact pages say what to put there; the
 * Privacy page describes what Masthead itself stores, which a newsroom should check and complete.
 */
function pageContents(
  siteName: string,
): Array<{ slug: string; title: string; dek: string; body: Doc }> {
  return [
    {
      slug: 'about',
      title: `About ${siteName}`,
      dek: 'Who we are, what we cover and who pays for it.',
      body: doc(
        paragraph(
          `${siteName} is an independent newsroom funded by its readers. Our members pay for our reporting, so it stays free to read for everyone.`,
        ),
        paragraph(
          'Tell readers here who you are, what you cover, how you work and who owns and funds you. Edit this page in the admin, under Stories.',
        ),
      ),
    },
    {
      slug: 'contact',
      title: 'Contact us',
      dek: 'How to reach the newsroom.',
      body: doc(
        paragraph(
          'Write down here how readers reach the newsroom: an address for tips, one for corrections, and one for members’ questions. Edit this page in the admin, under Stories.',
        ),
      ),
    },
    {
      slug: 'privacy',
      title: 'Privacy',
      dek: 'What we store about you, why, and how to have it removed.',
      body: doc(
        paragraph(
          `${siteName} keeps as little about its readers as it can. This page says what we store and why. The newsroom can edit it in the admin, under Stories.`,
        ),
        heading('Reading'),
        paragraph(
          'Reading the site needs no account. We set no cookies for readers who are not signed in and use no third-party trackers or advertising.',
        ),
        heading('Members'),
        paragraph(
          'When you join, we store your email address, the name you give us and your membership’s history. A cookie keeps you signed in; it is removed when you sign out.',
        ),
        paragraph(
          'Payments are handled by our payment provider; we store its customer reference, never your card details.',
        ),
        heading('Your choices'),
        paragraph(
          'On your account page you can download everything we store about you, change your email address, or delete your account at once.',
        ),
      ),
    },
  ];
}

/**
 * Creates the standard pages that do not exist yet (by slug), published, so a fresh install and
 * the demo have About, Contact and Privacy. Returns the slugs it created.
 */
export async function createStandardPages(
  deps: { posts: PostsService; settings: SettingsService },
  options: { now: Date },
): Promise<string[]> {
  const { siteName } = await deps.settings.get();
  const missing: ImportedPost[] = [];
  for (const page of pageContents(siteName)) {
    if (await deps.posts.bySlug(page.slug)) continue;
    missing.push({
      id: newId(),
      kind: 'page',
      slug: page.slug,
      title: page.title,
      dek: page.dek,
      body: page.body,
      authorIds: [],
      tagIds: [],
      status: 'published',
      publishedAt: options.now.toISOString(),
    });
  }
  if (missing.length > 0) await deps.posts.importBatch(missing);
  return missing.map((p) => p.slug);
}
