import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { mapError } from '../platform/http/index.js';
import { assertSameOrigin } from './same-origin.js';

const siteOrigin = 'https://news.example';
const app = Fastify();
app.setErrorHandler((error, _request, reply) => {
  const mapped = mapError(error);
  return reply.code(mapped.status).send(mapped.body);
});
app.post('/form', (request, reply) => {
  assertSameOrigin(request, siteOrigin);
  return reply.send('ok');
});
afterAll(() => app.close());

const post = (headers: Record<string, string>) =>
  app.inject({ method: 'POST', url: '/form', headers: { host: 'news.example', ...headers } });

describe('assertSameOrigin: the browser must say a form comes from this site', () => {
  it('accepts our origin, and refuses another', async () => {
    expect((await post({ origin: siteOrigin })).statusCode).toBe(200);
    const evil = await post({ origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(evil.statusCode).toBe(403);
    expect(evil.json<{ errors: Array<{ message: string }> }>().errors[0]?.message).toBe(
      'This form must be sent from our own site',
    );
  });

  it('accepts Origin: null when Sec-Fetch-Site says same-origin (a no-referrer page in Chromium)', async () => {
    expect((await post({ origin: 'null', 'sec-fetch-site': 'same-origin' })).statusCode).toBe(200);
  });

  it('refuses Origin: null from another site, a sandboxed frame or an unknown browser', async () => {
    expect((await post({ origin: 'null', 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    expect((await post({ origin: 'null', 'sec-fetch-site': 'same-site' })).statusCode).toBe(403);
    expect((await post({ origin: 'null' })).statusCode).toBe(403);
  });

  it('decides by Sec-Fetch-Site when Origin is missing; a program sending neither passes', async () => {
    expect((await post({ 'sec-fetch-site': 'same-origin' })).statusCode).toBe(200);
    expect((await post({ 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    expect((await post({})).statusCode).toBe(200);
  });
});
