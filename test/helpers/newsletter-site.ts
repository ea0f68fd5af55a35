import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Newsletter } from '../../src/features/newsletters/index.js';
import type { EmailProgress } from '../../src/features/newsletters/index.js';
import {
  createMemoryMailer,
  createSmtpBulkMailer,
  type BulkMailer,
  type MemoryMailer,
} from '../../src/platform/mail/index.js';
import { insertMembers } from '../process/newsletter-fixture.js';
import { paragraph } from './member-site.js';
import {
  startSmtpTestServer,
  type SmtpTestServer,
  type SmtpTestServerOptions,
} from './smtp-test-server.js';
import type { TestDatabase } from './test-database.js';
import { appFor, servicesFor, tokenHeaders, type TestContext } from './test-runtime.js';

/**
 * The whole app sending newsletters through the real pooled SMTP adapter into an in-process
 * sink: one list ("The Daily Briefing") with `subscribers` members on it (reader-N@…), an
 * editor's token and an author for bylines; plus the editor's steps — publish a story with
 * "send by email" through the Admin API, and run the sender job until the email is finished.
 * Fields are set from `beforeAll` on.
 */
export function useNewsletterSite(
  getDb: () => TestDatabase,
  options: { subscribers?: number; poolSize?: number; smtp?: SmtpTestServerOptions } = {},
) {
  const site = {
    smtp: undefined as unknown as SmtpTestServer,
    bulk: undefined as unknown as BulkMailer,
    /** Transactional mail (members' sign-in links), kept in memory. */
    mail: createMemoryMailer() as MemoryMailer,
    ctx: undefined as unknown as TestContext,
    app: undefined as unknown as FastifyInstance,
    editor: {} as Record<string, string>,
    list: undefined as unknown as Newsletter,
    authorId: '',
  };
  beforeAll(async () => {
    await getDb().truncate();
    site.smtp = await startSmtpTestServer(options.smtp);
    site.bulk = createSmtpBulkMailer({
      url: site.smtp.url,
      from: 'News <news@example.org>',
      poolSize: options.poolSize ?? 5,
    });
    site.ctx = servicesFor(getDb(), undefined, {
      mailer: site.mail,
      bulkMailer: site.bulk,
    });
    ({ app: site.app } = await appFor(getDb(), site.ctx));
    site.editor = await tokenHeaders(site.ctx.services, 'editor');
    site.list = await site.ctx.services.newsletters.create({ name: 'The Daily Briefing' });
    if (options.subscribers)
      await insertMembers(site.ctx.db, options.subscribers, {
        prefix: 'reader',
        subscribeTo: site.list.id,
      });
    const author = await site.ctx.services.staff.create({
      email: 'desk@example.org',
      name: 'News Desk',
      role: 'author',
      password: 'a long password 1',
    });
    site.authorId = author.author.id;
  }, 120_000);
  afterAll(async () => {
    await site.app.close();
    await site.bulk.close();
    await site.smtp.close();
  });

  /** Creates a story and publishes it with "send by email" to the list (all subscribers). */
  async function publishWithEmail(
    title: string,
    story: { visibility?: string; body?: unknown; customExcerpt?: string } = {},
  ): Promise<string> {
    const created = await site.app.inject({
      method: 'POST',
      url: '/api/admin/v1/posts',
      headers: site.editor,
      payload: {
        title,
        visibility: story.visibility ?? 'public',
        authorIds: [site.authorId],
        body: story.body ?? paragraph(`${title} body.`),
        ...(story.customExcerpt ? { customExcerpt: story.customExcerpt } : {}),
      },
    });
    const { id } = created.json<{ post: { id: string } }>().post;
    const published = await site.app.inject({
      method: 'POST',
      url: `/api/admin/v1/posts/${id}/publish`,
      headers: site.editor,
      payload: { email: { newsletterId: site.list.id, segment: 'all' } },
    });
    expect(published.statusCode).toBe(200);
    return id;
  }

  /** Runs the sender job until the story's email is finished, as the app's job runner would. */
  async function sendAll(postId: string): Promise<EmailProgress> {
    for (let pass = 0; pass < 200; pass++) {
      await site.ctx.services.emailSender!.runSender({ workerId: 'test-worker' });
      const progress = await site.ctx.services.emails.forPost(postId);
      if (progress && progress.status !== 'pending' && progress.status !== 'sending')
        return progress;
    }
    throw new Error('the send did not finish');
  }

  return Object.assign(site, { publishWithEmail, sendAll });
}
