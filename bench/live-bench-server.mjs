// The servers bench/live-bench.mjs measures, one per process:
//
//   node bench/live-bench-server.mjs masthead   # Masthead's SSE responder and live hub (dist/)
//   node bench/live-bench-server.mjs bare       # the baseline: bare node:http, same bytes
//
// Both serve `GET /<slug>/live` as text/event-stream and take a bench-only
// `POST /__bench/publish?channel=<slug>&id=<id>` whose body is the event's data. "masthead" runs
// the compiled responder (dist/src/web/site/event-stream.js) behind Fastify with the site's
// request hooks (security headers, request id) and publishes through the in-process live hub,
// as the outbox consumer does; "bare" keeps a Set of responses and writes one Buffer to each.
// Prints "listening <port>" once it listens on 127.0.0.1.
import { Buffer } from 'node:buffer';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mode = process.argv[2];
const dist = (path) => import(pathToFileURL(join(root, 'dist', 'src', path)).href);

function readBody(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

const listening = (server) =>
  server.listen(0, '127.0.0.1', 4096, () => {
    const address = server.address();
    process.stdout.write(
      `listening ${typeof address === 'object' && address ? address.port : 0}\n`,
    );
  });

if (mode === 'masthead') {
  const { default: Fastify } = await import('fastify');
  const { createInProcessLiveHub } = await dist('platform/live/index.js');
  const { createEventStreams } = await dist('web/site/event-stream.js');
  const { addRequestHooks } = await dist('web/request-hooks.js');
  const { createSecurityHeaders } = await dist('web/security-headers.js');
  const hub = createInProcessLiveHub();
  const streams = createEventStreams({ hub, maxStreams: 20_000 });
  const app = Fastify({ logger: false });
  addRequestHooks(app, { securityHeaders: createSecurityHeaders({ isHttps: false }) });
  app.get('/:slug/live', (request, reply) =>
    streams.open(request, reply, { channel: `live:${request.params.slug}` }),
  );
  app.post('/__bench/publish', async (request) => {
    const { channel, id } = request.query;
    await hub.publish(`live:${channel}`, { id, event: 'update', data: request.body });
    return { streams: streams.count() };
  });
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_r, body, done) =>
    done(null, body),
  );
  await app.listen({ host: '127.0.0.1', port: 0, backlog: 4096 });
  process.stdout.write(`listening ${app.server.address().port}\n`);
  process.on('SIGTERM', () => {
    streams.close();
    void app.close().then(() => process.exit(0));
  });
} else if (mode === 'bare') {
  /** Readers by channel. */
  const channels = new Map();
  const headers = {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store, no-transform',
    'x-accel-buffering': 'no',
  };
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://bench');
    if (request.method === 'POST' && url.pathname === '/__bench/publish') {
      const data = await readBody(request);
      const id = url.searchParams.get('id');
      const bytes = Buffer.from(`id: ${id}\nevent: update\ndata: ${data}\n\n`);
      const readers = channels.get(url.searchParams.get('channel')) ?? new Set();
      for (const reader of readers) reader.write(bytes);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ streams: readers.size }));
      return;
    }
    const match = /^\/([^/]+)\/live$/.exec(url.pathname);
    if (!match) {
      response.writeHead(404).end();
      return;
    }
    const slug = match[1];
    if (!channels.has(slug)) channels.set(slug, new Set());
    const readers = channels.get(slug);
    readers.add(response);
    response.on('close', () => readers.delete(response));
    response.writeHead(200, headers);
    response.write('retry: 3000\n\n');
  });
  listening(server);
  process.on('SIGTERM', () => {
    for (const readers of channels.values()) for (const r of readers) r.destroy();
    server.close(() => process.exit(0));
  });
} else {
  process.stderr.write('usage: node bench/live-bench-server.mjs masthead|bare\n');
  process.exit(2);
}
