import { describe, expect, it } from 'vitest';
import { auditQueryOf, checkAuditQuery } from './audit-query.js';

const none = { actor: '', action: '', since: '', story: '' };

describe('the audit filters, as the API takes them', () => {
  it('sends only the filters set, a day from the start of that day in the newsroom’s zone', () => {
    const query = auditQueryOf(
      { ...none, actor: 'system', action: 'token.created', since: '2026-03-01' },
      'Asia/Tokyo',
    );
    expect(query).toMatchObject({
      actor: 'system',
      action: 'token.created',
      since: '2026-02-28T15:00:00.000Z',
    });
    expect(query.subjectId).toBeUndefined();
    expect(checkAuditQuery(query)).toEqual({});
  });

  it('names a filter from a hand-made link that the API would refuse, at its field', () => {
    const found = checkAuditQuery(
      auditQueryOf({ ...none, actor: 'somebody', action: 'Token Created' }, 'UTC'),
    );
    expect(found.actor).toBe('Must be like staff:<id> or system.');
    expect(found.action).toBe('Must be an action name such as session.signed_in.');
  });
});
