import { describe, expect, it } from 'vitest';
import { tagCreateSchema } from '@shared/contracts/tags.js';
import { postBriefCreateSchema } from '@shared/contracts/post-briefs.js';
import { checkTagValues, emptyTagValues } from '../screens/tags/tag-form-values.js';
import { checkWithSchema } from './schema-check.js';

describe('checkWithSchema', () => {
  it('answers nothing for a body the schema accepts', () => {
    expect(checkWithSchema(tagCreateSchema, { name: 'Culture' })).toEqual({});
  });

  it('names each field as the API would, with the form’s words where it has them', () => {
    const found = checkWithSchema(
      postBriefCreateSchema,
      { title: ' ', authorIds: ['not-an-id'] },
      { title: 'Write a headline.' },
    );
    expect(found.title).toBe('Write a headline.');
    expect(Object.keys(found)).toContain('authorIds.0');
    expect(found['authorIds.0']).toMatch(/\.$/);
  });
});

describe('the tag form checks what the API checks', () => {
  const values = { ...emptyTagValues(true), name: 'Culture' };

  it('refuses a section order the API refuses (it took up to 9999 before)', () => {
    expect(checkTagValues({ ...values, navigationOrder: '5000' }).navigationOrder).toBe(
      'Use a whole number from 0 to 1000.',
    );
    expect(checkTagValues({ ...values, navigationOrder: '1000' })).toEqual({});
    expect(checkTagValues({ ...values, navigationOrder: '2.5' }).navigationOrder).toBeDefined();
  });

  it('refuses a name longer than the API keeps (it was not checked before)', () => {
    expect(checkTagValues({ ...values, name: 'x'.repeat(81) }).name).toMatch(/80/);
    expect(checkTagValues({ ...values, name: '  ' }).name).toBe('Give it a name.');
  });
});
