import { describe, expect, it } from 'vitest';
import { postCreateSchema, postUpdateSchema } from '@shared/contracts/posts.js';
import type { Doc } from '@shared/richtext/document.js';
import type { Post } from '../../types.js';
import {
  changedFields,
  createBody,
  draftOf,
  emptyDocument,
  newDraft,
  updateBody,
  type StoryDraft,
} from './story-draft.js';

const authorId = '01900000-0000-7000-8000-000000000001';
const tagId = '01900000-0000-7000-8000-000000000002';
const mediaId = '01900000-0000-7000-8000-000000000003';
const body: Doc = {
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text: 'The bridge reopened.' }] }],
};

/** A stored post as the Admin API answers it. */
const storedPost = (overrides: Partial<Post> = {}): Post => ({
  id: '01900000-0000-7000-8000-0000000000aa',
  kind: 'article',
  slug: 'bridge-reopens',
  url: '/2026/12/bridge-reopens/',
  status: 'draft',
  visibility: 'members',
  title: 'Bridge reopens',
  dek: 'Buses run again.',
  body: body as unknown as Post['body'],
  excerpt: 'The bridge reopened.',
  customExcerpt: 'Traffic is back on the river bridge.',
  leadImage: { mediaId, alt: 'Cars on the bridge', caption: 'Monday morning', credit: 'Desk' },
  authors: [{ id: authorId, name: 'Ana Writer', slug: 'ana-writer', roleTitle: 'Reporter' }],
  tags: [{ id: tagId, name: 'City', slug: 'city', isNavigation: true, isInternal: false }],
  isFeatured: true,
  topStoryOrder: 2,
  isBreaking: false,
  publishedAt: null,
  scheduledAt: null,
  publishedLate: false,
  publicUpdatedAt: null,
  seo: { title: 'Bridge reopens after repairs', description: null, socialImageUrl: null },
  canonicalUrl: null,
  language: 'en',
  wordCount: 3,
  readingMinutes: 1,
  corrections: [],
  version: 4,
  createdBy: null,
  createdByToken: null,
  createdAt: '2026-12-01T08:00:00.000Z',
  updatedAt: '2026-12-01T09:00:00.000Z',
  ...overrides,
});

describe('story drafts', () => {
  it('round-trips a post: its draft saved as a new story sends every value the editor shows, and the API accepts it', () => {
    const post = storedPost();
    const request = createBody(draftOf(post));

    expect(request).toEqual({
      kind: 'article',
      title: 'Bridge reopens',
      dek: 'Buses run again.',
      slug: 'bridge-reopens',
      body,
      authorIds: [authorId],
      tagIds: [tagId],
      visibility: 'members',
      leadImage: post.leadImage,
      customExcerpt: 'Traffic is back on the river bridge.',
      seo: { title: 'Bridge reopens after repairs', description: null, socialImageUrl: null },
      isFeatured: true,
      isBreaking: false,
    });
    // Fields the editor does not show are never sent, so a save keeps their stored values.
    expect(request).not.toHaveProperty('topStoryOrder');
    expect(request).not.toHaveProperty('language');
    expect(postCreateSchema.safeParse(request).success).toBe(true);
  });

  it('sends only the version when nothing changed, and only the changed fields otherwise', () => {
    const post = storedPost();
    const saved = draftOf(post);

    expect(changedFields(saved, draftOf(post))).toEqual([]);
    expect(updateBody(saved, draftOf(post), post.version)).toEqual({ version: 4 });

    const edited: StoryDraft = {
      ...saved,
      title: 'Bridge reopens to buses',
      seo: { ...saved.seo, description: 'The river bridge is open.' },
      tagIds: [],
    };
    expect(changedFields(saved, edited)).toEqual(['title', 'tagIds', 'seo']);
    const request = updateBody(saved, edited, post.version);
    expect(request).toEqual({
      version: 4,
      title: 'Bridge reopens to buses',
      tagIds: [],
      seo: {
        title: 'Bridge reopens after repairs',
        description: 'The river bridge is open.',
        socialImageUrl: null,
      },
    });
    expect(postUpdateSchema.safeParse(request).success).toBe(true);
  });

  it('notices an edit inside the body, and an edit undone is no change', () => {
    const saved = draftOf(storedPost());
    const typed: StoryDraft = {
      ...saved,
      body: {
        type: 'doc',
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'The bridge reopened today.' }] },
        ],
      },
    };
    expect(changedFields(saved, typed)).toEqual(['body']);
    expect(changedFields(saved, { ...typed, body: structuredClone(body) })).toEqual([]);
  });

  it('leaves an emptied slug to the server and sends blank optional text as null', () => {
    const saved = draftOf(storedPost());
    const cleared: StoryDraft = {
      ...saved,
      slug: '   ',
      customExcerpt: '  ',
      seo: { title: ' ', description: '', socialImageUrl: '' },
    };
    expect(updateBody(saved, cleared, 4)).toEqual({
      version: 4,
      customExcerpt: null,
      seo: { title: null, description: null, socialImageUrl: null },
    });
  });

  it('shows a stored post’s missing values as empty fields', () => {
    const draft = draftOf(
      storedPost({
        customExcerpt: null,
        leadImage: null,
        seo: { title: null, description: null, socialImageUrl: null },
        // A stored body without a document root opens as an empty story.
        body: {} as Post['body'],
      }),
    );
    expect(draft.customExcerpt).toBe('');
    expect(draft.leadImage).toBeNull();
    expect(draft.seo).toEqual({ title: '', description: '', socialImageUrl: '' });
    expect(draft.body).toEqual(emptyDocument());
  });

  it('starts a new story empty with the writer’s byline, and leaves the byline to the server without one', () => {
    const mine = newDraft('page', authorId);
    expect(mine).toEqual({
      kind: 'page',
      title: '',
      dek: '',
      slug: '',
      body: emptyDocument(),
      authorIds: [authorId],
      tagIds: [],
      visibility: 'public',
      leadImage: null,
      customExcerpt: '',
      seo: { title: '', description: '', socialImageUrl: '' },
      isFeatured: false,
      isBreaking: false,
    });

    const request = createBody({ ...newDraft('article', null), title: 'Storm warning' });
    expect(request).not.toHaveProperty('authorIds');
    expect(request).not.toHaveProperty('slug');
    expect(request).toMatchObject({ kind: 'article', title: 'Storm warning', tagIds: [] });
    expect(postCreateSchema.safeParse(request).success).toBe(true);
  });
});
