import SQLite from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/platform/db/index.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';
import { describeEachDatabase } from '../helpers/test-database.js';
import { appFor, tokenHeaders } from '../helpers/test-runtime.js';

/**
 * A database that stops answering mid-traffic: PostgreSQL frozen behind a TCP proxy (the host
 * hangs; nothing is refused), SQLite locked by another writer. Requests must come back with 503
 * and Retry-After once the timeouts pass, never hang holding connections, never a 500; and the
 * service recovers by itself when the database does.
 */
describeEachDatabase('a database that stops answering', (getDb) => {
  let app: FastifyInstance;
  let proxy: TcpProxy | undefined;
  let handle: Database | undefined;
  let key: string;
  let admin: Record<string, string>;

  beforeAll(async () => {
    const testDb = getDb();
    await testDb.truncate();
    let served = testDb;
    const target = testDb.target;
    if (target.dialect === 'postgres') {
      const url = new URL(target.url);
      proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
      url.port = String(proxy.port);
      // The production timeouts: the promise is an answer within 10 s.
      handle = openDatabase({
        dialect: 'postgres',
        url: url.toString(),
        searchPath: target.searchPath,
      });
      served = { ...testDb, database: handle };
    }
    const built = await appFor(served);
    app = built.app;
    key = (await built.services.tokens.create({ name: 'site', kind: 'content' })).secret;
    admin = await tokenHeaders(built.services, 'administrator');
  });
  afterAll(async () => {
    await app.close();
    await handle?.close();
    await proxy?.close();
  });

  /** An answer and how long it took to come. */
  const timed = async (
    send: () => Promise<{ statusCode: number; headers: Record<string, unknown>; body: string }>,
  ) => {
    const started = performance.now();
    const response = await send();
    return {
      ...response,
      statusCode: response.statusCode,
      body: response.body,
      ms: performance.now() - started,
    };
  };
  /** A Content API list; each `limit` its own cache entry, so a new one needs the database. */
  const posts = (limit = 20) =>
    timed(() => app.inject({ url: `/api/content/v1/posts?key=${key}&limit=${limit}` }));
  const addTag = (name: string) =>
    timed(() =>
      app.inject({ method: 'POST', url: '/api/admin/v1/tags', headers: admin, payload: { name } }),
    );

  it('answers 503 with Retry-After while it is out, and recovers when it is back', async () => {
    expect((await posts()).statusCode).toBe(200);
    expect((await addTag('Before')).statusCode).toBe(201);

    const target = getDb().target;
    let release: () => void;
    let burst: Array<{
      statusCode: number;
      headers: Record<string, unknown>;
      body: string;
      ms: number;
    }>;
    if (target.dialect === 'postgres') {
      proxy!.freeze();
      release = () => proxy!.thaw();
      // More requests than the pool has connections: the rest must not queue forever either,
      // and a second wave finds the timed-out connections discarded, not stuck.
      burst = await Promise.all(
        Array.from({ length: 14 }, (_, i) => (i % 2 ? posts(i) : addTag(`t${i}`))),
      );
      burst.push(...(await Promise.all([posts(15), addTag('second wave')])));
    } else {
      // Another process holds the write lock past the busy timeout.
      const other = new SQLite(target.file);
      other.exec('begin exclusive');
      release = () => {
        other.exec('rollback');
        other.close();
      };
      burst = await Promise.all([addTag('Locked out')]);
    }
    try {
      for (const response of burst) {
        expect(response.statusCode).toBe(503);
        // The promise for a frozen PostgreSQL: every request is answered within 10 s. (A SQLite
        // writer waits out the 5 s busy timeout per statement it tries.)
        if (target.dialect === 'postgres') expect(response.ms).toBeLessThan(10_000);
        expect(response.headers['retry-after']).toBe('5');
        expect(response.body).toContain('retry shortly');
        expect(response.body).not.toMatch(/timeout|SQLITE|pg|stack/i);
      }
      if (target.dialect === 'postgres') {
        expect((await app.inject({ url: '/readyz' })).statusCode).toBe(503);
        // What was cached before still answers, key check included, without the database: the
        // last copy (STALE: the tags added since dropped it, and re-rendering it fails).
        const cached = await posts();
        expect(cached.statusCode).toBe(200);
        expect(cached.headers['x-cache']).toBe('STALE');
      }
    } finally {
      release();
    }
    // Back: the same pool serves again without a restart.
    expect((await posts(16)).statusCode).toBe(200);
    expect((await addTag('After')).statusCode).toBe(201);
  }, 60_000);
});
