import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  csvStream,
  defineRoute,
  noContent,
  RouteRegistry,
  serializeResponse,
} from './api-route.js';

/** A bare Fastify instance with a few routes that answer right, with extras, or wrong. */
async function appWith(result: unknown) {
  const app = Fastify({ logger: false });
  const registry = new RouteRegistry();
  defineRoute(app, registry, '/api', {
    method: 'GET',
    url: '/user',
    summary: 'A user',
    tag: 'Test',
    access: 'public',
    response: z.object({ user: z.object({ id: z.string(), name: z.string() }) }),
    // The test hands in bodies the types would refuse, as a buggy handler could at run time.
    handler: () => Promise.resolve(result as { user: { id: string; name: string } }),
  });
  defineRoute(app, registry, '/api', {
    method: 'DELETE',
    url: '/user',
    summary: 'Remove a user',
    tag: 'Test',
    access: 'public',
    response: noContent,
    successStatus: 204,
    handler: async () => {},
  });
  await app.ready();
  return { app, registry };
}

describe('defineRoute: answers go through their response schema', () => {
  it('sends what the schema declares and strips every other field (secrets never leave)', async () => {
    const { app } = await appWith({
      user: { id: 'u1', name: 'Ada', passwordHash: '$argon2id$secret', totpSecret: 'JBSWY3DP' },
      debug: { sql: 'select *' },
    });
    const response = await app.inject('/user');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ user: { id: 'u1', name: 'Ada' } });
    expect(response.body).not.toContain('argon2');
    expect(response.body).not.toContain('JBSWY3DP');
  });

  it('answers 500 when a handler returns a body its schema refuses, whatever NODE_ENV says', async () => {
    const { app } = await appWith({ user: { id: 'u1' } });
    const response = await app.inject('/user');
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('u1');
  });

  it('answers 204 without a body for a noContent route', async () => {
    const { app } = await appWith({ user: { id: 'u1', name: 'Ada' } });
    const response = await app.inject({ method: 'DELETE', url: '/user' });
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
  });

  it('records every route with its response schema in the registry', async () => {
    const { registry } = await appWith({});
    expect(registry.routes.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/user',
      'DELETE /api/user',
    ]);
    expect(registry.routes[1]?.spec.response).toBe(noContent);
  });
});

describe('serializeResponse', () => {
  it('names the route and each refused field in its error', () => {
    expect(() =>
      serializeResponse(
        z.object({ tag: z.object({ name: z.string() }) }),
        { tag: {} },
        {
          route: 'GET /api/tags/:id',
        },
      ),
    ).toThrow(/GET \/api\/tags\/:id answered with a body its response schema refuses: tag\.name/);
  });

  it('lets a CSV stream through as it is', async () => {
    const { Readable } = await import('node:stream');
    const stream = Readable.from(['a,b\n']);
    expect(serializeResponse(csvStream, stream, { route: 'GET /export' })).toBe(stream);
  });
});
