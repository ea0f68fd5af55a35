// Builders for the renderer's tests (only tests import this file): real Posts with the derived
// fields the posts feature computes (excerpt, word count, reading time) and the content around them.
import type { MediaItem } from '../../features/media/index.js';
import type {
  DigestEmailContent,
  EmailSite,
  StoryEmailContent,
} from '../../features/newsletters/index.js';
import type { Post } from '../../features/posts/index.js';
import type { Doc } from '../../shared/richtext/index.js';
import { countWords, deriveExcerpt, readingMinutes } from '../../shared/richtext/index.js';

export const testSite: EmailSite = {
  name: 'The Riverside Courier',
  url: 'https://news.example',
  accentColor: '#0b5cad',
  postalAddress: 'The Riverside Courier\n1 Mill Lane\nRiverside RV1 2AB',
  locale: 'en-US',
  timeZone: 'America/New_York',
  language: 'en',
};

export const testNewsletter = {
  id: 'nl_daily',
  name: 'The Daily Briefing',
  slug: 'daily-briefing',
  design: { footerText: 'Reply to this email to reach the newsroom.' },
};

let counter = 0;

export function buildPost(overrides: Partial<Post> & { body?: Doc } = {}): Post {
  counter += 1;
  const body = overrides.body ?? { type: 'doc', content: [] };
  const slug = overrides.slug ?? `story-${counter}`;
  return {
    id: `post_${counter}`,
    kind: 'article',
    title: `Story ${counter}`,
    slug,
    url: `/${slug}/`,
    dek: '',
    body,
    customExcerpt: null,
    excerpt: overrides.customExcerpt ?? deriveExcerpt(body),
    leadImage: null,
    visibility: 'public',
    isFeatured: false,
    topStoryOrder: null,
    isBreaking: false,
    publicUpdatedAt: null,
    seo: { title: null, description: null, socialImageUrl: null },
    canonicalUrl: null,
    language: null,
    status: 'published',
    authors: [{ id: 'a1', name: 'Ana Ruiz', slug: 'ana-ruiz', roleTitle: 'Reporter' }],
    tags: [{ id: 't1', name: 'Politics', slug: 'politics', isNavigation: true, isInternal: false }],
    publishedAt: '2026-01-15T15:42:00.000Z',
    scheduledAt: null,
    publishedLate: false,
    wordCount: countWords(body),
    readingMinutes: readingMinutes(body),
    corrections: [],
    version: 1,
    createdBy: null,
    createdByToken: null,
    createdAt: '2026-01-15T12:00:00.000Z',
    updatedAt: '2026-01-15T15:42:00.000Z',
    ...overrides,
  };
}

export function buildMedia(id: string, overrides: Partial<MediaItem> = {}): MediaItem {
  return {
    id,
    mime: 'image/jpeg',
    width: 2400,
    height: 1600,
    bytes: 400_000,
    alt: `Library alt for ${id}`,
    caption: '',
    credit: '',
    focalPoint: { x: 0.5, y: 0.5 },
    originalName: `${id}.jpg`,
    createdAt: '2026-01-01T00:00:00.000Z',
    url: `/content/images/${id}.jpg`,
    widths: [320, 640, 960, 1280, 1600, 2000],
    publicBase: null,
    ...overrides,
  };
}

export function storyContent(
  post: Post,
  overrides: Partial<StoryEmailContent> = {},
): StoryEmailContent {
  return {
    kind: 'story',
    emailId: 'em_1',
    site: testSite,
    newsletter: testNewsletter,
    post,
    viewInBrowserUrl: `${testSite.url}/email/em_1/`,
    ...overrides,
  };
}

export function digestContent(overrides: Partial<DigestEmailContent> = {}): DigestEmailContent {
  return {
    kind: 'digest',
    emailId: 'em_2',
    site: testSite,
    newsletter: testNewsletter,
    date: '2026-01-15',
    timeZone: 'America/New_York',
    intro: null,
    stories: [],
    briefs: [],
    viewInBrowserUrl: `${testSite.url}/email/em_2/`,
    ...overrides,
  };
}
