import { describe, expect, it } from 'vitest';
import { ghostIdMatches, ghostIdOf, isGhostId, localIdRangeOf } from './ghost-id.js';

const uuid = '0193a5b2-7c4d-7e01-8f23-456789abcdef';

describe('Ghost ids derived from UUIDv7 ids', () => {
  it('keeps the time half and the random half: 24 lowercase hex', () => {
    expect(ghostIdOf(uuid)).toBe('0193a5b27c4d456789abcdef');
    expect(ghostIdOf(uuid.toUpperCase())).toBe('0193a5b27c4d456789abcdef');
    expect(isGhostId(ghostIdOf(uuid))).toBe(true);
  });

  it('names the primary-key range of its millisecond, which holds the id', () => {
    const range = localIdRangeOf(ghostIdOf(uuid))!;
    expect(uuid >= range.from && uuid < range.to).toBe(true);
    // A neighbour a millisecond later is outside; one of the same millisecond inside but not a match.
    const later = '0193a5b2-7c4e-7e01-8f23-456789abcdef';
    expect(later >= range.from && later < range.to).toBe(false);
    const sibling = '0193a5b2-7c4d-7e02-8f23-000000000001';
    expect(sibling >= range.from && sibling < range.to).toBe(true);
    expect(ghostIdMatches(sibling, ghostIdOf(uuid))).toBe(false);
    expect(ghostIdMatches(uuid, ghostIdOf(uuid))).toBe(true);
  });

  it('refuses what is not a Ghost id', () => {
    expect(localIdRangeOf('not-an-id')).toBeUndefined();
    expect(localIdRangeOf('0193A5B27C4D456789ABCDEF')).toBeUndefined();
    expect(isGhostId("0193a5b27c4d456789abcde'")).toBe(false);
  });

  it('gives other ids a stable 24-hex hash', () => {
    expect(ghostIdOf('desk-news')).toBe(ghostIdOf('desk-news'));
    expect(ghostIdOf('desk-news')).not.toBe(ghostIdOf('desk-sport'));
    expect(isGhostId(ghostIdOf('desk-news'))).toBe(true);
  });
});
