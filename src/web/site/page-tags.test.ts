import { describe, expect, it } from 'vitest';
import type { OutboxEvent } from '../../features/events/index.js';
import { changesSiteContext, pageScopeForEvent, pageScopeForEvents } from './page-tags.js';

const base = {
  id: 'evt-1',
  subjectId: 'post-1',
  actor: 'staff:ana',
  createdAt: '2026-01-15T09:00:00.000Z',
};

const postEvent = (
  type: 'post.published' | 'post.updated' | 'post.unpublished' | 'post.deleted',
  payload: { slug: string; previousSlug?: string; tagIds?: string[]; authorIds?: string[] },
  subjectId = 'post-1',
): OutboxEvent => ({
  ...base,
  subjectId,
  type,
  payload: { kind: 'article', tagIds: [], authorIds: [], ...payload },
});

const tagsOf = (event: OutboxEvent): string[] => {
  const scope = pageScopeForEvent(event);
  if (scope === 'all') throw new Error('expected tags, got all');
  return [...scope];
};

describe('pageScopeForEvent', () => {
  it('maps a post event to every page that may show the post', () => {
    const tags = tagsOf(
      postEvent('post.updated', {
        slug: 'ceasefire-talks-resume',
        previousSlug: 'ceasefire-talks',
        authorIds: ['author-a', 'author-b'],
        tagIds: ['tag-politics'],
      }),
    );
    expect(tags.sort()).toEqual(
      [
        'home',
        'news',
        'feeds',
        'sitemaps',
        'search',
        'corrections',
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
      const tags = tagsOf(postEvent(type, { slug: 'brief' }));
      expect(tags).toEqual(
        expect.arrayContaining([
          'home',
          'news',
          'feeds',
          'sitemaps',
          'corrections',
          'post:post-1',
          'slug:brief',
        ]),
      );
      expect(tags.some((t) => t.startsWith('tag:') || t.startsWith('author:'))).toBe(false);
    },
  );

  it('maps member events to no page', () => {
    expect(
      pageScopeForEvent({
        ...base,
        type: 'member.created',
        subjectId: 'member-1',
        payload: { email: 'reader@example.org' },
      }),
    ).toEqual([]);
  });

  it.each([
    { type: 'tag.updated', payload: { slug: 'politics' } },
    { type: 'tag.deleted', payload: { slug: 'politics' } },
    { type: 'author.updated', payload: { slug: 'ana' } },
    { type: 'author.deleted', payload: { slug: 'ana' } },
    { type: 'settings.updated', payload: { keys: ['siteName'] } },
    { type: 'media.updated', payload: {} },
    { type: 'media.deleted', payload: {} },
    { type: 'campaign.updated', payload: {} },
    { type: 'campaign.deleted', payload: {} },
  ] as const)('$type drops every page and the site context', (event) => {
    const typed = { ...base, ...event } as OutboxEvent;
    expect(pageScopeForEvent(typed)).toBe('all');
    expect(changesSiteContext([typed])).toBe(true);
  });

  it('merges a batch, each tag once; one site-wide change makes the batch site-wide', () => {
    const batch = [
      postEvent('post.published', { slug: 'a', tagIds: ['t1'] }, 'p1'),
      postEvent('post.published', { slug: 'b', tagIds: ['t1'] }, 'p2'),
    ];
    const scope = pageScopeForEvents(batch);
    if (scope === 'all') throw new Error('expected tags');
    expect(scope.filter((t) => t === 'home')).toHaveLength(1);
    expect(scope.filter((t) => t === 'tag:t1')).toHaveLength(1);
    expect(scope).toEqual(expect.arrayContaining(['post:p1', 'post:p2', 'slug:a', 'slug:b']));
    expect(changesSiteContext(batch)).toBe(false);
    expect(
      pageScopeForEvents([
        ...batch,
        { ...base, type: 'settings.updated', subjectId: 'site', payload: { keys: [] } },
      ]),
    ).toBe('all');
  });
});
