import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { testKeyring } from '../../../test/helpers/test-keyring.js';
import { appFor, tokenHeaders, type TestContext } from '../../../test/helpers/test-runtime.js';
import { FakeClock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { createLogger } from '../../platform/logger.js';
import { LocalDiskStorage } from '../../platform/storage/index.js';
import { createServices } from '../../runtime/services.js';
import { buildApp } from '../app.js';

const url = '/api/admin/v1/settings';

describeEachDatabase('Admin API: PATCH /settings', (getDb) => {
  let app: FastifyInstance;
  let ctx: Awaited<ReturnType<typeof appFor>>;
  let admin: Record<string, string>;
  beforeAll(async () => {
    await getDb().truncate();
    ctx = await appFor(getDb());
    app = ctx.app;
    admin = await tokenHeaders(ctx.services, 'administrator');
  });
  afterAll(() => app.close());

  const patch = (payload: Record<string, unknown>) =>
    app.inject({ method: 'PATCH', url, headers: admin, payload });

  it('refuses a locale, language, time zone, colour or address the site cannot use, naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ locale: 'en_US' }, 'locale'],
      [{ locale: 'xx' }, 'locale'],
      [{ locale: `en-${'a'.repeat(40)}` }, 'locale'],
      [{ language: 'English, please' }, 'language'],
      [{ language: 'zz' }, 'language'],
      [{ timezone: 'Mars/Olympus' }, 'timezone'],
      [{ timezone: '+01:00' }, 'timezone'],
      [{ accentColor: '#ffff00' }, 'accentColor'],
      [{ accentColor: 'red' }, 'accentColor'],
      [{ logoUrl: 'ftp://files.example/logo.png' }, 'logoUrl'],
      [{ logoUrl: 'https://' }, 'logoUrl'],
      [{ navigation: [{ label: 'Home', url: 'javascript:alert(1)' }] }, 'navigation.0.url'],
      [{ socialLinks: { mastodon: 'http://user:pw@social.example/' } }, 'socialLinks.mastodon'],
    ];
    for (const [payload, field] of cases) {
      const response = await patch(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual([
        field,
      ]);
    }
  });

  it('saves nothing when one field of a change is refused, and names every bad field', async () => {
    const response = await patch({
      siteName: 'The Ledger',
      locale: 'en_GB',
      language: 'xx',
      timezone: 'Europe/Atlantis',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual([
      'timezone',
      'locale',
      'language',
    ]);
    const now = await app.inject({ method: 'GET', url, headers: admin });
    expect(now.json()).toMatchObject({
      settings: { siteName: 'Masthead', locale: 'en-US', language: 'en', timezone: 'UTC' },
    });
  });

  it('saves good values in canonical form, and the site uses them', async () => {
    const response = await patch({
      locale: 'en-gb',
      language: 'EN-gb',
      timezone: 'europe/london',
      logoUrl: 'https://cdn.example/logo.png',
    });
    expect(response.statusCode).toBe(200);
    const expected = {
      locale: 'en-GB',
      language: 'en-GB',
      timezone: 'Europe/London',
      logoUrl: 'https://cdn.example/logo.png',
    };
    expect(response.json()).toMatchObject({ settings: expected });
    const read = await app.inject({ method: 'GET', url, headers: admin });
    expect(read.json()).toMatchObject({ settings: expected });
    const home = await app.inject({ method: 'GET', url: '/' });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('<html lang="en-GB">');
    // A language with no formatting data in Intl is still a language pages can be written in.
    const crimean = await patch({ language: 'crh' });
    expect(crimean.json()).toMatchObject({ settings: { language: 'crh' } });
  });
});

describeEachDatabase('site settings stored with bad values', (getDb) => {
  it('render story pages with the defaults instead, and warn the operator once per setting', async () => {
    await getDb().truncate();
    const clock = new FakeClock();
    const db = getDb().database.db as TestContext['db'];
    const warnings: { details: Record<string, unknown>; message: string }[] = [];
    const services = createServices({
      db,
      clock,
      storage: new LocalDiskStorage(mkdtempSync(join(tmpdir(), 'masthead-media-'))),
      keyring: testKeyring(),
      logger: { warn: (details, message) => warnings.push({ details, message }) },
    });
    const author = await services.authors.create({ name: 'Olena Marchenko', bio: 'Reporter' });
    await services.posts.importBatch([
      {
        id: newId(),
        kind: 'article',
        slug: 'grain-corridor',
        title: 'Grain corridor reopens',
        body: {
          type: 'doc',
          content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Ships sail.' }] }],
        } as never,
        status: 'published',
        publishedAt: clock.now().toISOString(),
        authorIds: [author.id],
        tagIds: [],
      },
    ]);
    // As written before these rules existed, or by hand straight into the database.
    const stored: Record<string, string> = {
      locale: JSON.stringify('en_US'),
      language: JSON.stringify('<script>'),
      timezone: JSON.stringify('Mars/Olympus'),
      accentColor: JSON.stringify('#ffff00'),
      siteName: 'The Ledger', // not JSON at all
    };
    for (const [key, value] of Object.entries(stored)) {
      await db
        .insertInto('settings')
        .values({ key, value, updated_at: clock.now().toISOString() })
        .execute();
    }
    const app = await buildApp({
      services,
      logger: createLogger({ level: 'silent', pretty: false }),
      ping: () => getDb().database.ping(),
      publicUrl: 'http://localhost:3000',
      isProduction: false,
      clock,
    });
    try {
      for (const page of ['/grain-corridor/', '/', '/grain-corridor/']) {
        const response = await app.inject({ method: 'GET', url: page });
        expect(response.statusCode, page).toBe(200);
        expect(response.body).toContain('<html lang="en">');
        expect(response.body).toContain('Masthead');
      }
      const story = await app.inject({ method: 'GET', url: '/grain-corridor/' });
      expect(story.body).toContain('Grain corridor reopens');
      const settings = await app.inject({
        method: 'GET',
        url,
        headers: await tokenHeaders(services, 'administrator'),
      });
      expect(settings.json()).toMatchObject({
        settings: { locale: 'en-US', language: 'en', timezone: 'UTC', accentColor: '#b3261e' },
      });
      expect(warnings.map((w) => w.details.setting).sort()).toEqual([
        'accentColor',
        'language',
        'locale',
        'siteName',
        'timezone',
      ]);
      expect(warnings[0]?.message).toMatch(/default is used/);
      // Saving a good value ends the fallback.
      await services.settings.update({ locale: 'uk-UA' });
      await app.siteCache.invalidate('all');
      expect((await services.settings.get()).locale).toBe('uk-UA');
    } finally {
      await app.close();
    }
  });
});
