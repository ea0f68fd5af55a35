import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect } from 'vitest';
import { createSmtpMailer } from '../../src/platform/mail/index.js';
import { startSmtpTestServer, type SmtpTestServer } from './smtp-test-server.js';
import type { TestDatabase } from './test-database.js';
import { appFor, servicesFor, tokenHeaders, type TestContext } from './test-runtime.js';

export const paragraph = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});
export const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
export const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };
export const setCookieOf = (response: LightMyRequestResponse): string => {
  const header = response.headers['set-cookie'];
  return (Array.isArray(header) ? header.join('\n') : header) ?? '';
};
export const cookiePair = (response: LightMyRequestResponse) =>
  setCookieOf(response).split(';')[0] ?? '';
export const csrfIn = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
let ipCounter = 0;
/** Each caller its own client address, so the per-address limit only bites where a test wants it. */
export const freshIp = () => `10.9.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

/**
 * The whole app over the suite's database with an in-process SMTP server, a content key, and two
 * published stories (members-only and paid, with bodies MEMBERS-ONLY-BODY and PAID-ONLY-BODY),
 * plus the reader's steps as a browser takes them: ask for a sign-in link, confirm it, open the
 * account page. Fields are set from `beforeAll` on.
 */
export function useMemberSite(getDb: () => TestDatabase) {
  const m = {
    app: undefined as unknown as FastifyInstance,
    ctx: undefined as unknown as TestContext,
    smtp: undefined as unknown as SmtpTestServer,
    contentKey: '',
  };
  beforeAll(async () => {
    await getDb().truncate();
    m.smtp = await startSmtpTestServer();
    const mailer = createSmtpMailer({ url: m.smtp.url, from: 'Newsroom <news@example.org>' });
    m.ctx = servicesFor(getDb(), undefined, { mailer });
    m.app = (await appFor(getDb(), m.ctx)).app;
    m.contentKey = (await m.ctx.services.tokens.create({ name: 'App', kind: 'content' })).secret;
    const editor = await tokenHeaders(m.ctx.services, 'editor');
    const author = await m.ctx.services.staff.create({
      email: 'desk@example.org',
      name: 'News Desk',
      role: 'author',
      password: 'a long password 1',
    });
    const publish = async (title: string, visibility: string, text: string) => {
      const created = await m.app.inject({
        method: 'POST',
        url: '/api/admin/v1/posts',
        headers: editor,
        payload: {
          title,
          authorIds: [author.author.id],
          body: paragraph(text),
          customExcerpt: 'A teaser everyone may read.',
          visibility,
        },
      });
      const { id } = created.json<{ post: { id: string } }>().post;
      await m.app.inject({
        method: 'POST',
        url: `/api/admin/v1/posts/${id}/publish`,
        headers: editor,
      });
    };
    await publish('Members story', 'members', 'MEMBERS-ONLY-BODY');
    await publish('Paid story', 'paid', 'PAID-ONLY-BODY');
  });
  afterAll(async () => {
    await m.app.close();
    await m.smtp.close();
  });

  /** Asks for a link as a browser would and returns the token from the mail that arrived. */
  async function requestLink(email: string, extra: Record<string, string> = {}) {
    const count = m.smtp.received.length;
    const response = await m.app.inject({
      method: 'POST',
      url: '/signin/',
      headers: formHeaders,
      remoteAddress: freshIp(),
      payload: form({ email, ...extra }),
    });
    expect(response.statusCode).toBe(200);
    const mail = await m.smtp.waitFor(count + 1);
    const link = /(http:\/\/localhost:3000\/signin\/confirm\?token=\S+)/.exec(mail.text)?.[1];
    expect(link).toBeDefined();
    return { response, mail, token: new URL(link!).searchParams.get('token')! };
  }
  const confirm = (token: string, headers: Record<string, string> = {}) =>
    m.app.inject({
      method: 'POST',
      url: '/signin/confirm',
      headers: { ...formHeaders, ...headers },
      payload: form({ token }),
    });
  async function signIn(email: string): Promise<string> {
    const { token } = await requestLink(email);
    const response = await confirm(token);
    expect(response.statusCode).toBe(303);
    return cookiePair(response);
  }
  const account = async (cookie: string) => {
    const response = await m.app.inject({ url: '/account/', headers: { cookie } });
    return { response, csrf: csrfIn(response.body) };
  };

  return Object.assign(m, { requestLink, confirm, signIn, account });
}
