import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import type { FastifyReply } from 'fastify';
import { webArea } from '../web-area.js';

/**
 * The admin's Content-Security-Policy: its own scripts only (an injected script, even through a
 * story's raw HTML, cannot run), API calls to this origin, images from here or https (embed
 * thumbnails), inline styles for the editor's base CSS, never framed.
 */
const adminCsp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The admin app's built files (admin/dist, made by `npm run build`): hashed assets under
 * /admin/assets/ are kept for a year, index.html is revalidated every time, and any other path
 * under /admin/ that does not look like a file gets index.html (the app routes on the client).
 */
export interface AdminAppOptions {
  /** Where the built app is; admin/dist beside package.json by default. */
  distDir?: string;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const immutable = 'public, max-age=31536000, immutable';
const notBuiltMessage = 'The admin app is not built: run npm run build';

/** The project root: the nearest folder up from here with a package.json (src/ or dist/src/). */
function projectRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return from;
    dir = parent;
  }
  return dir;
}

export const adminAppRoutes = webArea<AdminAppOptions>((app, options) => {
  const distDir = resolve(
    options.distDir ?? join(projectRoot(import.meta.dirname), 'admin', 'dist'),
  );
  const indexPath = join(distDir, 'index.html');

  const notBuilt = (reply: FastifyReply) =>
    reply
      .code(503)
      .type('text/plain; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(notBuiltMessage);

  const sendIndex = async (reply: FastifyReply) => {
    let html: Buffer;
    try {
      html = await readFile(indexPath);
    } catch {
      return notBuilt(reply);
    }
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('x-frame-options', 'DENY')
      .header('content-security-policy', adminCsp)
      .send(html);
  };

  /** A built file under distDir, or undefined (never outside it: `..` is resolved first). */
  const readDistFile = async (relative: string) => {
    const path = resolve(distDir, relative);
    if (!path.startsWith(distDir + sep)) return undefined;
    try {
      const info = await stat(path);
      if (!info.isFile()) return undefined;
      return { path, body: await readFile(path) };
    } catch {
      return undefined;
    }
  };

  app.get('/admin', async (_request, reply) => reply.redirect('/admin/', 301));
  app.get('/admin/', async (_request, reply) => sendIndex(reply));
  app.get('/admin/*', async (request, reply) => {
    const rest = (request.params as { '*': string })['*'];
    let relative: string;
    try {
      relative = decodeURIComponent(rest);
    } catch {
      relative = rest;
    }
    if (relative === 'index.html') return sendIndex(reply);
    const looksLikeFile = extname(relative) !== '';
    if (!looksLikeFile) return sendIndex(reply);
    const file = await readDistFile(relative);
    if (!file) {
      const isBuilt = await stat(indexPath).then(
        () => true,
        () => false,
      );
      if (!isBuilt) return notBuilt(reply);
      return reply
        .code(404)
        .type('text/plain; charset=utf-8')
        .header('cache-control', 'no-store')
        .send('Not found');
    }
    return reply
      .type(contentTypes[extname(file.path).toLowerCase()] ?? 'application/octet-stream')
      .header(
        'cache-control',
        relative.startsWith('assets/') ? immutable : 'public, max-age=300, must-revalidate',
      )
      .send(file.body);
  });
});
