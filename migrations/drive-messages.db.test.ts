import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../test/helpers/test-database.js';
import { toDriveMessage, up } from './2026-12-05-0011-drive-messages.js';

it('turns the goal written in a text into a placeholder and quotes literal braces', () => {
  expect(toDriveMessage('Help us reach 25,000 members by the end of the year', 25_000)).toBe(
    'Help us reach {goal, number} members by the end of the year',
  );
  expect(toDriveMessage('25.000 Mitglieder, 25 000 members, 25000 readers', 25_000)).toBe(
    '{goal, number} Mitglieder, {goal, number} members, {goal, number} readers',
  );
  expect(toDriveMessage('We are 125,000 strong; 25,0001 is no goal', 25_000)).toBe(
    'We are 125,000 strong; 25,0001 is no goal',
  );
  expect(toDriveMessage('Join {us}', 500)).toBe("Join '{'us'}'");
});

describeEachDatabase('migration 0011: drive messages', (getDb) => {
  it('rewrites stored drives so their texts follow the goal', async () => {
    const db = getDb().database.db as unknown as Kysely<{
      campaigns: Record<string, string | number>;
    }>;
    const at = '2026-12-01T00:00:00.000Z';
    await db
      .insertInto('campaigns')
      .values({
        id: 'old-drive',
        name: 'Year-end',
        headline: 'Help us reach 25,000 members by the end of the year',
        body: 'Quality journalism takes work.',
        goal: 25_000,
        metric: 'paying_members',
        starts_at: at,
        ends_at: '2026-12-31T23:59:59.000Z',
        buttons: '[]',
        placements: '["banner"]',
        texts: JSON.stringify({
          running: 'Join them.',
          reached: 'We reached our goal of 25,000 members.',
          ended: '',
        }),
        created_at: at,
        updated_at: at,
      })
      .execute();
    await up(db as Kysely<unknown>);
    const row = await db
      .selectFrom('campaigns')
      .selectAll()
      .where('id', '=', 'old-drive')
      .executeTakeFirstOrThrow();
    expect(row.headline).toBe('Help us reach {goal, number} members by the end of the year');
    expect(JSON.parse(String(row.texts))).toEqual({
      running: 'Join them.',
      reached: 'We reached our goal of {goal, number} members.',
      ended: '',
    });
  });
});
