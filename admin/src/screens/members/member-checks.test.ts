import { describe, expect, it } from 'vitest';
import { checkMemberChanges, checkNewMember } from './member-checks.js';

const shown = ['email', 'name', 'labels', 'note', 'comp.until'];

describe('the member forms check what the API checks', () => {
  it('accepts a new member the API accepts', () => {
    expect(checkNewMember({ email: 'ana@example.org', labels: ['press'] }, shown)).toEqual({
      fields: {},
      general: [],
    });
  });

  it('refuses an address the API refuses, in the form’s words', () => {
    for (const email of ['', 'ana', 'ana@', 'ana example@org.org'])
      expect(checkNewMember({ email, labels: [] }, shown).fields.email).toBe(
        'Enter an email address, like name@example.org.',
      );
  });

  it('puts a label the API refuses under the labels field (it was sent before)', () => {
    const found = checkMemberChanges({ labels: ['ok', 'x'.repeat(101)] }, shown);
    expect(found.fields).toEqual({ labels: 'Use at most 50 labels of up to 100 characters each.' });
  });
});
