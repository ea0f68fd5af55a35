import type { FastifyInstance, InjectOptions } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { permissions, type StaffRole } from '../../src/features/staff/index.js';
import { roleAtLeast } from '../../src/features/staff/index.js';
import type { RegisteredRoute } from '../../src/web/api-route.js';
import { describeEachDatabase } from '../helpers/test-database.js';
import { appFor, type TestContext } from '../helpers/test-runtime.js';

const roles: StaffRole[] = ['owner', 'administrator', 'editor', 'author', 'contributor'];
type Caller = {
  label: string;
  role: StaffRole | null;
  headers: () => Promise<Record<string, string>>;
};

/** A well-formed id that names nothing, so allowed calls end in 404 or 400, never in a write. */
const absentId = '01939e3a-0000-7000-8000-000000000000';

function requestFor(route: RegisteredRoute, headers: Record<string, string>): InjectOptions {
  const url = route.path.replace(/:([A-Za-z]+)/g, absentId);
  const isWrite = route.method !== 'GET';
  return {
    method: route.method,
    url,
    headers: { ...headers, ...(isWrite ? { 'content-type': 'application/json' } : {}) },
    ...(isWrite ? { payload: '{}' } : {}),
  };
}

/**
 * Every Admin API route × every role, as a staff session and as an API token, plus no
 * credentials: a role the route's permission excludes gets 403, an allowed one gets past the
 * check (whatever the outcome of the empty request), nobody anonymous gets in, nothing is a 500.
 */
describeEachDatabase('Admin API permission matrix', (getDb) => {
  let app: FastifyInstance;
  let ctx: TestContext;
  const callers: Caller[] = [];

  beforeAll(async () => {
    await getDb().truncate();
    const built = await appFor(getDb());
    app = built.app;
    ctx = built;
    for (const role of roles) {
      const { user } = await ctx.services.staff.create({
        email: `${role}@example.org`,
        name: `The ${role}`,
        role,
        password: 'matrix password 1',
      });
      // A fresh session for every request: some routes (sign out everywhere) end the caller's sessions.
      callers.push({
        label: `${role} session`,
        role,
        headers: async () => {
          const session = await ctx.services.staffSessions.create(user.id);
          return { cookie: `masthead_staff=${session.secret}`, 'x-csrf-token': session.csrfToken };
        },
      });
      if (role !== 'owner') {
        const { secret } = await ctx.services.tokens.create({
          name: `${role} token`,
          kind: 'admin',
          role,
        });
        callers.push({
          label: `${role} token`,
          role,
          headers: () => Promise.resolve({ authorization: `Bearer ${secret}` }),
        });
      }
    }
    callers.push({ label: 'anonymous', role: null, headers: () => Promise.resolve({}) });
  });

  it('covers every registered route', () => {
    expect(app.adminRoutes.routes.length).toBeGreaterThan(15);
  });

  it('answers each route for each caller as its access rule says', async () => {
    const failures: string[] = [];
    for (const route of app.adminRoutes.routes) {
      const access = route.spec.access;
      for (const caller of callers) {
        const response = await app.inject(requestFor(route, await caller.headers()));
        const where = `${route.method} ${route.path} as ${caller.label}: ${response.statusCode}`;
        if (response.statusCode >= 500) failures.push(`${where} (server error)`);
        if (access === 'public') continue;
        if (caller.role === null) {
          if (response.statusCode !== 401) failures.push(`${where} (expected 401)`);
          continue;
        }
        if (access === 'authenticated') {
          if (response.statusCode === 401) failures.push(`${where} (signed in, yet 401)`);
          continue;
        }
        const isAllowed = roleAtLeast(caller.role, permissions[access]);
        if (isAllowed && (response.statusCode === 401 || response.statusCode === 403))
          failures.push(`${where} (role allowed, yet refused)`);
        if (!isAllowed && response.statusCode !== 403) failures.push(`${where} (expected 403)`);
      }
    }
    expect(failures).toEqual([]);
  }, 60_000);
});
