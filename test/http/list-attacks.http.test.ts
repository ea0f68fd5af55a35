import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import type { z } from 'zod';
import { describeEachDatabase } from '../helpers/test-database.js';
import { appFor, tokenHeaders, type TestContext } from '../helpers/test-runtime.js';
import { permissions, type Permission } from '../../src/shared/contracts/permissions.js';

/** Strings that break naive SQL, LIKE patterns, filter languages and parsers. */
const attacks = [
  "' OR '1'='1",
  "'; DROP TABLE posts; --",
  '" OR ""="',
  '1) OR (1=1',
  '%',
  '_',
  '\\',
  '%_%\\%',
  'status:published+id:>0',
  "tag:[war,'x'] ",
  '{"$gt":""}',
  '$where',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '\u0000',
  'ｓｅｌｅｃｔ',
  '𝒳 💥 ‮',
  'a'.repeat(5000),
  '-1',
  '1e309',
  'NaN',
  'null',
  'undefined',
  '2026-13-45T99:99:99Z',
];

const leaks = /sqlite|syntax error|relation "|column "|constraint|stack|at .*\.js:\d+/i;

describeEachDatabase('list endpoints under attack', (getDb) => {
  let app: FastifyInstance;
  let ctx: TestContext;
  beforeAll(async () => {
    await getDb().truncate();
    const built = await appFor(getDb());
    app = built.app;
    ctx = built;
  });

  it('answer every attack string in every parameter with 200 or 400, never a 500 or a database message', async () => {
    const admin = await tokenHeaders(ctx.services, 'administrator');
    // API tokens are never owners: the owner's routes (the whole-newsroom export) are attacked
    // with the owner's own session, so what answers is the validation, not the role check.
    const { user } = await ctx.services.staff.create({
      email: 'owner-under-attack@example.org',
      name: 'Owner',
      role: 'owner',
      password: 'owner password under attack',
    });
    const session = await ctx.services.staffSessions.create(user.id);
    const owner = { cookie: `masthead_staff=${session.secret}`, 'x-csrf-token': session.csrfToken };
    const isOwnersOnly = (access: unknown) =>
      typeof access === 'string' &&
      access in permissions &&
      permissions[access as Permission] === 'owner';
    const contentKey = (await ctx.services.tokens.create({ name: 'k', kind: 'content' })).secret;
    const lists = [
      ...app.adminRoutes.routes.map((r) => ({
        route: r,
        headers: isOwnersOnly(r.spec.access) ? owner : admin,
        extra: {},
      })),
      ...app.contentRoutes.routes.map((r) => ({
        route: r,
        headers: {},
        extra: { key: contentKey },
      })),
    ].filter(
      ({ route }) => route.method === 'GET' && !route.path.includes(':') && route.spec.query,
    );
    expect(lists.length).toBeGreaterThanOrEqual(4);
    const failures: string[] = [];
    for (const { route, headers, extra } of lists) {
      const schema = route.spec.query as unknown as z.ZodObject;
      const names = [...Object.keys(schema.shape).filter((n) => n !== 'key'), 'filter', 'order_by'];
      for (const name of names) {
        for (const attack of attacks) {
          const query = new URLSearchParams({ ...extra, [name]: attack });
          const response = await app.inject({ url: `${route.path}?${query.toString()}`, headers });
          if (
            ![200, 400].includes(response.statusCode) ||
            (leaks.test(response.body.slice(0, 2000)) && response.statusCode !== 200)
          ) {
            failures.push(
              `${route.path} ${name}=${JSON.stringify(attack.slice(0, 30))}: ${response.statusCode} ${response.body.slice(0, 120)}`,
            );
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it("answers hostile reader-page paths and queries with 200, 400 or 404 in the site's page, never a 5xx", async () => {
    const paths = ['/', '/news/', '/search', '/tag/war/', '/author/someone/', '/feed.xml'];
    const failures: string[] = [];
    const check = async (url: string, allowed: number[]) => {
      const response = await app.inject({ url });
      if (!allowed.includes(response.statusCode) || leaks.test(response.body.slice(0, 4000)))
        failures.push(`${url.slice(0, 60)}: ${response.statusCode}`);
    };
    for (const path of paths)
      for (const name of ['q', 'before', 'after', 'sort', 'through'])
        for (const attack of attacks)
          await check(
            `${path}?${new URLSearchParams({ [name]: attack }).toString()}`,
            [200, 400, 404],
          );
    for (const empty of ['/tag//', '/author//', '//', `/tag/${'a'.repeat(300)}/`])
      await check(empty, [404, 301, 414]);
    expect(failures).toEqual([]);
    // The reader's own mistakes are named on the page they made them on.
    const overlong = await app.inject({ url: `/search?q=${'a'.repeat(1001)}` });
    expect(overlong.statusCode).toBe(400);
    expect(overlong.body).toContain('at most 1,000 characters');
    expect((await app.inject({ url: '/tag//' })).statusCode).toBe(404);
  }, 120_000);
});
