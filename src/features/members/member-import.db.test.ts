import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { servicesFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import { parseInput } from '../../platform/validation.js';
import { parseCsv, serializeCsv } from '../../shared/csv.js';
import { memberCreateSchema, memberListQuerySchema } from '../../shared/contracts/member-admin.js';

const staff = 'staff:test';

describeEachDatabase('member import modes', (getDb) => {
  let ctx: TestContext;
  beforeEach(async () => {
    await getDb().truncate();
    ctx = servicesFor(getDb());
  });

  const add = (input: Record<string, unknown>) =>
    ctx.services.memberAdmin.create(parseInput(memberCreateSchema, input), staff);
  const memberWith = async (email: string) => {
    const [found] = (
      await ctx.services.memberAdmin.list(parseInput(memberListQuerySchema, { q: email }))
    ).items;
    if (!found) return undefined;
    return (await ctx.services.memberAdmin.detail(found.id)).member;
  };
  const exportAll = async () => {
    let text = '';
    for await (const chunk of ctx.services.memberAdmin.exportCsv()) text += chunk;
    return text;
  };

  it('update changes existing members only, never their paid status, and skips unknown emails by row', async () => {
    const ann = await add({ email: 'ann@example.org', name: 'Ann', labels: ['press'] });
    await add({ email: 'bob@example.org', name: 'Bob', note: 'Kept', labels: ['donor'] });
    const carol = await add({ email: 'carol@example.org', name: 'Carol' });
    // Carol pays through Stripe: the import owns none of that.
    await ctx.db
      .updateTable('members')
      .set({ status: 'paid', stripe_customer_id: 'cus_carol' })
      .where('id', '=', carol.id)
      .execute();
    ctx.clock.advance(60_000);

    const csv = serializeCsv([
      [
        'email',
        'name',
        'labels',
        'subscribed_to_emails',
        'complimentary_plan',
        'stripe_customer_id',
        'created_at',
      ],
      ['ANN@example.org', 'Ann Smith', 'press, vip', 'false', 'true', '', '2020-01-01'],
      ['bob@example.org', 'Bob', 'donor', '', 'false', '', ''],
      ['carol@example.org', 'Carol Jones', '', 'true', 'false', 'cus_other', ''],
      ['dave@example.org', 'Dave', '', '', '', '', ''],
    ]);
    const report = await ctx.services.memberAdmin.importCsv(csv, { mode: 'update', actor: staff });
    expect(report).toMatchObject({
      mode: 'update',
      total: 4,
      invalid: 0,
      imported: 0,
      updated: 2,
      unchanged: 1,
      existing: 3,
      isImported: true,
      problems: [],
      skipped: [{ row: 5, reason: 'no member has this email: update mode creates no one' }],
    });

    expect(await memberWith('ann@example.org')).toMatchObject({
      name: 'Ann Smith',
      labels: ['press', 'vip'],
      subscribedToEmails: false,
      status: 'free', // complimentary_plan is not changed by an update
      createdAt: ann.createdAt,
      note: '',
    });
    expect(await memberWith('bob@example.org')).toMatchObject({
      name: 'Bob',
      note: 'Kept', // no note column: left alone
      labels: ['donor'],
      subscribedToEmails: true, // an empty newsletter cell changes nothing
    });
    expect(await memberWith('carol@example.org')).toMatchObject({
      name: 'Carol Jones',
      labels: [],
      status: 'paid',
      stripeCustomerId: 'cus_carol',
    });
    expect(await memberWith('dave@example.org')).toBeUndefined();
    expect(await ctx.services.memberAdmin.count()).toBe(3);

    // Each change is in the member's history, naming what changed and who imported it.
    const { history } = await ctx.services.memberAdmin.detail(ann.id);
    expect(history[0]).toMatchObject({
      type: 'updated',
      data: { changed: ['name', 'subscribedToEmails', 'labels'], actor: staff, source: 'import' },
    });
  });

  it('upsert creates new emails and updates existing members in one go; create leaves them alone', async () => {
    await add({ email: 'ann@example.org', name: 'Ann' });
    const csv = 'email,name,note\r\nann@example.org,Ann Smith,\r\nnew@example.org,Newt,Hello\r\n';
    const created = await ctx.services.memberAdmin.importCsv(csv);
    expect(created).toMatchObject({
      mode: 'create',
      imported: 1,
      updated: 0,
      existing: 1,
      skipped: [{ row: 2, reason: 'already a member: left unchanged (create mode)' }],
    });
    expect((await memberWith('ann@example.org'))?.name).toBe('Ann');

    const upsert = 'email,name,note\r\nann@example.org,Ann Smith,\r\nzoe@example.org,Zoe,Hi\r\n';
    const both = await ctx.services.memberAdmin.importCsv(upsert, { mode: 'upsert' });
    expect(both).toMatchObject({ mode: 'upsert', imported: 1, updated: 1, skipped: [] });
    expect(await memberWith('ann@example.org')).toMatchObject({ name: 'Ann Smith' });
    expect(await memberWith('zoe@example.org')).toMatchObject({ name: 'Zoe', note: 'Hi' });
    expect(await ctx.services.memberAdmin.count()).toBe(3);
  });

  it('round trip: export, edit a few rows, import as update: exactly those members change', async () => {
    // subscribed_to_emails exports as "on any list": the members join the default list.
    await ctx.services.newsletters.create({ name: 'Daily', subscribeOnSignup: true });
    const rows = [['email', 'name', 'labels', 'complimentary_plan']];
    for (let i = 0; i < 1200; i += 1)
      rows.push([
        `reader${i}@example.org`,
        `Reader ${i}`,
        i % 2 ? 'spring' : '',
        `${i % 100 === 0}`,
      ]);
    await ctx.services.memberAdmin.importCsv(serializeCsv(rows));
    const exported = parseCsv(await exportAll());
    const [header, ...records] = exported;
    const col = (name: string) => header!.indexOf(name);
    const edited = records.map((record) => [...record]);
    const edit = (email: string, column: string, value: string) => {
      const record = edited.find((r) => r[col('email')] === email)!;
      record[col(column)] = value;
    };
    edit('reader7@example.org', 'name', 'Seven, renamed');
    edit('reader9@example.org', 'labels', '');
    edit('reader11@example.org', 'subscribed_to_emails', 'false');
    edit('reader11@example.org', 'newsletters', '');
    edit('reader11@example.org', 'note', 'Asked to stop\nall newsletters');
    // Status and Stripe columns edited in the sheet are not the import's to change.
    edit('reader100@example.org', 'complimentary_plan', 'false');

    const report = await ctx.services.memberAdmin.importCsv(serializeCsv([header!, ...edited]), {
      mode: 'update',
    });
    expect(report).toMatchObject({
      total: 1200,
      imported: 0,
      updated: 3,
      unchanged: 1197,
      skipped: [],
    });
    const comparable = (text: string[][]) => text.map((r) => r.join('\u0000')).sort();
    edit('reader100@example.org', 'complimentary_plan', 'true');
    expect(comparable(parseCsv(await exportAll()))).toEqual(comparable([header!, ...edited]));
    expect(await ctx.services.memberAdmin.count({ status: 'comped' })).toBe(12);

    // The same file again finds nothing to change.
    const again = await ctx.services.memberAdmin.importCsv(serializeCsv([header!, ...edited]), {
      mode: 'update',
    });
    expect(again).toMatchObject({ updated: 0, unchanged: 1200 });
  });

  it('leaves every member as they were when an update is interrupted part-way', async () => {
    const original = [['email', 'name']];
    const renamed = [['email', 'name']];
    for (let i = 0; i < 1500; i += 1) {
      original.push([`reader${i}@example.org`, `Reader ${i}`]);
      renamed.push([`reader${i}@example.org`, `Renamed ${i}`]);
    }
    await ctx.services.memberAdmin.importCsv(serializeCsv(original));
    const before = await exportAll();
    let batches = 0;
    await expect(
      ctx.services.memberAdmin.importCsv(serializeCsv(renamed), {
        mode: 'upsert',
        onProgress: (done) => {
          if (done > 0 && ++batches === 2) throw new Error('connection lost');
        },
      }),
    ).rejects.toThrow('connection lost');
    expect(await exportAll()).toBe(before);
    const whole = await ctx.services.memberAdmin.importCsv(serializeCsv(renamed), {
      mode: 'update',
    });
    expect(whole).toMatchObject({ updated: 1500 });
    expect((await memberWith('reader1499@example.org'))?.name).toBe('Renamed 1499');
  });
});
