import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { servicesFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import { ImportReport } from './import-report.js';

const realRedirects = new URL('../../../test/fixtures/ghost/real/redirects.json', import.meta.url)
  .pathname;

describeEachDatabase('redirects an import stores: created, updated, unchanged', (getDb) => {
  let ctx: TestContext;
  beforeEach(async () => {
    await getDb().truncate();
    ctx = servicesFor(getDb());
  });
  const importFile = async (file: string, dryRun = false) => {
    const report = new ImportReport('test', dryRun);
    await ctx.services.imports.importGhostRedirects(file, report);
    return report;
  };

  it('counts a second import of the same redirects file as unchanged, not created again', async () => {
    const first = await importFile(realRedirects);
    expect(first.countsOf('redirects')).toEqual({
      found: 3,
      created: 3,
      updated: 0,
      unchanged: 0,
      skipped: 0,
    });
    const again = await importFile(realRedirects);
    expect(again.countsOf('redirects')).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(await ctx.services.imports.redirectFor('/2019/10/storm/')).toEqual({
      location: '/archive-1987-storm/',
      status: 301,
    });
  });

  it('counts a redirect whose target or status changed as updated, and a dry run writes nothing', async () => {
    await importFile(realRedirects);
    const file = join(await mkdtemp(join(tmpdir(), 'redirects-')), 'redirects.json');
    await writeFile(
      file,
      JSON.stringify([
        { from: '/2019/10/storm/', to: '/the-1987-storm/', permanent: true },
        { from: '/podcast', to: '/tag/culture/', permanent: false },
        { from: '/new-old-address/', to: '/somewhere/', permanent: true },
        // An address named twice: the later rule counts, the earlier is reported.
        { from: '/twice/', to: '/first/', permanent: true },
        { from: '/twice', to: '/second/', permanent: true },
      ]),
    );
    const dry = await importFile(file, true);
    expect(dry.countsOf('redirects')).toMatchObject({
      found: 5,
      created: 2,
      updated: 1,
      unchanged: 1,
      skipped: 1,
    });
    expect(await ctx.services.imports.redirectFor('/new-old-address/')).toBeUndefined();

    const report = await importFile(file);
    expect(report.countsOf('redirects')).toMatchObject({ created: 2, updated: 1, unchanged: 1 });
    expect(report.lines).toContainEqual({
      item: 'redirect "/twice/"',
      part: 'whole item',
      reason: 'named again further on: the later rule is kept',
    });
    expect(await ctx.services.imports.redirectFor('/2019/10/storm/')).toMatchObject({
      location: '/the-1987-storm/',
    });
    expect(await ctx.services.imports.redirectFor('/twice/')).toMatchObject({
      location: '/second/',
    });
  });
});
