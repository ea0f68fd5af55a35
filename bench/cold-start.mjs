#!/usr/bin/env node
// Cold start: from spawning `masthead start` to the first 200 from `/readyz`, on a database that
// is already there (issue #14: under 1 s). Loads the demo newsroom into a temp SQLite database
// once (or uses `--database <file>` as it is), then starts and stops the production server
// `--starts` times (default 5) and prints each time, the median and the load average.
//
//   npm run bench:start                          # 300 demo articles, 5 starts
//   npm run bench:start -- --starts 9 --articles 1000
//   BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" npm run bench:start
//   BENCH_START_ENTRY=dist/src/cli/main.js npm run bench:start   # without bin/masthead.js
//
// Each start is also timed to the moment the process prints that it is running, the CPU time
// the process used until ready is read from /proc (steadier than wall time when other work
// shares the cores), and the time Node needs to start and exit doing nothing is printed beside
// it (the floor of any start).
// Prints numbers only; it asserts nothing about speed.
import { randomBytes } from 'node:crypto';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearTimeout, setTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build, isBuildStale } from '../scripts/build.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mastheadBin = join(root, 'bin', 'masthead.js');

const { values: args } = parseArgs({
  options: {
    starts: { type: 'string', default: process.env.BENCH_STARTS ?? '5' },
    articles: { type: 'string', default: process.env.BENCH_ARTICLES ?? '300' },
    database: { type: 'string' },
  },
});
for (const name of ['starts', 'articles']) {
  if (!/^[1-9]\d*$/.test(args[name])) fail(`--${name} must be a positive whole number`);
}

function fail(message) {
  process.stderr.write(`cold-start: ${message}\n`);
  process.exit(1);
}

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

function status(url) {
  return new Promise((resolve) => {
    const req = request(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end();
  });
}

/** CPU time (user + system) a process has used so far, from /proc (Linux; NaN elsewhere). */
function cpuMsOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 a second).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** One start: spawn → first `/readyz` 200 (polled every 5 ms) and → the "running" banner. */
async function oneStart(env, origin) {
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const spawnedAt = performance.now();
  const entry = process.env.BENCH_START_ENTRY ?? mastheadBin;
  const child = spawn(process.execPath, [...nodeArgs, entry, 'start'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let bannerMs;
  child.stdout.on('data', (chunk) => {
    output += chunk.toString();
    if (bannerMs === undefined && output.includes('Masthead is running'))
      bannerMs = performance.now() - spawnedAt;
  });
  child.stderr.on('data', (chunk) => (output += chunk.toString()));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let readyMs;
  while (readyMs === undefined) {
    if (child.exitCode !== null) throw new Error(`masthead start exited early:\n${output}`);
    if ((await status(`${origin}/readyz`)) === 200) readyMs = performance.now() - spawnedAt;
    else await sleep(5);
  }
  const cpuMs = cpuMsOf(child.pid);
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
  return { readyMs, bannerMs, cpuMs };
}

async function main() {
  if (isBuildStale()) build();
  const dir = mkdtempSync(join(tmpdir(), 'masthead-start-'));
  try {
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
      DATABASE_URL: args.database ?? join(dir, 'masthead.db'),
      MEDIA_DIR: join(dir, 'media'),
      LOG_LEVEL: 'warn',
      DEMO: 'off',
    };
    if (!args.database) {
      process.stderr.write(`Loading the demo newsroom (${args.articles} articles)…\n`);
      execFileSync(process.execPath, [mastheadBin, 'demo', 'load', '--articles', args.articles], {
        env,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
    }
    // The floor: Node starting and exiting with nothing to do.
    const bare = [];
    for (let n = 0; n < 3; n += 1) {
      const started = performance.now();
      execFileSync(process.execPath, ['-e', '0']);
      bare.push(performance.now() - started);
    }
    const before = loadavg();
    const runs = [];
    for (let n = 0; n < Number(args.starts); n += 1) runs.push(await oneStart(env, origin));
    const after = loadavg();
    const ms = (value) => (value === undefined ? 'n/a' : `${value.toFixed(0)} ms`);
    const lines = [
      `Cold start, spawn → first /readyz 200 (${runs.length} starts, ${args.database ? args.database : `${args.articles} demo articles`}, SQLite, NODE_ENV=production, Node ${process.version}):`,
      `  each: ${runs.map((r) => ms(r.readyMs)).join(', ')}`,
      `  median: **${ms(median(runs.map((r) => r.readyMs)))}**; to the "running" banner: ${ms(median(runs.map((r) => r.bannerMs ?? Number.NaN)))}; node -e 0: ${ms(median(bare))}`,
      `  CPU time the process used until ready (user + system, 10 ms ticks; steadier than wall time on a busy machine): median ${ms(median(runs.map((r) => r.cpuMs)))} (each: ${runs.map((r) => ms(r.cpuMs)).join(', ')})`,
      `  load average (1/5/15 min) before: ${before.map((v) => v.toFixed(2)).join(' ')}; after: ${after.map((v) => v.toFixed(2)).join(' ')}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
