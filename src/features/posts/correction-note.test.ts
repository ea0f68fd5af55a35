import { describe, expect, it } from 'vitest';
import { withdrawalNote } from './correction-note.js';

describe('withdrawalNote', () => {
  it('names the kind and the day in the newsroom’s zone, then the reason', () => {
    const zone = { timezone: 'Europe/Kyiv', locale: 'en-US' };
    // 23:30 UTC on the 7th is already the 8th in Kyiv.
    const note = withdrawalNote({
      kind: 'correction',
      createdAt: '2026-12-07T23:30:00.000Z',
      reason: 'It was added to the wrong story.',
      zone,
    });
    expect(note).toBe(
      'A correction made on December 8, 2026 was withdrawn: It was added to the wrong story.',
    );
    expect(
      withdrawalNote({ kind: 'update', createdAt: '2026-12-07T10:00:00.000Z', reason: 'x', zone }),
    ).toMatch(/^An update made on December 7, 2026 was withdrawn: x$/);
  });
});
