import { describe, expect, it } from 'vitest';
import type { OutboxEvent } from '../../features/events/index.js';
import { pageTagsForEvent, pageTagsForEvents } from './page-tags.js';

const event = (overrides: Partial<OutboxEvent>): OutboxEvent => ({
  id: 'evt-1',
  type: 'post.published',
  subjectId: 'post-1',
  payload: {},
  actor: 'staff:ana',
  createdAt: '2026-01-15T09:00:00.000Z',
  dispatchedAt: null,
  ...overrides,
});

describe('pageTagsForEvent', () => {
  it('maps a post event to every page that may show the post', () => {
    const tags = pageTagsForEvent(
      event({
        type: 'post.updated',
        payload: {
          slug: 'ceasefire-talks-resume',
          previousSlug: 'ceasefire-talks',
          kind: 'article',
          authorIds: ['author-a', 'author-b'],
          tagIds: ['tag-politics'],
        },
      }),
    );
    expect(tags.sort()).toEqual(
      [
        'home',
        'news',
        'feeds',
        'sitemaps',
        'search',
        'post:post-1',
        'slug:ceasefire-talks-resume',
        'slug:ceasefire-talks',
        'tag:tag-politics',
        'author:author-a',
        'author:author-b',
      ].sort(),
    );
  });

  it.each(['post.published', 'post.unpublished', 'post.deleted'] as const)(
    '%s drops the lists, the post and its slug',
    (type) => {
      const tags = pageTagsForEvent(
        event({ type, payload: { slug: 'brief', kind: 'brief', authorIds: [], tagIds: [] } }),
      );
      expect(tags).toEqual(
        expect.arrayContaining(['home', 'news', 'feeds', 'sitemaps', 'post:post-1', 'slug:brief']),
      );
      expect(tags.some((t) => t.startsWith('tag:') || t.startsWith('author:'))).toBe(false);
    },
  );

  it('ignores payload fields of the wrong shape', () => {
    const tags = pageTagsForEvent(
      event({ payload: { slug: 42, authorIds: 'author-a', tagIds: ['tag-a', null, ''] } }),
    );
    expect(tags.filter((t) => t.includes(':'))).toEqual(['post:post-1', 'tag:tag-a']);
  });

  it('maps member events to no page', () => {
    expect(pageTagsForEvent(event({ type: 'member.created', subjectId: 'member-1' }))).toEqual([]);
  });

  it('merges a batch, each tag once', () => {
    const tags = pageTagsForEvents([
      event({ subjectId: 'p1', payload: { slug: 'a', tagIds: ['t1'] } }),
      event({ subjectId: 'p2', payload: { slug: 'b', tagIds: ['t1'] } }),
    ]);
    expect(tags.filter((t) => t === 'home')).toHaveLength(1);
    expect(tags.filter((t) => t === 'tag:t1')).toHaveLength(1);
    expect(tags).toEqual(expect.arrayContaining(['post:p1', 'post:p2', 'slug:a', 'slug:b']));
  });
});
