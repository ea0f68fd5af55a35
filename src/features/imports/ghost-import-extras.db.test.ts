import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import {
  startSmtpTestServer,
  type SmtpTestServer,
} from '../../../test/helpers/smtp-test-server.js';
import { servicesFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import { createSmtpMailer } from '../../platform/mail/index.js';
import { systemActor } from '../staff/index.js';

/**
 * A real Ghost 5.130 export (test/fixtures/ghost/real): its internal `#tag`, its tiers and
 * a `visibility: tiers` post, its staff invited with --invite-staff, and a tag the newsroom
 * already had under one of Ghost's slugs.
 */
const real = new URL('../../../test/fixtures/ghost/real/', import.meta.url).pathname;
const siteUrl = 'http://127.0.0.1:2368';

describeEachDatabase(
  'Ghost import: internal tags, tiers, invitations, the newsroom’s own tags',
  (getDb) => {
    let ctx: TestContext;
    let smtp: SmtpTestServer;
    beforeAll(async () => {
      smtp = await startSmtpTestServer();
    });
    afterAll(async () => {
      await smtp.close();
    });
    beforeEach(async () => {
      await getDb().truncate();
      smtp.received.length = 0;
      ctx = servicesFor(getDb(), undefined, {
        mailer: createSmtpMailer({ url: smtp.url, from: 'Newsroom <news@example.org>' }),
      });
    });
    const importReal = (
      options: { dryRun?: boolean; overwrite?: boolean; invite?: boolean } = {},
    ) =>
      ctx.services.imports.ghost({
        file: `${real}ghost-5-export.json`,
        siteUrl,
        dryRun: options.dryRun ?? false,
        overwrite: options.overwrite ?? false,
        ...(options.invite
          ? {
              invite: (id: string) =>
                ctx.services.staffAuth.invitations.inviteImported(systemActor, id, {
                  ip: 'cli',
                  publicUrl: 'https://news.example',
                }),
            }
          : {}),
      });

    it('keeps Ghost’s #tags as internal tags: on their posts, never a section', async () => {
      const report = await importReal();
      const internal = await ctx.services.tags.bySlug('hash-homepage-lead');
      expect(internal).toMatchObject({
        name: '#homepage-lead',
        isInternal: true,
        isNavigation: false,
      });
      expect(await ctx.services.tags.bySlug('news')).toMatchObject({ isInternal: false });
      const post = await ctx.services.posts.bySlug('council-approves-harbour-wall-repairs');
      expect(post?.tags.map((t) => [t.slug, t.isInternal])).toEqual([
        ['news', false],
        ['council', false],
        ['the-harbour', false],
        ['hash-homepage-lead', true],
      ]);
      expect(report.countsOf('tags')).toMatchObject({ found: 6, created: 6, skipped: 0 });
      // Readers' lists leave it out; the admin's keeps it.
      expect((await ctx.services.tags.list({ publicOnly: true })).map((t) => t.slug)).not.toContain(
        'hash-homepage-lead',
      );
      expect((await ctx.services.tags.list()).map((t) => t.slug)).toContain('hash-homepage-lead');
      expect((await ctx.services.tags.navigation()).map((t) => t.slug)).not.toContain(
        'hash-homepage-lead',
      );
    });

    it('refuses an internal tag as a section, naming the field', async () => {
      await expect(
        ctx.services.tags.create({ name: '#x', isInternal: true, isNavigation: true }),
      ).rejects.toMatchObject({ status: 400, problems: [{ field: 'isInternal' }] });
      const section = await ctx.services.tags.create({ name: 'World', isNavigation: true });
      await expect(
        ctx.services.tags.update(section.id, { isInternal: true }),
      ).rejects.toMatchObject({
        status: 400,
        problems: [{ field: 'isInternal' }],
      });
    });

    it('imports tiers with their prices and benefits, and names the tiers of a tiers-only post', async () => {
      const report = await importReal();
      const tiers = await ctx.services.tiers.list();
      expect(tiers.find((t) => t.slug === 'harbour-supporter')).toMatchObject({
        name: 'Harbour Supporter',
        description: 'Keeps the lights on in the newsroom.',
        benefits: ['The weekend edition', 'Podcast extras'],
        isFree: false,
        isActive: true,
        currency: 'eur',
        monthlyAmount: 600,
        yearlyAmount: 6000,
      });
      expect(tiers.find((t) => t.slug === 'free')).toMatchObject({ isFree: true });
      expect(tiers.find((t) => t.slug === 'default-product')).toMatchObject({
        name: 'The Harbour Gazette',
        currency: 'usd',
        monthlyAmount: 500,
      });
      expect(report.countsOf('tiers')).toMatchObject({ found: 3, created: 3 });
      // The post for "Harbour Supporter" only: paid members, and the report says which tier.
      expect(await ctx.services.posts.bySlug('morning-briefing-1')).toMatchObject({
        visibility: 'paid',
      });
      expect(report.lines).toContainEqual(
        expect.objectContaining({
          item: 'post "morning-briefing-1"',
          part: 'visibility "tiers"',
          reason: expect.stringContaining('"Harbour Supporter"'),
        }),
      );

      // Again: nothing changes, nothing duplicates.
      const again = await importReal();
      expect(again.countsOf('tiers')).toMatchObject({ found: 3, created: 0, unchanged: 3 });
      expect(await ctx.services.tiers.list()).toHaveLength(3);
    });

    it('keeps a tag the newsroom made itself under a Ghost slug, unless told to overwrite', async () => {
      const own = await ctx.services.tags.create({
        name: 'Our News Desk',
        slug: 'news',
        description: 'Written by the newsroom',
      });
      const report = await importReal();
      expect(await ctx.services.tags.bySlug('news')).toMatchObject({
        id: own.id,
        name: 'Our News Desk',
        description: 'Written by the newsroom',
      });
      expect(report.lines).toContainEqual(
        expect.objectContaining({ item: 'tag "News"', part: 'name and description' }),
      );
      // Posts are tagged with it all the same.
      const post = await ctx.services.posts.bySlug('council-approves-harbour-wall-repairs');
      expect(post?.tags[0]?.id).toBe(own.id);
      // A second run keeps it too; --overwrite takes Ghost's.
      await importReal();
      expect(await ctx.services.tags.bySlug('news')).toMatchObject({ name: 'Our News Desk' });
      await importReal({ overwrite: true });
      expect(await ctx.services.tags.bySlug('news')).toMatchObject({ id: own.id, name: 'News' });
    });

    it('without --invite-staff sends nothing; with it invites each imported account once', async () => {
      await importReal();
      expect(smtp.received).toHaveLength(0);
      const ines = await ctx.services.staff.byEmail('ines@harbourgazette.example.com');
      expect(ines).toMatchObject({ status: 'suspended', hasPassword: false });

      const report = await importReal({ invite: true });
      await smtp.waitFor(4);
      expect(smtp.received.map((m) => m.to[0]).sort()).toEqual([
        'dev@harbourgazette.example.com',
        'ines@harbourgazette.example.com',
        'mara@harbourgazette.example.com',
        'tomasz@harbourgazette.example.com',
      ]);
      expect(report.countsOf('invitations')).toMatchObject({ found: 4, created: 4 });
      expect(await ctx.services.staff.byEmail('ines@harbourgazette.example.com')).toMatchObject({
        status: 'invited',
      });

      // A second run does not invite again.
      const again = await importReal({ invite: true });
      expect(again.countsOf('invitations')).toMatchObject({ created: 0, unchanged: 4 });
      expect(smtp.received).toHaveLength(4);

      // The link in the email activates the imported account (its byline stays the same).
      const mail = smtp.received.find((m) => m.to[0] === 'ines@harbourgazette.example.com');
      const token = /token=([^\s&]+)/.exec(mail?.text ?? '')?.[1] ?? '';
      const { user } = await ctx.services.staffAuth.invitations.accept(
        {
          token: decodeURIComponent(token),
          name: 'Inês Carvalho',
          password: 'a good long password',
        },
        { ip: '127.0.0.1' },
      );
      expect(user).toMatchObject({ id: ines?.id, status: 'active', hasPassword: true });
      expect(await ctx.services.authors.byUserId(ines?.id ?? '')).toMatchObject({ slug: 'ines' });
      expect(
        await ctx.services.staff.verifyCredentials(
          'ines@harbourgazette.example.com',
          'a good long password',
        ),
      ).toMatchObject({ id: ines?.id });
    });

    it('sends one invitation when the same imported account is invited twice at once', async () => {
      await importReal();
      const ines = await ctx.services.staff.byEmail('ines@harbourgazette.example.com');
      const invite = () =>
        ctx.services.staffAuth.invitations.inviteImported(systemActor, ines?.id ?? '', {
          ip: 'cli',
          publicUrl: 'https://news.example',
        });
      const results = await Promise.all([invite(), invite(), invite()]);
      expect(results.filter(Boolean)).toHaveLength(1);
      // Every call has returned, so nothing else is on its way.
      await smtp.waitFor(1);
      expect(smtp.received.map((m) => m.to[0])).toEqual(['ines@harbourgazette.example.com']);
      const pending = await ctx.db
        .selectFrom('staff_invitations')
        .select('id')
        .where('email', '=', 'ines@harbourgazette.example.com')
        .execute();
      expect(pending).toHaveLength(1);
      expect(await ctx.services.staff.byEmail('ines@harbourgazette.example.com')).toMatchObject({
        status: 'invited',
      });
    });

    it('a dry run invites nobody and writes no tiers', async () => {
      const report = await importReal({ dryRun: true, invite: true });
      expect(report.countsOf('tiers')).toMatchObject({ found: 3, created: 3 });
      expect(await ctx.services.tiers.list()).toHaveLength(0);
      expect(smtp.received).toHaveLength(0);
    });
  },
);
