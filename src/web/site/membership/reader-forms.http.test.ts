import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/helpers/test-database.js';
import { appFor } from '../../../../test/helpers/test-runtime.js';

const siteOrigin = 'http://localhost:3000';
const refusal = 'This form must be sent from our own site';

/**
 * Every state-changing reader form, with a body that passes the origin check without side
 * effects (no email sent, nothing changed): each route answers it the same way every time.
 */
const readerForms: Record<string, Record<string, string>> = {
  'POST /signin/': {},
  'POST /signin/confirm': {},
  'POST /signout/': {},
  'POST /account/': {},
  'POST /account/signout-everywhere': {},
  'POST /account/delete': {},
  'POST /membership/checkout': { tierId: 'x' },
  'POST /membership/gift/checkout': {},
  'POST /gift/redeem': {},
  'POST /newsletters/': {},
  'POST /account/newsletters': {},
};

/**
 * POSTs deliberately outside the reader-forms scope: the one-click unsubscribe URL (RFC 8058),
 * which mail providers POST from their servers and whose signed token is the proof
 * (docs/security.md, "One-click unsubscribe").
 */
const signedLinkPosts = ['/unsubscribe/'];

/** What a browser (or a program) says about where a form comes from, and whether it may pass. */
const headerCases: Array<{ name: string; headers: Record<string, string>; isAccepted: boolean }> = [
  { name: 'our Origin', headers: { origin: siteOrigin }, isAccepted: true },
  {
    name: 'our Origin with Sec-Fetch-Site same-origin',
    headers: { origin: siteOrigin, 'sec-fetch-site': 'same-origin' },
    isAccepted: true,
  },
  // The origin the request itself names (Host), as behind a proxy that keeps it.
  { name: 'the Host’s own origin', headers: { origin: 'http://localhost:80' }, isAccepted: true },
  {
    name: 'a cross-site Origin',
    headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    isAccepted: false,
  },
  {
    name: 'a cross-site Origin alone',
    headers: { origin: 'https://evil.example' },
    isAccepted: false,
  },
  {
    name: 'a sibling subdomain',
    headers: { origin: 'http://evil.localhost:3000', 'sec-fetch-site': 'same-site' },
    isAccepted: false,
  },
  {
    name: 'Origin null with Sec-Fetch-Site same-origin (a no-referrer page of ours)',
    headers: { origin: 'null', 'sec-fetch-site': 'same-origin' },
    isAccepted: true,
  },
  {
    name: 'Origin null alone (sandboxed frame, old browser)',
    headers: { origin: 'null' },
    isAccepted: false,
  },
  {
    name: 'Origin null from another site',
    headers: { origin: 'null', 'sec-fetch-site': 'cross-site' },
    isAccepted: false,
  },
  {
    name: 'no Origin, Sec-Fetch-Site same-origin',
    headers: { 'sec-fetch-site': 'same-origin' },
    isAccepted: true,
  },
  {
    name: 'no Origin, Sec-Fetch-Site cross-site',
    headers: { 'sec-fetch-site': 'cross-site' },
    isAccepted: false,
  },
  {
    name: 'no Origin, Sec-Fetch-Site same-site',
    headers: { 'sec-fetch-site': 'same-site' },
    isAccepted: false,
  },
  // Neither header: not a browser, so no victim's cookies ride along by accident (signed-in
  // forms still need their token). Both stacks passed this before they were one; see
  // docs/security.md.
  { name: 'neither header (a program)', headers: {}, isAccepted: true },
];

/** Every POST path of the app, from Fastify's route tree (each level indented four characters). */
function postRoutesOf(app: FastifyInstance): string[] {
  const parents: string[] = [];
  const paths: string[] = [];
  for (const line of app.printRoutes({ method: 'POST', commonPrefix: false }).split('\n')) {
    const match = /^(.*?)[└├]── (\S+) \(POST\)$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    const path = (parents[depth - 1] ?? '') + match[2]!;
    parents[depth] = path;
    paths.push(path);
  }
  return paths;
}

describeEachDatabase('reader forms: one same-origin rule for every reader form', (getDb) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    await getDb().truncate();
    ({ app } = await appFor(getDb()));
  });
  afterAll(() => app.close());

  const send = (route: string, headers: Record<string, string>, payload?: string) => {
    const [method, url] = route.split(' ') as ['POST', string];
    return app.inject({
      method,
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      payload: payload ?? new URLSearchParams(readerForms[route]).toString(),
    });
  };

  it('the table names every reader form the app has (a new form joins the table)', () => {
    expect([...app.readerFormRoutes].sort()).toEqual(Object.keys(readerForms).sort());
    // And no other POST outside the APIs and webhooks escapes the reader-forms scope.
    const outside = postRoutesOf(app).filter(
      (path) => !path.startsWith('/api/') && !path.startsWith('/webhooks/'),
    );
    expect(outside.sort()).toEqual(
      [...Object.keys(readerForms).map((route) => route.split(' ')[1]), ...signedLinkPosts].sort(),
    );
  });

  describe.each(Object.keys(readerForms))('%s', (route) => {
    it.each(headerCases)('$name', async ({ headers, isAccepted }) => {
      const reference = await send(route, { origin: siteOrigin });
      expect(reference.statusCode).not.toBe(403);
      const response = await send(route, headers);
      if (isAccepted) {
        // Past the check, the route answers exactly as it does for our own origin.
        expect(response.statusCode).toBe(reference.statusCode);
        expect(response.body).not.toContain(refusal);
      } else {
        expect(response.statusCode).toBe(403);
        expect(response.body).toContain(refusal);
      }
    });
  });

  it('refuses a cross-site post before reading its body, and limits a reader form to 16 KiB', async () => {
    const big = `email=${'a'.repeat(20 * 1024)}`;
    const crossSite = await send('POST /signin/', { origin: 'https://evil.example' }, big);
    expect(crossSite.statusCode).toBe(403);
    const ours = await send('POST /signin/', { origin: siteOrigin }, big);
    expect(ours.statusCode).toBe(413);
  });

  it('answers a malformed form with a 400 page that names the field', async () => {
    const unknown = await send(
      'POST /signin/',
      { origin: siteOrigin },
      'email=a%40example.org&admin=1',
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('admin: unknown field: admin');
    const missing = await send(
      'POST /membership/gift/checkout',
      { origin: siteOrigin },
      'months=3',
    );
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toMatch(/tierId: /);
    const tooLong = await app.inject(`/gift/redeem?code=${'x'.repeat(201)}`);
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toMatch(/code: /);
    // A field named like an object's internals is just a field (refused as unknown here).
    const proto = await send('POST /gift/redeem', { origin: siteOrigin }, '__proto__=x&code=y');
    expect(proto.statusCode).toBe(400);
    expect(proto.body).toContain('unknown field: __proto__');
  });

  it('keeps a page whose campaign link is mangled: the campaign is dropped, not refused', async () => {
    const page = await app.inject('/membership/?campaign=%3Cscript%3E');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('script%3E');
    expect(page.body).not.toContain('<script>');
  });
});
