import { beforeEach, expect, it } from 'vitest';
import { analyzedRows } from '../../../test/helpers/planner-statistics.js';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { servicesFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import { parseInput } from '../../platform/validation.js';
import { parseCsv, serializeCsv } from '../../shared/csv.js';
import { memberListQuerySchema } from '../../shared/contracts/member-admin.js';

describeEachDatabase('members CSV: newsletters', (getDb) => {
  let ctx: TestContext;
  beforeEach(async () => {
    await getDb().truncate();
    ctx = servicesFor(getDb());
  });

  const newsletters = () => ctx.services.newsletters;
  const threeLists = async () => ({
    daily: await newsletters().create({ name: 'Daily', subscribeOnSignup: true, sortOrder: 1 }),
    weekly: await newsletters().create({ name: 'Weekly', sortOrder: 2 }),
    // A default list for paid access only: free members created by an import are not put on it.
    insiders: await newsletters().create({
      name: 'Insiders',
      audience: 'paid',
      subscribeOnSignup: true,
      sortOrder: 3,
    }),
  });
  const idOf = async (email: string) => {
    const [found] = (
      await ctx.services.memberAdmin.list(parseInput(memberListQuerySchema, { q: email }))
    ).items;
    if (!found) throw new Error(`no member ${email}`);
    return found.id;
  };
  /** The slugs of the lists a member is on, with where the last change came from. */
  const listsOf = async (email: string) => {
    const slugOf = new Map(
      (await newsletters().list({ includeArchived: true })).map((l) => [l.id, l.slug]),
    );
    const subscriptions = await newsletters().subscriptionsOf(await idOf(email));
    return subscriptions
      .filter((s) => s.status === 'subscribed')
      .map((s) => `${slugOf.get(s.newsletterId)}:${s.source}`)
      .sort();
  };
  const exportAll = async () => {
    let text = '';
    for await (const chunk of ctx.services.memberAdmin.exportCsv()) text += chunk;
    return text;
  };

  it('creates members on the default lists, on none, or on exactly the lists named', async () => {
    const { weekly } = await threeLists();
    const archived = await newsletters().create({ name: 'Old', sortOrder: 4 });
    await newsletters().update(archived.id, { status: 'archived' });
    const csv = serializeCsv([
      ['email', 'subscribed_to_emails', 'complimentary_plan', 'newsletters'],
      ['yes@example.org', 'true', 'false', ''],
      ['blank@example.org', '', 'false', ''],
      ['no@example.org', 'false', 'false', ''],
      ['comped@example.org', 'true', 'true', ''],
      ['named@example.org', 'true', 'false', `${weekly.slug}, INSIDERS`],
      ['old@example.org', '', 'false', 'old'],
      // A row that says "no email" is never mailed, whatever else it names.
      ['contradicts@example.org', 'false', 'false', 'weekly'],
    ]);
    const report = await ctx.services.memberAdmin.importCsv(csv);
    expect(report).toMatchObject({ imported: 7, problems: [], isImported: true });
    expect(await listsOf('yes@example.org')).toEqual(['daily:import']);
    expect(await listsOf('blank@example.org')).toEqual(['daily:import']);
    expect(await listsOf('no@example.org')).toEqual([]);
    expect(await listsOf('comped@example.org')).toEqual(['daily:import', 'insiders:import']);
    expect(await listsOf('named@example.org')).toEqual(['insiders:import', 'weekly:import']);
    expect(await listsOf('old@example.org')).toEqual(['old:import']);
    expect(await listsOf('contradicts@example.org')).toEqual([]);
    // The lists' table gets fresh planner statistics too: a send's recipient query reads it.
    expect(await analyzedRows(getDb(), 'newsletter_subscriptions')).toBe(7);

    // A Ghost file without the column: its default (true) means the default lists.
    await ctx.services.memberAdmin.importCsv('email,name\r\nghost@example.org,Ghost\r\n');
    expect(await listsOf('ghost@example.org')).toEqual(['daily:import']);
  });

  it('refuses an unknown slug naming the row and column, and writes nothing', async () => {
    await threeLists();
    const csv = serializeCsv([
      ['email', 'newsletters'],
      ['ann@example.org', 'daily'],
      ['bob@example.org', 'daily, sports,  weekly ,gossip'],
    ]);
    const report = await ctx.services.memberAdmin.importCsv(csv);
    expect(report).toMatchObject({
      isImported: false,
      imported: 0,
      invalid: 1,
      problems: [
        { row: 3, field: 'newsletters', message: '"sports", "gossip" are not newsletters' },
      ],
    });
    expect(await ctx.services.memberAdmin.count()).toBe(0);
    expect([...(await newsletters().subscriberCounts()).values()]).toEqual([]);

    // With skipInvalid the good row goes in, on its list.
    const partial = await ctx.services.memberAdmin.importCsv(csv, { skipInvalid: true });
    expect(partial).toMatchObject({ imported: 1, invalid: 1, isImported: true });
    expect(await listsOf('ann@example.org')).toEqual(['daily:import']);
  });

  it('update sets exactly the lists named, takes a member off all on false, and leaves empty cells alone', async () => {
    const { daily, weekly } = await threeLists();
    for (const email of [
      'ann@example.org',
      'bob@example.org',
      'cat@example.org',
      'dan@example.org',
    ])
      await ctx.services.members.findOrCreate({ email });
    const on = async (email: string, ids: string[]) =>
      newsletters().subscribe({
        memberId: await idOf(email),
        newsletterIds: ids,
        source: 'account',
      });
    await on('ann@example.org', [daily.id]);
    await on('bob@example.org', [daily.id, weekly.id]);
    await on('cat@example.org', [weekly.id]);
    await on('dan@example.org', [daily.id]);
    ctx.clock.advance(60_000);

    const csv = serializeCsv([
      ['email', 'subscribed_to_emails', 'newsletters'],
      ['ann@example.org', 'true', 'weekly'],
      ['bob@example.org', 'false', ''],
      ['cat@example.org', '', ''],
      ['dan@example.org', 'true', 'daily'],
      ['new@example.org', '', 'weekly'],
    ]);
    const report = await ctx.services.memberAdmin.importCsv(csv, { mode: 'upsert', actor: 'cli' });
    expect(report).toMatchObject({ imported: 1, updated: 2, unchanged: 2, problems: [] });
    expect(await listsOf('ann@example.org')).toEqual(['weekly:import']);
    expect(await listsOf('bob@example.org')).toEqual([]);
    expect(await listsOf('cat@example.org')).toEqual(['weekly:account']);
    expect(await listsOf('dan@example.org')).toEqual(['daily:account']); // nothing changed
    expect(await listsOf('new@example.org')).toEqual(['weekly:import']);

    // Ann's old list is kept as unsubscribed, by the import, at its time.
    const ann = await idOf('ann@example.org');
    expect(await newsletters().subscriptionsOf(ann)).toEqual(
      expect.arrayContaining([
        {
          newsletterId: daily.id,
          status: 'unsubscribed',
          source: 'import',
          changedAt: ctx.clock.now().toISOString(),
        },
      ]),
    );
    const { history } = await ctx.services.memberAdmin.detail(ann);
    expect(history[0]).toMatchObject({
      type: 'updated',
      data: { changed: ['newsletters'], actor: 'cli', source: 'import' },
    });
  });

  it('exports each member’s lists and "on any list", and the file imports back unchanged', async () => {
    const { daily, weekly } = await threeLists();
    const rows = [['email', 'name', 'subscribed_to_emails', 'newsletters']];
    for (let i = 0; i < 2500; i += 1)
      rows.push([
        `reader${i}@example.org`,
        `Reader ${i}`,
        i % 5 === 0 ? 'false' : '',
        i % 3 === 0 ? 'weekly, daily' : '',
      ]);
    expect(await ctx.services.memberAdmin.importCsv(serializeCsv(rows))).toMatchObject({
      imported: 2500,
    });
    const counts = await newsletters().subscriberCounts();
    expect(counts.get(daily.id)).toBe(2000); // everyone but the 500 who said false
    expect(counts.get(weekly.id)).toBe(834 - 167); // every third, less those who also said false

    const text = await exportAll();
    const [header, ...records] = parseCsv(text);
    expect(header).toContain('newsletters');
    const byEmail = new Map(records.map((r) => [r[0], r]));
    const cell = (email: string, column: string) => byEmail.get(email)![header!.indexOf(column)];
    expect(cell('reader3@example.org', 'newsletters')).toBe('daily, weekly');
    expect(cell('reader3@example.org', 'subscribed_to_emails')).toBe('true');
    expect(cell('reader1@example.org', 'newsletters')).toBe('daily');
    expect(cell('reader5@example.org', 'newsletters')).toBe('');
    expect(cell('reader5@example.org', 'subscribed_to_emails')).toBe('false');

    // The export imported back as an update changes nobody.
    const again = await ctx.services.memberAdmin.importCsv(text, { mode: 'update' });
    expect(again).toMatchObject({ updated: 0, unchanged: 2500, problems: [] });
    expect(await exportAll()).toBe(text);

    // And into an empty members list, it gives the same members on the same lists.
    await ctx.db.deleteFrom('members').execute();
    expect(await ctx.services.memberAdmin.importCsv(text)).toMatchObject({ imported: 2500 });
    const comparable = (csv: string) =>
      parseCsv(csv)
        .map((r) => r.join('\u0000'))
        .sort();
    expect(comparable(await exportAll())).toEqual(comparable(text));
  });
});
