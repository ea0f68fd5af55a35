import { describe, expect, it } from 'vitest';
import { deriveAccess, disputeOutcome } from './subscription-state.js';

const now = new Date('2026-03-01T00:00:00.000Z');
const periodEnd = Date.parse('2026-04-01T00:00:00.000Z') / 1000;
const none = { seconds: 0, tierId: null };
const live = [{ tierId: 't1', currentPeriodEnd: periodEnd }];

describe('deriveAccess: gift time is never lost to a subscription', () => {
  it('a running gift is held when a subscription starts granting', () => {
    const gift = { status: 'gift' as const, tierId: 'g1', accessUntil: '2026-03-11T00:00:00.000Z' };
    expect(deriveAccess({ member: gift, granting: live, held: none, now })).toEqual({
      access: { status: 'paid', tierId: 't1', accessUntil: '2026-04-01T00:00:00.000Z' },
      held: { seconds: 10 * 86_400, tierId: 'g1' },
    });
  });

  it('held time runs from now when paid access ends; without it the member is free', () => {
    const paid = { status: 'paid' as const, tierId: 't1', accessUntil: '2026-04-01T00:00:00.000Z' };
    expect(
      deriveAccess({ member: paid, granting: [], held: { seconds: 86_400, tierId: 'g1' }, now }),
    ).toEqual({
      access: { status: 'gift', tierId: 'g1', accessUntil: '2026-03-02T00:00:00.000Z' },
      held: none,
    });
    expect(deriveAccess({ member: paid, granting: [], held: none, now }).access).toEqual({
      status: 'free',
      tierId: null,
      accessUntil: null,
    });
  });

  it('leaves staff comps and gifts without a granting subscription alone', () => {
    const comped = { status: 'comped' as const, tierId: null, accessUntil: null };
    expect(
      deriveAccess({ member: comped, granting: live, held: none, now }).access,
    ).toBeUndefined();
    const gift = { status: 'gift' as const, tierId: 'g1', accessUntil: '2026-05-01T00:00:00.000Z' };
    expect(deriveAccess({ member: gift, granting: [], held: none, now }).access).toBeUndefined();
  });

  it('reads Stripe dispute statuses as open, won or lost', () => {
    expect(
      ['needs_response', 'under_review', 'warning_needs_response'].map(disputeOutcome),
    ).toEqual(['open', 'open', 'open']);
    expect(['won', 'warning_closed', 'lost'].map(disputeOutcome)).toEqual(['won', 'won', 'lost']);
  });
});
