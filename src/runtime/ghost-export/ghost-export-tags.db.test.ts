import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { servicesFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import { LocalDiskStorage } from '../../platform/storage/index.js';
import { exportGhost } from './index.js';

type GhostData = Record<string, Array<Record<string, unknown>>>;

describeEachDatabase('export --format ghost: internal tags and staff slugs', (getDb) => {
  let ctx: TestContext;
  beforeEach(async () => {
    await getDb().truncate();
    ctx = servicesFor(getDb());
  });

  const exportJson = async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'ghost-export-')), 'export.json');
    const report = await exportGhost({
      db: ctx.db,
      storage: new LocalDiskStorage(ctx.mediaDir),
      services: ctx.services,
      file,
      now: ctx.clock.now(),
    });
    const json = JSON.parse(await readFile(file, 'utf8')) as { db: Array<{ data: GhostData }> };
    return { report, data: json.db[0]!.data };
  };

  it('marks internal tags by their flag, never by a # in the name, and leaves them out of navigation', async () => {
    await ctx.services.tags.create({
      name: 'Homepage lead',
      slug: 'homepage-lead',
      isInternal: true,
    });
    await ctx.services.tags.create({ name: '#MeToo', slug: 'metoo' });
    await ctx.services.tags.create({ name: 'World', isNavigation: true, navigationOrder: 0 });
    const hidden = await ctx.services.tags.create({ name: 'Desk only', isInternal: true });
    // A row from before sections refused internal tags: flagged both ways in the database.
    await ctx.db
      .updateTable('tags')
      .set({ is_navigation: 1, navigation_order: 1 })
      .where('id', '=', hidden.id)
      .execute();

    const { report, data } = await exportJson();
    const visibility = Object.fromEntries(data.tags!.map((t) => [t.slug, t.visibility]));
    expect(visibility).toEqual({
      'homepage-lead': 'internal',
      metoo: 'public',
      world: 'public',
      'desk-only': 'internal',
    });
    const navigation = data.settings!.find((s) => s.key === 'navigation');
    expect(JSON.parse(String(navigation?.value))).toEqual([{ label: 'World', url: '/tag/world/' }]);
    expect(report.notes).toContainEqual(expect.stringContaining('#MeToo'));
  });

  it('gives a staff member without a byline a slug by the site’s own slug rule', async () => {
    await ctx.services.staff.create({
      email: 'zoe@example.org',
      name: 'Zoë Ångström',
      role: 'editor',
      password: 'a good long password',
    });
    await ctx.db.deleteFrom('authors').execute();
    const { data } = await exportJson();
    expect(data.users!.map((u) => u.slug)).toEqual(['zoë-ångström']);
  });
});
