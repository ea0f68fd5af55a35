#!/usr/bin/env node
// Analytics beacon throughput against a bare node:http baseline in the same run.
//
//   flock /work/bench.lock npm run bench:beacon            # BENCH_DURATION=10s by default
//
// Builds if stale, loads a small demo newsroom into a temp SQLite database, starts the real
// server (NODE_ENV=production, TRUST_PROXY=loopback so each wrk request can be another reader
// through X-Forwarded-For), then with wrk:
// 1. POST /api/hit (sendBeacon's text/plain JSON, a browser user agent, a random address per
//    request) against a bare node:http process answering 202 to the same requests: the ratio is
//    what a counted view costs over Node itself;
// 2. a story page alone, then the story page while hits flow at the same time: the ratio is how
//    much reader pages slow down under the beacon's load.
// At the end the server is stopped (which flushes the last hits) and the raw table is counted:
// every 202 must be a stored row. Prints numbers only; it asserts nothing about speed.
//
// BENCH_CPU_PROF=<dir> runs the server under `node --cpu-prof` and leaves its profile in <dir>
// (written when the server stops); BENCH_ONLY=beacon runs the beacon alone (no baseline, no story).
import { randomBytes } from 'node:crypto';
import { execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { build, isBuildStale } from '../scripts/build.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mastheadBin = join(root, 'bin', 'masthead.js');
const duration = process.env.BENCH_DURATION ?? '10s';
const connections = process.env.BENCH_CONNECTIONS ?? '50';
const cpuProfileDir = process.env.BENCH_CPU_PROF;
const isBeaconOnly = process.env.BENCH_ONLY === 'beacon';
const log = (text) => process.stderr.write(`${text}\n`);

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function startChild(argv, env, ready, what) {
  const child = spawn(process.execPath, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const isReady = new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) resolve(match);
    });
    child.stderr.on('data', (chunk) => (output += chunk.toString()));
    void exited.then((code) => reject(new Error(`${what} exited (${code}):\n${output}`)));
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await exited;
  };
  return { isReady, stop };
}

/** The wrk script: sendBeacon's request, from a random reader address each time. */
const beaconLua = (paths) => `
local paths = { ${paths.map((p) => `"${p}"`).join(', ')} }
local refs = { "", "https://www.google.com/", "https://t.me/s/news", "https://news.example.net/a" }
local n = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "text/plain;charset=UTF-8"
wrk.headers["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
request = function()
  n = n + 1
  local path = paths[(n % #paths) + 1]
  if n % 10 == 0 then path = path .. "?utm_source=newsletter&utm_medium=email&utm_campaign=bench" end
  local ref = refs[(n % #refs) + 1]
  local body = '{"path":"' .. path .. '"' .. (ref ~= "" and (',"referrer":"' .. ref .. '"') or "") .. '}'
  wrk.headers["X-Forwarded-For"] = "10." .. math.random(0, 255) .. "." .. math.random(0, 255) .. "." .. math.random(1, 254)
  return wrk.format(nil, "/api/hit", nil, body)
end
`;

/** Runs wrk (async, so two can run at once): requests/s, p99 ms, 2xx and non-2xx counts. */
function wrk(url, { script, threads = '2' } = {}) {
  const argv = [`-t${threads}`, `-c${connections}`, `-d${duration}`, '--latency'];
  if (script) argv.push('-s', script);
  return new Promise((resolve, reject) => {
    execFile('wrk', [...argv, url], { encoding: 'utf8' }, (error, output) => {
      if (error) return reject(error);
      const pick = (re) => re.exec(output)?.[1];
      const p99 = pick(/^\s+99%\s+(\S+)/m) ?? '';
      const unit = { us: 0.001, ms: 1, s: 1000 }[/[a-z]+$/.exec(p99)?.[0] ?? 'ms'] ?? 1;
      const requests = Number(pick(/(\d+) requests in/));
      const non2xx = Number(pick(/Non-2xx or 3xx responses:\s+(\d+)/) ?? 0);
      resolve({
        rps: Number(pick(/Requests\/sec:\s+([\d.]+)/)),
        p99: Number.parseFloat(p99) * unit,
        requests,
        ok: requests - non2xx,
        non2xx,
      });
    });
  });
}

async function main() {
  if (isBuildStale()) build();
  const dir = mkdtempSync(join(tmpdir(), 'masthead-beacon-bench-'));
  const stops = [];
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
      DATABASE_URL: join(dir, 'masthead.db'),
      MEDIA_DIR: join(dir, 'media'),
      LOG_LEVEL: 'warn',
      DEMO: 'off',
      TRUST_PROXY: 'loopback',
    };
    log('Loading a demo newsroom (60 articles)…');
    execFileSync(process.execPath, [mastheadBin, 'demo', 'load', '--articles', '60'], {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const profile = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [];
    const server = startChild(
      [...profile, mastheadBin, 'start'],
      env,
      /Masthead is running/,
      'masthead',
    );
    stops.push(server.stop);
    await server.isReady;
    const home = await (await globalThis.fetch(`${origin}/`)).text();
    const main = home.split('<main')[1] ?? '';
    const storyPath = /<article[\s\S]*?<a[^>]*\shref="(\/[^"]*)"/.exec(main)?.[1];
    if (!storyPath) throw new Error('no story link (main article a[href]) on the home page');
    const links = [...main.matchAll(/href="(\/[a-z0-9-]+\/)"/g)].map((m) => m[1]);
    const paths = [...new Set([storyPath, ...links])];
    const story = `${origin}${storyPath}`;
    const script = join(dir, 'beacon.lua');
    writeFileSync(script, beaconLua(paths.slice(0, 20)));

    const bare = startChild(
      [join(root, 'bench', 'bare-beacon-server.mjs')],
      { PATH: env.PATH },
      /listening (\d+)/,
      'bare server',
    );
    stops.push(bare.stop);
    const barePort = (await bare.isReady)[1];

    log('Warming up…');
    await wrk(`${origin}/api/hit`, { script });
    if (!isBeaconOnly) {
      await wrk(story);
      await wrk(`http://127.0.0.1:${barePort}/api/hit`, { script });
    }
    const stored = () => {
      const db = new Database(env.DATABASE_URL, { readonly: true });
      try {
        return db.prepare('select count(*) as n from analytics_hits').get().n;
      } finally {
        db.close();
      }
    };
    await sleep(2000);
    const before = stored();
    const loadBefore = loadavg();

    log(`wrk ${duration}, ${connections} connections each…`);
    const beacon = await wrk(`${origin}/api/hit`, { script });
    const rows = [['beacon POST /api/hit', beacon]];
    let accepted = beacon.ok;
    let ratios = [];
    if (!isBeaconOnly) {
      const baseline = await wrk(`http://127.0.0.1:${barePort}/api/hit`, { script });
      const storyAlone = await wrk(story);
      const [storyUnderHits, hitsWithStory] = await Promise.all([
        wrk(story, { threads: '1' }),
        wrk(`${origin}/api/hit`, { script, threads: '1' }),
      ]);
      accepted += hitsWithStory.ok;
      rows.push(
        ['bare node:http (202)', baseline],
        ['story page alone', storyAlone],
        ['story page, hits flowing', storyUnderHits],
        ['beacon, story load flowing', hitsWithStory],
      );
      ratios = [
        `beacon / bare node:http: ${(beacon.rps / baseline.rps).toFixed(2)}`,
        `story with hits flowing / story alone: ${(storyUnderHits.rps / storyAlone.rps).toFixed(2)}`,
      ];
    }
    const loadAfter = loadavg();
    await server.stop();
    const counted = stored() - before;

    const f = (n) => Math.round(n).toLocaleString('en-US');
    const load = (l) => l.map((n) => n.toFixed(2)).join(' ');
    console.log(
      `\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}`,
    );
    console.log(`load average before ${load(loadBefore)}, after ${load(loadAfter)}`);
    console.log(`wrk ${duration}, ${connections} connections\n`);
    console.log('| run | requests/s | p99 ms | non-2xx |');
    console.log('| --- | ---: | ---: | ---: |');
    for (const [name, r] of rows)
      console.log(`| ${name} | ${f(r.rps)} | ${r.p99.toFixed(1)} | ${r.non2xx} |`);
    console.log('');
    for (const line of ratios) console.log(line);
    console.log(`stored rows ${f(counted)} of ${f(accepted)} accepted (202) hits`);
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`beacon-bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
