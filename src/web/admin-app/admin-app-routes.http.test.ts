import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminAppRoutes } from './admin-app-routes.js';

async function appServing(distDir: string): Promise<FastifyInstance> {
  const app = Fastify();
  await app.register(adminAppRoutes, { distDir });
  await app.ready();
  return app;
}

describe('the admin app routes', () => {
  let dir: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'masthead-admin-dist-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Admin</title>');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(join(dir, 'assets', 'index-abc123.css'), 'body{}');
    writeFileSync(join(dir, '..', 'secret.txt'), 'outside');
    app = await appServing(dir);
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(join(dir, '..', 'secret.txt'), { force: true });
  });

  it('answers /admin/ with index.html, revalidated every time', async () => {
    const response = await app.inject('/admin/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body).toContain('<title>Admin</title>');
    // Only the app's own scripts run, and no other site may frame it.
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('redirects /admin to /admin/', async () => {
    const response = await app.inject('/admin');
    expect(response.statusCode).toBe(301);
    expect(response.headers.location).toBe('/admin/');
  });

  it('keeps hashed assets for a year, with their content type', async () => {
    const js = await app.inject('/admin/assets/index-abc123.js');
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const css = await app.inject('/admin/assets/index-abc123.css');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('answers app paths with index.html and missing files with 404', async () => {
    const screen = await app.inject('/admin/news-feed/new');
    expect(screen.statusCode).toBe(200);
    expect(screen.body).toContain('<title>Admin</title>');
    const missing = await app.inject('/admin/assets/gone-123.js');
    expect(missing.statusCode).toBe(404);
  });

  it('never serves files outside the built app', async () => {
    for (const path of [
      '/admin/../secret.txt',
      '/admin/%2e%2e/secret.txt',
      '/admin/..%2fsecret.txt',
    ]) {
      const response = await app.inject(path);
      expect(response.body, path).not.toContain('outside');
    }
  });

  it('answers 503 with what to do when the app is not built', async () => {
    const unbuilt = await appServing(join(dir, 'nowhere'));
    try {
      for (const path of ['/admin/', '/admin/stories', '/admin/assets/index-abc123.js']) {
        const response = await unbuilt.inject(path);
        expect(response.statusCode, path).toBe(503);
        expect(response.body).toBe('The admin app is not built: run npm run build');
      }
    } finally {
      await unbuilt.close();
    }
  });
});
