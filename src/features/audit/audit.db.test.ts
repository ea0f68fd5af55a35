import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { servicesFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import { narrow } from '../../platform/db/index.js';
import { parseInput } from '../../platform/validation.js';
import { auditListQuerySchema, type AuditTables } from './index.js';

/** Filters as the Admin API's front door parses them. */
const filters = (input: Record<string, unknown>) => parseInput(auditListQuerySchema, input);

describeEachDatabase('audit log', (getDb) => {
  let ctx: TestContext;
  beforeEach(async () => {
    await getDb().truncate();
    ctx = servicesFor(getDb());
  });

  it('reads an entry whose stored details are not a JSON object as having none', async () => {
    await ctx.services.audit.log({ actor: 'system', action: 'settings.changed', subjectType: 'x' });
    await narrow(ctx.db)
      .to<AuditTables>()
      .updateTable('audit_log')
      .set({ details: '[1,' })
      .execute();
    const [entry] = (await ctx.services.audit.list()).items;
    expect(entry).toMatchObject({ action: 'settings.changed', details: {} });
  });

  it('records entries (also inside a transaction) and lists them newest first', async () => {
    const { audit } = ctx.services;
    await audit.log({
      actor: 'staff:0190a000-0000-7000-8000-000000000001',
      action: 'session.signed_in',
      subjectType: 'staff_user',
      subjectId: '0190a000-0000-7000-8000-000000000001',
      ip: '203.0.113.9',
    });
    ctx.clock.advance(1000);
    await ctx.db.transaction().execute(async (trx) => {
      await audit.record(narrow(trx).to<AuditTables>(), {
        actor: 'token:0190a000-0000-7000-8000-000000000002',
        action: 'token.created',
        subjectType: 'api_token',
        details: { name: 'Importer' },
      });
    });
    ctx.clock.advance(1000);
    await audit.log({ actor: 'system', action: 'settings.changed', subjectType: 'settings' });

    const all = await audit.list();
    expect(all.items.map((e) => e.action)).toEqual([
      'settings.changed',
      'token.created',
      'session.signed_in',
    ]);
    expect(all.items[1]).toMatchObject({
      actor: 'token:0190a000-0000-7000-8000-000000000002',
      details: { name: 'Importer' },
      subjectId: null,
    });
    expect(all.items[2]).toMatchObject({
      ip: '203.0.113.9',
      createdAt: '2026-01-15T09:00:00.000Z',
    });
    expect(all.items[0]?.actor).toBe('system');
  });

  it('filters by actor, action and time, and pages with a cursor', async () => {
    const { audit } = ctx.services;
    const alice = 'staff:0190a000-0000-7000-8000-00000000000a';
    for (let i = 0; i < 5; i++) {
      await audit.log({ actor: alice, action: 'session.signed_in', subjectType: 'staff_user' });
      await audit.log({ actor: 'system', action: 'settings.changed', subjectType: 'settings' });
      ctx.clock.advance(60_000);
    }
    expect((await audit.list(filters({ actor: alice }))).items).toHaveLength(5);
    expect((await audit.list(filters({ actor: 'system' }))).items).toHaveLength(5);
    expect((await audit.list(filters({ action: 'settings.changed' }))).items).toHaveLength(5);
    expect((await audit.list(filters({ since: '2026-01-15T09:03:00.000Z' }))).items).toHaveLength(
      4,
    );

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await audit.list(filters({ limit: 3, ...(cursor ? { cursor } : {}) }));
      seen.push(...page.items.map((e) => e.id));
      cursor = page.next ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(10);
    expect(new Set(seen).size).toBe(10);
    expect([...seen].sort().reverse()).toEqual(seen);
  });

  it('refuses bad filters with 400 naming the field', async () => {
    expect(() => filters({ since: 'yesterday' })).toThrow(
      expect.objectContaining({
        status: 400,
        problems: [expect.objectContaining({ field: 'since' })],
      }) as Error,
    );
    await expect(ctx.services.audit.list(filters({ cursor: 'nope' }))).rejects.toMatchObject({
      status: 400,
      problems: [expect.objectContaining({ field: 'cursor' })],
    });
  });
});
