#!/usr/bin/env node
// Reader-site throughput against a baseline measured in the same run.
//
//   npm run bench:site                       # 300 demo articles
//   npm run bench:site -- --articles 100000  # or BENCH_ARTICLES=100000
//
// Builds if stale, loads the demo newsroom into a temp SQLite database, starts the real server
// (NODE_ENV=production), and runs wrk against /, a story, /news/ and /rss/, then against a bare
// node:http server (a separate process) that answers with the story's exact bytes and headers
// from memory. The story/bare ratio is what Masthead costs per request over Node itself. It
// also times story renders with the page cache missed, through a cache-busting query string.
// It also runs the Content API's post list (a content key made for the run), times a cold start
// (process start to the first `/readyz` 200 on the already loaded database), and samples the
// server's RSS through the run, reported beyond the page cache's own bytes (from `/metrics`).
// Prints numbers only; it asserts nothing about speed.
import { randomBytes } from 'node:crypto';
import { execFileSync, spawn } from 'node:child_process';
import { Buffer } from 'node:buffer';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { clearInterval, clearTimeout, setInterval, setTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { build, isBuildStale } from '../scripts/build.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mastheadBin = join(root, 'bin', 'masthead.js');

const { values: args } = parseArgs({
  options: {
    articles: { type: 'string', default: process.env.BENCH_ARTICLES ?? '300' },
    briefs: { type: 'string', default: process.env.BENCH_BRIEFS },
    duration: { type: 'string', default: process.env.BENCH_DURATION ?? '10s' },
    connections: { type: 'string', default: process.env.BENCH_CONNECTIONS ?? '50' },
    threads: { type: 'string', default: process.env.BENCH_THREADS ?? '2' },
    renders: { type: 'string', default: process.env.BENCH_RENDERS ?? '50' },
  },
});
for (const name of ['articles', 'connections', 'threads', 'renders']) {
  if (!/^\d+$/.test(args[name])) fail(`--${name} must be a whole number, got "${args[name]}"`);
}
if (args.briefs !== undefined && !/^\d+$/.test(args.briefs))
  fail('--briefs must be a whole number');

function fail(message) {
  process.stderr.write(`site-bench: ${message}\n`);
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

const metricsToken = randomBytes(16).toString('hex');
const coldStartRuns = 5;
const cpuBatches = 5;

/** A GET with no headers but Host (like wrk's) unless given: body, status, headers, elapsed ms. */
function get(url, headers = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = request(url, { method: 'GET', agent: false, headers }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks),
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Starts a child and resolves once a line of its stdout matches `ready`. */
function startChild(command, argv, { env, ready, what }) {
  const child = spawn(command, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const isReady = new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) resolve(match);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => (output += chunk.toString()));
    void exited.then((code) =>
      reject(new Error(`${what} exited (${code}) before it was ready:\n${output}`)),
    );
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return { child, isReady, stop, output: () => output };
}

/** Polls `url` every 5 ms until it answers 200; the ms since `since`. Gives up if the child fails. */
async function untilReady(url, since, childReady) {
  let failed;
  childReady.catch((error) => (failed = error));
  for (;;) {
    if (failed) throw failed;
    const status = await get(url).then(
      (answer) => answer.status,
      () => 0,
    );
    if (status === 200) return performance.now() - since;
    await sleep(5);
  }
}

/** Samples a process's resident set (VmRSS, Linux) every 100 ms; keeps the peak. */
function sampleRss(pid) {
  let peak = Number.NaN;
  const read = () => {
    try {
      const kb = Number(
        /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1],
      );
      if (Number.isFinite(kb)) peak = Number.isFinite(peak) ? Math.max(peak, kb * 1024) : kb * 1024;
    } catch {
      // Gone, or not Linux: no sample.
    }
  };
  read();
  const timer = setInterval(read, 100);
  return {
    peak: () => (read(), peak),
    stop: () => clearInterval(timer),
  };
}

/** wrk's latency as milliseconds ("850.00us", "1.23ms", "2.01s", "1.00m"). */
function toMs(text) {
  const match = /^([\d.]+)(us|ms|s|m|h)$/.exec(text);
  if (!match) return Number.NaN;
  const scale = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2]];
  return Number(match[1]) * scale;
}

function runWrk(url) {
  const output = execFileSync(
    'wrk',
    [`-t${args.threads}`, `-c${args.connections}`, `-d${args.duration}`, '--latency', url],
    { encoding: 'utf8' },
  );
  const number = (re) => {
    const match = re.exec(output);
    return match ? match[1] : undefined;
  };
  const non2xx = Number(number(/Non-2xx or 3xx responses:\s+(\d+)/) ?? 0);
  const socketErrors = number(/Socket errors:\s+(.+)/);
  return {
    rps: Number(number(/Requests\/sec:\s+([\d.]+)/)),
    p50: toMs(number(/^\s+50%\s+(\S+)/m) ?? ''),
    p99: toMs(number(/^\s+99%\s+(\S+)/m) ?? ''),
    requests: Number(number(/(\d+) requests in/)),
    non2xx,
    socketErrors,
    raw: output,
  };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function machine() {
  const uname = execFileSync('uname', ['-a'], { encoding: 'utf8' }).trim();
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (match) cpu = match[1];
  } catch {
    // Not Linux: os.cpus() it is.
  }
  let wrkVersion = 'unknown';
  try {
    execFileSync('wrk', ['-v'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    // `wrk -v` prints its version and exits 1.
    wrkVersion = String(error.stdout ?? '').split('\n')[0] || wrkVersion;
  }
  return { uname, cpu, cores: cpus().length, node: process.version, wrk: wrkVersion };
}

async function main() {
  try {
    execFileSync('wrk', ['-v'], { stdio: 'ignore' });
  } catch (error) {
    if (error.code === 'ENOENT') fail('wrk is not installed (apt-get install -y wrk)');
  }
  if (isBuildStale()) build();

  const dir = mkdtempSync(join(tmpdir(), 'masthead-bench-'));
  const cleanups = [() => rmSync(dir, { recursive: true, force: true })];
  const cleanup = async () => {
    for (const step of cleanups.splice(0).reverse()) await step();
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  try {
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      // Production requires SECRET_KEYS; a throwaway key for a throwaway database.
      SECRET_KEYS: randomBytes(32).toString('base64url'),
      PUBLIC_URL: origin,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: join(dir, 'masthead.db'),
      MEDIA_DIR: join(dir, 'media'),
      LOG_LEVEL: 'warn',
      DEMO: 'off',
      // Metrics on, as in production: page-cache hits are counted and its bytes are read at the end.
      METRICS_TOKEN: metricsToken,
    };

    const articles = Number(args.articles);
    log(`Loading the demo newsroom with ${articles.toLocaleString('en-US')} articles…`);
    const loadStarted = Date.now();
    const loadArgs = [mastheadBin, 'demo', 'load', '--articles', String(articles)];
    if (args.briefs !== undefined) loadArgs.push('--briefs', args.briefs);
    try {
      execFileSync(process.execPath, loadArgs, { env, stdio: ['ignore', 'ignore', 'inherit'] });
    } catch (error) {
      throw new Error(`masthead demo load exited ${error.status}; its output is above`);
    }
    const loadSeconds = (Date.now() - loadStarted) / 1000;
    const contentKey = execFileSync(
      process.execPath,
      [mastheadBin, 'token', 'create', '--content', '--name', 'site bench'],
      { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    ).trim();

    // Cold start: from spawning the process to the first 200 from /readyz (database already
    // loaded), five times; the last server is the one the run measures.
    const coldStarts = [];
    const loadBeforeStarts = loadavg();
    let server;
    for (let n = 0; n < coldStartRuns; n += 1) {
      const spawnedAt = performance.now();
      server = startChild(process.execPath, [mastheadBin, 'start'], {
        env,
        ready: /Masthead is running/,
        what: 'masthead start',
      });
      coldStarts.push(await untilReady(`${origin}/readyz`, spawnedAt, server.isReady));
      await server.isReady;
      if (n < coldStartRuns - 1) await server.stop();
    }
    const loadAfterStarts = loadavg();
    cleanups.push(server.stop);
    const rss = sampleRss(server.child.pid);
    cleanups.push(rss.stop);

    const home = await get(`${origin}/`);
    if (home.status !== 200) fail(`GET / answered ${home.status}`);
    const main = home.body.toString('utf8').split('<main')[1] ?? '';
    const storyPath = /<article[\s\S]*?<a[^>]*\shref="(\/[^"]*)"/.exec(main)?.[1];
    if (!storyPath) fail('no story link (main article a[href]) on the home page');
    const targets = [
      { name: 'home /', path: '/' },
      { name: `story`, path: storyPath },
      { name: 'news /news/', path: '/news/' },
      { name: 'rss /rss/', path: '/rss/' },
      { name: 'content api /posts', path: `/api/content/v1/posts?key=${contentKey}` },
    ];
    for (const target of targets) {
      const answer = await get(`${origin}${target.path}`);
      target.status = answer.status;
      target.bytes = answer.body.length;
    }

    // The baseline: the story's exact bytes and headers, as Masthead sends them to wrk (no
    // Accept-Encoding, so plain bytes), served from memory by a bare node:http process.
    const story = await get(`${origin}${storyPath}`);
    if (story.status !== 200) fail(`GET ${storyPath} answered ${story.status}`);
    const skip = new Set([
      'date',
      'connection',
      'keep-alive',
      'transfer-encoding',
      'content-length',
    ]);
    const headers = Object.fromEntries(
      Object.entries(story.headers).filter(([name]) => !skip.has(name)),
    );
    writeFileSync(join(dir, 'story.body'), story.body);
    writeFileSync(join(dir, 'story.headers.json'), JSON.stringify(headers));
    const bare = startChild(
      process.execPath,
      [
        join(root, 'bench', 'bare-server.mjs'),
        join(dir, 'story.body'),
        join(dir, 'story.headers.json'),
      ],
      { env: { PATH: env.PATH }, ready: /listening (\d+)/, what: 'bare server' },
    );
    cleanups.push(bare.stop);
    const barePort = (await bare.isReady)[1];
    const bareUrl = `http://127.0.0.1:${barePort}/`;
    const bareCheck = await get(bareUrl);
    if (!bareCheck.body.equals(story.body)) fail('the bare server does not send the story bytes');

    // Warm-up: JIT, page cache, SQLite page cache, for every target and the baseline.
    log('Warming up…');
    for (const url of [...targets.map((t) => `${origin}${t.path}`), bareUrl]) {
      execFileSync('wrk', ['-t1', '-c10', '-d2s', url], { stdio: 'ignore' });
    }

    const loadBefore = loadavg();
    const results = [];
    for (const target of [...targets, { name: 'bare node:http (story bytes)', path: null }]) {
      const url = target.path === null ? bareUrl : `${origin}${target.path}`;
      log(`wrk ${url}`);
      results.push({ ...target, ...runWrk(url) });
      await sleep(1000);
    }

    // Story renders with the page cache missed: the cache keys on path and query, so each
    // `?nocache=<n>` is a new key. The x-cache header says whether that held.
    const renders = Number(args.renders);
    const missTimes = [];
    const hitTimes = [];
    const renderTimes = [];
    const outcomes = new Map();
    const runId = Date.now().toString(36);
    for (let n = 0; n < renders; n += 1) {
      const miss = await get(`${origin}${storyPath}?nocache=${runId}-${n}`);
      missTimes.push(miss.ms);
      const timing = /render;dur=([\d.]+)/.exec(String(miss.headers['server-timing'] ?? ''));
      if (timing) renderTimes.push(Number(timing[1]));
      const outcome = String(miss.headers['x-cache'] ?? 'no x-cache header');
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      hitTimes.push((await get(`${origin}${storyPath}`)).ms);
    }

    // CPU per uncached story render (issue #14: process CPU over a batch of distinct URLs
    // divided by their number): articles listed by the Content API, each fetched once with a
    // query string no one asked before, in batches; the server's own process_cpu_seconds_total
    // (process.cpuUsage) is read from /metrics before and after each batch, less what two
    // back-to-back scrapes cost.
    const cpuSeconds = async () => {
      const text = (
        await get(`${origin}/metrics`, { authorization: `Bearer ${metricsToken}` })
      ).body.toString('utf8');
      return Number(/^process_cpu_seconds_total(?:\{[^}]*\})? ([\d.e+-]+)/m.exec(text)?.[1]);
    };
    const articlePaths = [];
    for (let cursor; articlePaths.length < renders * cpuBatches;) {
      const page = await get(
        `${origin}/api/content/v1/posts?key=${contentKey}&kind=article&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      const json = JSON.parse(page.body.toString('utf8'));
      articlePaths.push(...json.posts.map((p) => new URL(p.url, origin).pathname));
      cursor = json.meta.pagination.next;
      if (!cursor) break;
    }
    const scrapeCost = [];
    for (let n = 0; n < 3; n += 1) {
      const first = await cpuSeconds();
      scrapeCost.push((await cpuSeconds()) - first);
    }
    const scrapeSeconds = median(scrapeCost);
    const cpuPerRender = [];
    const cpuOutcomes = new Map();
    for (let batch = 0; batch < cpuBatches; batch += 1) {
      const before = await cpuSeconds();
      for (let n = 0; n < renders; n += 1) {
        const path = articlePaths[(batch * renders + n) % articlePaths.length];
        const answer = await get(`${origin}${path}?cpu=${runId}-${batch}-${n}`);
        const outcome = `${answer.status} ${answer.headers['x-cache'] ?? 'no x-cache'}`;
        cpuOutcomes.set(outcome, (cpuOutcomes.get(outcome) ?? 0) + 1);
      }
      const after = await cpuSeconds();
      cpuPerRender.push(((after - before - scrapeSeconds) * 1000) / renders);
    }

    const loadAfter = loadavg();
    const metrics = (
      await get(`${origin}/metrics`, { authorization: `Bearer ${metricsToken}` })
    ).body.toString('utf8');
    const metricValue = (re) => Number(re.exec(metrics)?.[1] ?? Number.NaN);
    const memory = {
      peakRss: rss.peak(),
      cacheBytes: metricValue(/^masthead_page_cache_bytes\{cache="pages"\} (\d+)/m),
      hits: metricValue(/^masthead_page_cache_lookups_total\{cache="pages",outcome="hit"\} (\d+)/m),
    };
    await cleanup();
    printReport({
      loadBefore,
      loadAfter,
      storyPath,
      targets,
      results,
      missTimes,
      hitTimes,
      renderTimes,
      outcomes,
      articles,
      loadSeconds,
      coldStarts,
      loadBeforeStarts,
      loadAfterStarts,
      cpuPerRender,
      cpuOutcomes,
      distinctArticles: new Set(articlePaths).size,
      memory,
    });
  } catch (error) {
    await cleanup();
    throw error;
  }
}

function printReport(report) {
  const { results } = report;
  const m = machine();
  const fmt = (n, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
  const lines = [];
  lines.push(`## Site benchmark — ${new Date().toISOString()}`);
  lines.push('');
  lines.push(`- Machine: ${m.uname}`);
  lines.push(`- CPU: ${m.cpu} (${m.cores} logical cores)`);
  lines.push(`- Node ${m.node}; ${m.wrk}`);
  lines.push(
    `- Data: ${report.articles.toLocaleString('en-US')} demo articles on SQLite (loaded in ${fmt(report.loadSeconds, 1)} s); NODE_ENV=production, LOG_LEVEL=warn`,
  );
  lines.push(
    `- Load: wrk -t${args.threads} -c${args.connections} -d${args.duration} --latency, no Accept-Encoding (plain bytes), after a 2 s warm-up per URL`,
  );
  lines.push(`- Story: ${report.storyPath}`);
  const load = (values) => values.map((v) => v.toFixed(2)).join(' ');
  lines.push(
    `- Load average (1/5/15 min) before the wrk runs: ${load(report.loadBefore)}; after: ${load(report.loadAfter)} — other work on the machine skews absolute numbers more than ratios`,
  );
  lines.push('');
  lines.push(
    '| Target | Status | Bytes | Requests/s | p50 ms | p99 ms | Non-2xx | Socket errors |',
  );
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  const story = results.find((r) => r.name === 'story');
  const bare = results.find((r) => r.path === null);
  for (const r of results) {
    const status = r.path === null ? 200 : r.status;
    const bytes = r.path === null ? (story?.bytes ?? 0) : r.bytes;
    lines.push(
      `| ${r.name === 'story' ? `story ${r.path}` : r.name} | ${status} | ${bytes} | ${fmt(r.rps, 0)} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${r.non2xx} | ${r.socketErrors ?? '—'} |`,
    );
  }
  lines.push('');
  if (story && bare) {
    const ratio = story.rps / bare.rps;
    lines.push(
      `Story / bare node:http, requests/s: **${Number.isFinite(ratio) ? ratio.toPrecision(3) : 'n/a'}** ` +
        `(the bare server answers ${fmt(bare.rps / story.rps, 1)}× as many; latency p50 ${fmt(story.p50 / bare.p50, 1)}×, p99 ${fmt(story.p99 / bare.p99, 1)}× the baseline's)`,
    );
  }
  const content = results.find((r) => r.name.startsWith('content api'));
  if (story && content) {
    lines.push('');
    lines.push(
      `Content API post list / cached story, requests/s: **${fmt(content.rps / story.rps, 3)}**`,
    );
  }
  const mb = (bytes) => fmt(bytes / 1024 / 1024, 1);
  const { memory } = report;
  lines.push('');
  lines.push(
    `Cold start (process start to the first \`/readyz\` 200, database already loaded), median of ${report.coldStarts.length}: **${fmt(median(report.coldStarts), 0)} ms** ` +
      `(each: ${report.coldStarts.map((v) => fmt(v, 0)).join(', ')} ms; load average ${load(report.loadBeforeStarts)} before, ${load(report.loadAfterStarts)} after)`,
  );
  lines.push('');
  const cpuRuns = report.cpuPerRender;
  lines.push(
    `CPU per uncached story render (server process.cpuUsage over ${cpuRuns.length} batches of ${args.renders} distinct articles, ${report.distinctArticles} different ones, each URL new to the cache): median **${fmt(median(cpuRuns))} ms** ` +
      `(batches: ${cpuRuns.map((v) => fmt(v)).join(', ')} ms; answers: ${[...report.cpuOutcomes].map(([k, v]) => `${k}: ${v}`).join(', ')})`,
  );
  lines.push('');
  lines.push(
    `Server RSS, peak through the run: ${mb(memory.peakRss)} MB; page cache bytes at the end: ${mb(memory.cacheBytes)} MB; ` +
      `RSS beyond the cache: **${mb(memory.peakRss - memory.cacheBytes)} MB**; page-cache hits counted in /metrics: ${memory.hits}`,
  );
  lines.push('');
  const outcomes = [...report.outcomes].map(([k, v]) => `${k}: ${v}`).join(', ');
  const allMissed = report.outcomes.size === 1 && report.outcomes.has('MISS');
  if (allMissed) {
    lines.push(
      `Story rendered with the page cache missed (${report.missTimes.length} sequential requests, unique \`?nocache=<n>\`): median **${fmt(median(report.missTimes))} ms** vs ${fmt(median(report.hitTimes))} ms from the cache (one request at a time, new connection each) — ${fmt(median(report.missTimes) / median(report.hitTimes))}×`,
      ...(report.renderTimes.length > 0
        ? [
            '',
            `Server-side render time of those misses (Server-Timing \`render\`: database and templates, no network): median **${fmt(median(report.renderTimes))} ms**`,
          ]
        : []),
    );
  } else if (report.outcomes.size === 1 && report.outcomes.has('no x-cache header')) {
    lines.push(
      `Note: the story route does not answer through the page cache yet (no x-cache header), so every request above is a render and the wrk story row is already the cache-off number. Sequential story requests (${report.missTimes.length}, one at a time, new connection each): median ${fmt(median(report.hitTimes))} ms; with \`?nocache=<n>\`: ${fmt(median(report.missTimes))} ms.`,
    );
  } else {
    lines.push(
      `Note: cache-off renders not measured — \`?nocache=<n>\` did not miss the page cache every time (x-cache: ${outcomes}); the story route normalises its cache key, so a cache-bypass switch is needed. Sequential medians: ${fmt(median(report.missTimes))} ms with the query, ${fmt(median(report.hitTimes))} ms without.`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
