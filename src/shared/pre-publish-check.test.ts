import { describe, expect, it } from 'vitest';
import { prePublishProblems, type PrePublishInput } from './pre-publish-check.js';

const ready: PrePublishInput = {
  kind: 'article',
  title: 'Council approves the river bridge',
  authorCount: 1,
  sectionCount: 1,
  leadImage: { alt: 'The old bridge at dusk' },
  scheduledAt: null,
};
const options = { now: new Date('2026-12-05T09:00:00Z'), formatTime: (iso: string) => iso };
const fields = (input: Partial<PrePublishInput>) =>
  prePublishProblems({ ...ready, ...input }, options).map((p) => p.field);

describe('pre-publish check', () => {
  it('finds nothing in a story that is ready', () => {
    expect(prePublishProblems(ready, options)).toEqual([]);
  });

  it('lists a missing section, byline and alt text, and a long or short headline', () => {
    expect(fields({ sectionCount: 0 })).toEqual(['tagIds']);
    expect(fields({ authorCount: 0 })).toEqual(['authorIds']);
    expect(fields({ leadImage: { alt: '  ' } })).toEqual(['leadImage']);
    expect(fields({ leadImage: null })).toEqual([]);
    expect(fields({ title: 'x'.repeat(101) })).toEqual(['title']);
    expect(fields({ title: 'Rain' })).toEqual(['title']);
    // Briefs and pages do not need a section.
    expect(fields({ kind: 'brief', sectionCount: 0 })).toEqual([]);
  });

  it('says when the scheduled time has passed, or that publishing replaces the schedule', () => {
    const [past] = prePublishProblems({ ...ready, scheduledAt: '2026-12-05T08:00:00Z' }, options);
    expect(past?.message).toMatch(/2026-12-05T08:00:00Z, has passed/);
    const [future] = prePublishProblems({ ...ready, scheduledAt: '2026-12-06T08:00:00Z' }, options);
    expect(future?.message).toMatch(/replaces the schedule/);
  });
});
