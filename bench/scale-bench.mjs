#!/usr/bin/env node
// Reader pages, search, sitemaps and the Content API against archives of growing size, so that
// "flat from 10k to 1M stories" is a table, not a claim (issue #14).
//
//   npm run bench:scale                                   # 10,000 and 100,000 stories on SQLite
//   npm run bench:scale -- --sizes 10000 --db postgres    # a fresh schema, dropped afterwards
//   npm run bench:scale -- --sizes 100000 --sqlite-file /path/masthead.db   # reuse a loaded file
//
// For each size: `masthead demo load --articles <size>` (timed, peak RSS where /usr/bin/time
// exists), `masthead start` (NODE_ENV=production), then each target fetched `--renders` times one
// at a time, each with a new `nocache=<n>` query parameter so the page cache misses every time
// (its key is the URL). Prints p50/p99 of the client-side time per target, and the server's
// render time (Server-Timing) where the route reports it. Asserts nothing about speed.
// PostgreSQL: BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test).
import { Buffer } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build, isBuildStale } from '../scripts/build.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mastheadBin = join(root, 'bin', 'masthead.js');
const postgresUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: process.env.BENCH_SIZES ?? '10000,100000' },
    db: { type: 'string', default: process.env.BENCH_DB ?? 'sqlite' },
    renders: { type: 'string', default: process.env.BENCH_RENDERS ?? '30' },
    'sqlite-file': { type: 'string' },
  },
});
const sizes = args.sizes.split(',').map((s) => s.trim());
if (sizes.some((s) => !/^\d+$/.test(s))) fail('--sizes must be whole numbers, e.g. 10000,100000');
if (!['sqlite', 'postgres'].includes(args.db)) fail('--db must be sqlite or postgres');
if (!/^[1-9]\d*$/.test(args.renders)) fail('--renders must be a positive whole number');
if (args['sqlite-file'] && (args.db !== 'sqlite' || sizes.length !== 1))
  fail('--sqlite-file needs --db sqlite and one size (the number of articles it holds)');

function fail(message) {
  process.stderr.write(`scale-bench: ${message}\n`);
  process.exit(1);
}
const log = (text) => process.stderr.write(`${text}\n`);

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A GET, one at a time: status, headers, body text, elapsed ms. */
function get(url) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = request(url, { method: 'GET', agent: false }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function startServer(env) {
  const child = spawn(process.execPath, [mastheadBin, 'start'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const isReady = new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk.toString();
      if (/Masthead is running/.test(output)) resolve();
    });
    child.stderr.on('data', (chunk) => (output += chunk.toString()));
    void exited.then((code) => reject(new Error(`masthead start exited (${code}):\n${output}`)));
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return { isReady, stop };
}

const percentile = (values, p) => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

/** Runs `masthead <argv>` to the end: wall seconds and peak RSS (MB) when /usr/bin/time exists. */
function runMasthead(argv, env, { quiet = false } = {}) {
  const hasTime = existsSync('/usr/bin/time');
  const started = Date.now();
  const result = hasTime
    ? spawnSync('/usr/bin/time', ['-f', 'MAXRSS_KB %M', process.execPath, mastheadBin, ...argv], {
        env,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      })
    : spawnSync(process.execPath, [mastheadBin, ...argv], { env, encoding: 'utf8' });
  if (result.status !== 0)
    throw new Error(`masthead ${argv.join(' ')} exited ${result.status}:\n${result.stderr}`);
  if (!quiet) process.stderr.write(result.stderr.replace(/MAXRSS_KB \d+\n?/, ''));
  const rss = /MAXRSS_KB (\d+)/.exec(result.stderr ?? '');
  return {
    seconds: (Date.now() - started) / 1000,
    peakRssMb: rss ? Number(rss[1]) / 1024 : Number.NaN,
    stdout: result.stdout,
  };
}

async function freshPostgres() {
  const { default: pg } = await import('pg');
  const schema = `bench_scale_${Date.now().toString(36)}_${process.pid}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create schema "${schema}"`);
  await admin.end();
  const url = new URL(postgresUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    drop: async () => {
      const dropper = new pg.Client({ connectionString: postgresUrl });
      await dropper.connect();
      await dropper.query(`drop schema if exists "${schema}" cascade`);
      await dropper.end();
    },
  };
}

const cursorOf = (key, id) => Buffer.from(JSON.stringify([key, id])).toString('base64url');
const firstMatch = (re, text) => re.exec(text)?.[1];

/** The URLs to time, found on the running site the way a reader or crawler would. */
async function discoverTargets(origin, contentKey) {
  const home = await get(`${origin}/`);
  if (home.status !== 200) throw new Error(`GET / answered ${home.status}`);
  const main = home.body.split('<main')[1] ?? '';
  const story = firstMatch(/<article[\s\S]*?<a[^>]*\shref="(\/[^"]*)"/, main);
  const section = firstMatch(/href="(\/tag\/[^"/]+\/)"/, home.body);
  const storyPage = story ? await get(`${origin}${story}`) : undefined;
  const author = firstMatch(/href="(\/author\/[^"/]+\/)"/, storyPage?.body ?? '');
  const title = firstMatch(/<h1[^>]*>([^<]+)<\/h1>/, storyPage?.body ?? '')
    ?.replace(/&[a-z#0-9]+;/g, ' ')
    .trim();
  const index = await get(`${origin}/sitemap.xml`);
  const parts = [...index.body.matchAll(/<loc>([^<]*sitemap-posts[^<]*)<\/loc>/g)].map((m) =>
    m[1].replaceAll('&amp;', '&').replace(/^https?:\/\/[^/]+/, ''),
  );
  const deepPart = parts.at(-1) ?? '/sitemap-posts.xml';
  // Deep in the News Feed: a cursor at a story 5 % from the oldest end of the archive.
  const first = await get(`${origin}/sitemap-posts.xml`);
  const lastmods = [...first.body.matchAll(/<lastmod>([^<]+)<\/lastmod>/g)].map((m) => m[1]);
  const deepTime = lastmods[Math.floor(lastmods.length * 0.05)] ?? '2000-01-01T00:00:00Z';
  const deepNews = `/news/?before=${cursorOf(deepTime.replace('Z', '.000Z'), 'ffffffff')}`;
  const targets = [
    { name: 'home', path: '/' },
    { name: 'story', path: story },
    { name: 'section', path: section },
    { name: 'author', path: author },
    { name: 'News Feed, deep `?before=`', path: deepNews },
    {
      name: 'search, selective (a story title)',
      path: title ? `/search?q=${encodeURIComponent(title)}` : undefined,
    },
    { name: 'search, common word, relevance', path: '/search?q=the' },
    { name: 'search, common word, newest first', path: '/search?q=the&sort=newest' },
    { name: 'sitemap index', path: '/sitemap.xml' },
    { name: `sitemap part (deepest of ${parts.length})`, path: deepPart },
    // Its query is validated strictly (no `nocache`); it had no response cache when this was
    // written: if it gets one, vary the cursor instead.
    {
      name: 'Content API post list',
      path: `/api/content/v1/posts?key=${contentKey}&limit=15`,
      isBustable: false,
    },
  ];
  return targets.filter((t) => {
    if (!t.path) log(`(no URL found for ${t.name}: skipped)`);
    return Boolean(t.path);
  });
}

async function measure(origin, target, renders, runId) {
  const times = [];
  const serverTimes = [];
  const statuses = new Map();
  for (let n = 0; n < renders; n += 1) {
    const joiner = target.path.includes('?') ? '&' : '?';
    const bust = target.isBustable === false ? '' : `${joiner}nocache=${runId}-${n}`;
    const answer = await get(`${origin}${target.path}${bust}`);
    statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    times.push(answer.ms);
    const timing = /render;dur=([\d.]+)/.exec(String(answer.headers['server-timing'] ?? ''));
    if (timing) serverTimes.push(Number(timing[1]));
  }
  return {
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    serverP50: percentile(serverTimes, 50),
    statuses: [...statuses].map(([s, c]) => `${s}×${c}`).join(' '),
  };
}

async function runSize(size) {
  const dir = mkdtempSync(join(tmpdir(), 'masthead-scale-'));
  const cleanups = [() => rmSync(dir, { recursive: true, force: true })];
  const cleanup = async () => {
    for (const step of cleanups.splice(0).reverse()) await step();
  };
  try {
    let databaseUrl = args['sqlite-file'] ?? join(dir, 'masthead.db');
    if (args.db === 'postgres') {
      const schema = await freshPostgres();
      cleanups.push(schema.drop);
      databaseUrl = schema.url;
    }
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      SECRET_KEYS: randomBytes(32).toString('base64url'),
      PUBLIC_URL: origin,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      MEDIA_DIR: join(dir, 'media'),
      LOG_LEVEL: 'warn',
      DEMO: 'off',
    };
    let load = { seconds: Number.NaN, peakRssMb: Number.NaN };
    if (args['sqlite-file']) {
      log(
        `Using ${databaseUrl} (${Number(size).toLocaleString('en-US')} articles, not loaded here)`,
      );
      runMasthead(['migrate'], env, { quiet: true });
    } else {
      log(`Loading ${Number(size).toLocaleString('en-US')} articles on ${args.db}…`);
      load = runMasthead(['demo', 'load', '--articles', size], env);
    }
    const contentKey = runMasthead(
      ['token', 'create', '--content', '--name', `bench-${Date.now()}`],
      env,
      { quiet: true },
    ).stdout.trim();

    const server = startServer(env);
    cleanups.push(server.stop);
    const started = Date.now();
    await server.isReady;
    const startSeconds = (Date.now() - started) / 1000;
    const targets = await discoverTargets(origin, contentKey);
    const runId = Date.now().toString(36);
    // Warm-up: JIT and the database's own caches (every URL once, uncached).
    for (const target of targets) await measure(origin, target, 2, `warm-${runId}`);
    const loadBefore = loadavg();
    const rows = [];
    for (const target of targets) {
      log(`${target.name}: ${target.path.slice(0, 100)}`);
      rows.push({ ...target, ...(await measure(origin, target, Number(args.renders), runId)) });
    }
    const loadAfter = loadavg();
    await cleanup();
    return { size, load, startSeconds, rows, loadBefore, loadAfter };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

function machine() {
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpu;
  } catch {
    // Not Linux: os.cpus() it is.
  }
  return `${cpu} (${cpus().length} logical cores), Node ${process.version}, ${execFileSync('uname', ['-sr'], { encoding: 'utf8' }).trim()}`;
}

function printReport(results) {
  const fmt = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
  const lines = [`## Scale benchmark — ${new Date().toISOString()}`, '', `- ${machine()}`];
  lines.push(
    `- Database: ${args.db}; ${args.renders} uncached requests per URL, one at a time (a new \`nocache\` query parameter each), after 2 warm-up requests`,
  );
  for (const r of results) {
    lines.push('');
    lines.push(
      `### ${Number(r.size).toLocaleString('en-US')} articles — load ${fmt(r.load.seconds, 0)} s, peak RSS ${fmt(r.load.peakRssMb, 0)} MB; start ${fmt(r.startSeconds, 2)} s; load average ${r.loadBefore.map((v) => v.toFixed(1)).join('/')} → ${r.loadAfter.map((v) => v.toFixed(1)).join('/')}`,
    );
    lines.push('');
    lines.push('| Target | p50 ms | p99 ms | server render p50 ms | Statuses |');
    lines.push('| --- | ---: | ---: | ---: | --- |');
    for (const row of r.rows)
      lines.push(
        `| ${row.name} | ${fmt(row.p50)} | ${fmt(row.p99)} | ${fmt(row.serverP50)} | ${row.statuses} |`,
      );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main() {
  if (isBuildStale()) build();
  const results = [];
  for (const size of sizes) results.push(await runSize(size));
  printReport(results);
}

await main().catch((error) => fail(error instanceof Error ? error.stack : String(error)));
