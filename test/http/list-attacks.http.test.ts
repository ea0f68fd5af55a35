import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import type { z } from 'zod';
import { describeEachDatabase } from '../helpers/test-database.js';
import { appFor, tokenHeaders, type TestContext } from '../helpers/test-runtime.js';

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
    const contentKey = (await ctx.services.tokens.create({ name: 'k', kind: 'content' })).secret;
    const lists = [
      ...app.adminRoutes.routes.map((r) => ({
        route: r,
        headers: admin,
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
});
