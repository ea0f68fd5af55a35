import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { countQueries } from '../../../test/helpers/query-counter.js';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { testKeyring } from '../../../test/helpers/test-keyring.js';
import { servicesFor } from '../../../test/helpers/test-runtime.js';
import { newId } from '../../platform/ids.js';
import { createLogger } from '../../platform/logger.js';
import { LocalDiskStorage } from '../../platform/storage/index.js';
import { createServices } from '../../runtime/services.js';
import { buildApp } from '../app.js';

describeEachDatabase('story page queries', (getDb) => {
  it('are a fixed number, whatever the story’s authors and sections (no N+1)', async () => {
    await getDb().truncate();
    const { services, clock, db } = servicesFor(getDb());
    const authors = await Promise.all(
      ['A', 'B', 'C', 'D'].map((n) => services.authors.create({ name: `Author ${n}`, bio: 'Bio' })),
    );
    const tags = await Promise.all(
      ['One', 'Two', 'Three', 'Four', 'Five'].map((n, i) =>
        services.tags.create({ name: n, isNavigation: i === 0 }),
      ),
    );
    const body = {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Text.' }] }],
    } as never;
    const base = {
      kind: 'article' as const,
      body,
      status: 'published' as const,
      publishedAt: clock.now().toISOString(),
    };
    await services.posts.importBatch([
      {
        ...base,
        id: newId(),
        slug: 'small',
        title: 'Small',
        authorIds: [authors[0]!.id],
        tagIds: [tags[0]!.id],
      },
      {
        ...base,
        id: newId(),
        slug: 'large',
        title: 'Large',
        authorIds: authors.map((a) => a.id),
        tagIds: tags.map((t) => t.id),
      },
    ]);
    const counted = countQueries(db);
    const app = await buildApp({
      services: createServices({
        keyring: testKeyring(),
        db: counted.db,
        clock,
        storage: new LocalDiskStorage(mkdtempSync(join(tmpdir(), 'mh-q-'))),
      }),
      logger: createLogger({ level: 'silent', pretty: false }),
      ping: () => Promise.resolve(true),
      publicUrl: 'http://localhost:3000',
      isProduction: false,
    });
    const queriesFor = async (url: string) => {
      counted.counter.count = 0;
      const response = await app.inject(url);
      expect(response.statusCode).toBe(200);
      return counted.counter.count;
    };
    // Warm the shared parts (site settings, the latest briefs), then render both from scratch.
    await queriesFor('/small/');
    await app.siteCache.invalidate('all');
    const small = await queriesFor('/small/');
    const large = await queriesFor('/large/');
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(25);
    await app.close();
  });
});
