import { describe, expect, it } from 'vitest';
import { DEFAULT_ARTICLE_COUNT, demoArticles, type DemoArticle } from './demo-articles.js';
import type { DemoBlock, DemoInline } from './demo-document.js';
import { navigationSectionKeys, tagKeys } from './demo-sections.js';
import { demoStaffForSeed } from './demo-staff.js';

const now = new Date('2025-11-20T10:00:00Z');
const DAY_MS = 24 * 60 * 60 * 1000;

function generate(count: number, seed: number | string = 'test'): DemoArticle[] {
  let next = 0;
  return [...demoArticles({ seed, count, now, newId: () => `id-${++next}` })];
}

function blocksOf(blocks: readonly DemoBlock[]): DemoBlock[] {
  return blocks.flatMap((block) =>
    block.type === 'factBox' ? [block, ...blocksOf(block.content)] : [block],
  );
}

function inlinesOf(block: DemoBlock): DemoInline[] {
  switch (block.type) {
    case 'paragraph':
      return block.content ?? [];
    case 'heading':
      return block.content;
    case 'bulletList':
      return block.content.flatMap((item) => item.content.flatMap((p) => p.content ?? []));
    default:
      return [];
  }
}

describe('demoArticles', () => {
  const articles = generate(2000);

  it('is deterministic for a seed, apart from ids', () => {
    let counter = 1000;
    const again = [
      ...demoArticles({ seed: 'test', count: 2000, now, newId: () => `x${counter++}` }),
    ];
    const strip = (list: DemoArticle[]) =>
      JSON.stringify(
        list.map(({ id: _id, body, ...rest }) => ({
          ...rest,
          body: JSON.stringify(body).replace(/"(id|x)[-\d]+"/g, '"?"'),
        })),
      );
    expect(strip(again)).toBe(strip(articles));
    expect(generate(50, 'other').map((a) => a.title)).not.toEqual(
      articles.slice(0, 50).map((a) => a.title),
    );
  });

  it('yields exactly the requested count, with the default when omitted', () => {
    expect(articles).toHaveLength(2000);
    let n = 0;
    const defaults = [...demoArticles({ seed: 1, now, newId: () => String(n++) })];
    expect(defaults).toHaveLength(DEFAULT_ARTICLE_COUNT);
  });

  it('publishes oldest first, within the last 90 days for the default count', () => {
    let n = 0;
    const defaults = [...demoArticles({ seed: 1, now, newId: () => String(n++) })];
    const times = defaults.map((a) => a.publishedAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(now.getTime() - 91 * DAY_MS);
    expect(Math.max(...times)).toBeLessThanOrEqual(now.getTime());
    for (const article of defaults) {
      const hour = article.publishedAt.getUTCHours();
      expect(hour >= 4 && hour < 21).toBe(true);
      if (article.updatedAt) {
        expect(article.updatedAt.getTime()).toBeGreaterThanOrEqual(article.publishedAt.getTime());
        expect(article.updatedAt.getTime()).toBeLessThanOrEqual(now.getTime());
      }
    }
  });

  it('gives every article real staff authors and a navigation section first', () => {
    const staffKeys = new Set(
      demoStaffForSeed('test')
        .filter((s) => !s.isDesk)
        .map((s) => s.key),
    );
    const tags = new Set<string>(tagKeys);
    for (const article of articles) {
      expect(article.authorKeys.length).toBeGreaterThanOrEqual(1);
      expect(article.authorKeys.length).toBeLessThanOrEqual(2);
      expect(new Set(article.authorKeys).size).toBe(article.authorKeys.length);
      for (const key of article.authorKeys) expect(staffKeys.has(key)).toBe(true);
      expect(navigationSectionKeys).toContain(article.sectionKeys[0]);
      for (const key of article.sectionKeys.slice(1)) expect(tags.has(key)).toBe(true);
    }
  });

  it('builds bodies of 4–12 paragraphs with the expected block types', () => {
    const seen = new Set<string>();
    for (const article of articles) {
      const paragraphs = article.body.content.filter((block) => block.type === 'paragraph');
      expect(paragraphs.length).toBeGreaterThanOrEqual(4);
      expect(paragraphs.length).toBeLessThanOrEqual(12);
      for (const block of blocksOf(article.body.content)) {
        seen.add(block.type);
        for (const inline of inlinesOf(block)) {
          expect(inline.text.length).toBeGreaterThan(0);
          expect(inline.text).not.toMatch(/[{}[\]]/);
        }
      }
    }
    for (const type of [
      'heading',
      'bulletList',
      'pullQuote',
      'factBox',
      'relatedPost',
      'horizontalRule',
    ]) {
      expect(seen).toContain(type);
    }
  });

  it('links only to earlier slugs and relates only to earlier ids', () => {
    const slugs = new Set<string>();
    const ids = new Set<string>();
    let links = 0;
    let related = 0;
    for (const article of articles) {
      for (const block of blocksOf(article.body.content)) {
        if (block.type === 'relatedPost') {
          related++;
          expect(ids.has(block.attrs.postId)).toBe(true);
        }
        for (const inline of inlinesOf(block)) {
          for (const mark of inline.marks ?? []) {
            if (mark.type !== 'link') continue;
            links++;
            expect(mark.attrs.href).toMatch(/^\/[a-z0-9-]+\/$/);
            expect(slugs.has(mark.attrs.href.slice(1, -1))).toBe(true);
          }
        }
      }
      slugs.add(article.slug);
      ids.add(article.id);
    }
    expect(links).toBeGreaterThan(articles.length / 4);
    expect(related).toBeGreaterThan(0);
  });

  it('mixes visibility, flags and corrections in sensible proportions', () => {
    const share = (predicate: (a: DemoArticle) => boolean) =>
      articles.filter(predicate).length / articles.length;
    expect(share((a) => a.visibility === 'public')).toBeGreaterThan(0.8);
    expect(share((a) => a.visibility === 'members')).toBeGreaterThan(0.06);
    expect(share((a) => a.visibility === 'paid')).toBeGreaterThan(0.01);
    expect(share((a) => a.isFeatured)).toBeGreaterThan(0.01);
    expect(share((a) => a.isBreaking)).toBeLessThan(0.03);
    expect(share((a) => a.corrections !== undefined)).toBeGreaterThan(0.02);
    for (const article of articles) {
      for (const correction of article.corrections ?? []) {
        expect(correction.at.getTime()).toBeGreaterThanOrEqual(article.publishedAt.getTime());
        expect(correction.text).not.toMatch(/[{}]/);
      }
      expect(article.photo.credit).toMatch(/^\S.* \/ \S/);
      expect(Number.isInteger(article.photo.seed)).toBe(true);
    }
  });

  it('keeps slugs unique and well-formed over 20,000 articles', () => {
    const slugs = new Set<string>();
    let n = 0;
    for (const article of demoArticles({
      seed: 'slugs',
      count: 20_000,
      now,
      newId: () => String(n++),
    })) {
      expect(article.slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(slugs.has(article.slug)).toBe(false);
      slugs.add(article.slug);
    }
    expect(slugs.size).toBe(20_000);
  });

  it('spreads large runs over more time and appends the index to slugs', () => {
    let n = 0;
    const iterator = demoArticles({ seed: 'big', count: 150_000, now, newId: () => String(n++) });
    const first = iterator.next().value as DemoArticle;
    const second = iterator.next().value as DemoArticle;
    expect(first.slug).toMatch(/-1$/);
    expect(second.slug).toMatch(/-2$/);
    expect(now.getTime() - first.publishedAt.getTime()).toBeGreaterThan(365 * DAY_MS);
  });
});
