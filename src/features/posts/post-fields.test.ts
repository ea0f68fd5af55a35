import { describe, expect, it } from 'vitest';
import { applyPatch, blankSnapshot, emptyDoc, postSnapshotSchema } from './post-fields.js';

describe('post fields', () => {
  it('gives a field missing from a stored snapshot its default', () => {
    const snapshot = postSnapshotSchema.parse({ title: 'Old', authorIds: ['a'] });
    expect(snapshot).toEqual({ ...blankSnapshot(), title: 'Old', authorIds: ['a'] });
    expect(snapshot.body).toEqual(emptyDoc);
    expect(snapshot.seo).toEqual({ title: null, description: null, socialImageUrl: null });
  });

  it('refuses a stored value outside an enum instead of passing it on', () => {
    expect(() => postSnapshotSchema.parse({ kind: 'essay' })).toThrow();
    expect(() => postSnapshotSchema.parse({ visibility: 'secret' })).toThrow();
  });

  it('changes only the fields a patch names, merging SEO parts and filling lead image text', () => {
    const base = {
      ...blankSnapshot(),
      title: 'Before',
      seo: { title: 'SEO', description: 'Kept', socialImageUrl: null },
    };
    const next = applyPatch(base, {
      dek: 'New dek',
      seo: { title: null },
      leadImage: { mediaId: 'm1' },
      publicUpdatedAt: '2026-01-10T10:00:00+02:00',
    });
    expect(next).toEqual({
      ...base,
      dek: 'New dek',
      seo: { title: null, description: 'Kept', socialImageUrl: null },
      leadImage: { mediaId: 'm1', alt: '', caption: '', credit: '' },
      publicUpdatedAt: '2026-01-10T08:00:00.000Z',
    });
    expect(base.seo.title).toBe('SEO');
  });
});
