#!/usr/bin/env node
// Live pages' fan-out: N concurrent SSE readers on one server process, one update published,
// how long until every reader has it, and the server's memory — against a baseline measured
// in the same run.
//
//   npm run bench:live                            # 5,000 readers, 5 updates, 2 client processes
//   npm run bench:live -- --readers 10000 --rounds 10 --clients 4 --first bare
//
// Run it under `flock /work/bench.lock` on shared machines. Builds if stale, then for each
// server (bench/live-bench-server.mjs: "masthead", the compiled SSE responder and live hub
// behind Fastify with the site's request hooks; "bare", a node:http server writing the same
// bytes to a Set of responses) it opens the readers from forked client processes
// (bench/live-bench-clients.mjs, raw sockets), publishes one update at a time through a
// bench-only publish path, and records when each reader saw it. Per update: p50/p99 of the
// readers' latencies and the time until the last one had it; server RSS with every reader
// connected (from /proc). Prints numbers and ratios; it asserts nothing. BENCH_SERVER_NODE_ARGS
// passes flags to the servers (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
import { Buffer } from 'node:buffer';
import { fork, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build, isBuildStale } from '../scripts/build.js';

const here = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    readers: { type: 'string', default: process.env.BENCH_READERS ?? '5000' },
    rounds: { type: 'string', default: process.env.BENCH_ROUNDS ?? '5' },
    clients: { type: 'string', default: process.env.BENCH_CLIENTS ?? '2' },
    /** Which server goes first; the other runs second (a busy machine favours neither then). */
    first: { type: 'string', default: process.env.BENCH_FIRST ?? 'masthead' },
  },
});
for (const name of ['readers', 'rounds', 'clients']) {
  if (!/^[1-9]\d*$/.test(args[name])) {
    process.stderr.write(`live-bench: --${name} must be a positive whole number\n`);
    process.exit(1);
  }
}
const readers = Number(args.readers);
const rounds = Number(args.rounds);
const clientCount = Number(args.clients);
const log = (text) => process.stderr.write(`${text}\n`);
const now = () => performance.timeOrigin + performance.now();

if (isBuildStale()) build({ quiet: true });

/** An update as the stream carries it: about the size of a real one (a paragraph and a photo). */
function updateData(mark) {
  const html =
    `<article id="update-${mark}" class="live-update"><header><time datetime="2026-12-07T19:00:00Z">19:00</time>` +
    '<span class="byline">Olena Kovalenko</span></header><p>' +
    'Air raid sirens sounded across the capital shortly after seven; residents were asked to go to shelters. '.repeat(
      8,
    ) +
    '</p><figure><img src="/content/images/2026/12/sirens.jpg" alt="People in a metro station" width="1200" height="800">' +
    '<figcaption>Residents shelter in a metro station.</figcaption></figure></article>';
  return JSON.stringify({ id: `update-${mark}`, mark, html });
}

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

function post(port, path, body) {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'text/plain' } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function startServer(mode) {
  return new Promise((resolve, reject) => {
    const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    const child = spawn(
      process.execPath,
      [...nodeArgs, join(here, 'live-bench-server.mjs'), mode],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
        env: { ...process.env, NODE_ENV: 'production' },
      },
    );
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text) => {
      const port = /listening (\d+)/.exec(text)?.[1];
      if (port) resolve({ child, port: Number(port) });
    });
    child.on('exit', (code) => reject(new Error(`${mode} server exited (${code})`)));
  });
}

/** Waits for one message of `type` from each child. */
const fromEach = (children, type) =>
  Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => {
          const listener = (message) => {
            if (message.type !== type) return;
            child.off('message', listener);
            resolve(message);
          };
          child.on('message', listener);
        }),
    ),
  );

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function measure(mode) {
  const { child: server, port } = await startServer(mode);
  const idleRss = rssMb(server.pid);
  const clients = Array.from({ length: clientCount }, () =>
    fork(join(here, 'live-bench-clients.mjs'), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  const started = now();
  const share = (i) => Math.floor(readers / clientCount) + (i < readers % clientCount ? 1 : 0);
  const connected = fromEach(clients, 'connected');
  clients.forEach((c, i) =>
    c.send({ type: 'connect', port, path: '/ceasefire-talks/live', count: share(i) }),
  );
  const open = (await connected).reduce((sum, m) => sum + m.open, 0);
  const connectSeconds = (now() - started) / 1000;
  await sleep(1000);
  const connectedRss = rssMb(server.pid);
  const results = [];
  let peakRss = connectedRss;
  // Round 0 warms the server up (JIT, the first allocation of every stream's buffers): not counted.
  for (let round = 0; round <= rounds; round += 1) {
    const mark = `${mode}-${round}-${Math.random().toString(36).slice(2, 8)}`;
    const expecting = fromEach(clients, 'expecting');
    clients.forEach((c) => c.send({ type: 'expect', id: mark }));
    await expecting;
    const arrived = fromEach(clients, 'arrived');
    const t0 = now();
    await post(port, `/__bench/publish?channel=ceasefire-talks&id=${mark}`, updateData(mark));
    const latencies = (await arrived)
      .flatMap((m) => m.times.map((t) => t - t0))
      .sort((a, b) => a - b);
    peakRss = Math.max(peakRss, rssMb(server.pid));
    if (round > 0)
      results.push({
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        last: latencies.at(-1),
        n: latencies.length,
      });
    await sleep(300);
  }
  clients.forEach((c) => c.send({ type: 'close' }));
  server.kill('SIGTERM');
  await sleep(300);
  return { mode, open, connectSeconds, idleRss, connectedRss, peakRss, results };
}

const fmt = (ms) => `${ms.toFixed(0).padStart(5)} ms`;
const summary = (r) => {
  const p99s = r.results.map((x) => x.p99).sort((a, b) => a - b);
  const lasts = r.results.map((x) => x.last).sort((a, b) => a - b);
  return {
    p99: p99s[Math.floor(p99s.length / 2)],
    worstP99: p99s.at(-1),
    last: lasts[Math.floor(lasts.length / 2)],
  };
};

log(
  `live-bench: ${readers} readers, ${rounds} updates, ${clientCount} client processes; ${cpus().length} cores, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
const runs = [];
const order = args.first === 'bare' ? ['bare', 'masthead'] : ['masthead', 'bare'];
for (const mode of order) {
  log(`\n${mode}: connecting ${readers} readers…`);
  const run = await measure(mode);
  runs.push(run);
  log(`  ${run.open} streams open in ${run.connectSeconds.toFixed(1)} s`);
  for (const [i, x] of run.results.entries())
    log(
      `  update ${i + 1}: ${x.n} readers: p50 ${fmt(x.p50)}, p99 ${fmt(x.p99)}, last ${fmt(x.last)}`,
    );
  log(
    `  RSS: ${run.idleRss.toFixed(0)} MB idle, ${run.connectedRss.toFixed(0)} MB with every reader, ${run.peakRss.toFixed(0)} MB peak`,
  );
}
const bare = runs.find((r) => r.mode === 'bare');
const masthead = runs.find((r) => r.mode === 'masthead');
const b = summary(bare);
const m = summary(masthead);
log('\n                     bare node:http     masthead      ratio');
log(`p99 (median update)   ${fmt(b.p99)}        ${fmt(m.p99)}     ${(m.p99 / b.p99).toFixed(2)}×`);
log(
  `p99 (worst update)    ${fmt(b.worstP99)}        ${fmt(m.worstP99)}     ${(m.worstP99 / b.worstP99).toFixed(2)}×`,
);
log(
  `last reader (median)  ${fmt(b.last)}        ${fmt(m.last)}     ${(m.last / b.last).toFixed(2)}×`,
);
log(
  `RSS, all connected    ${bare.peakRss.toFixed(0).padStart(5)} MB        ${masthead.peakRss.toFixed(0).padStart(5)} MB     ${(masthead.peakRss / bare.peakRss).toFixed(2)}×`,
);
log(
  `targets: p99 ≤ 1000 ms (${m.worstP99 <= 1000 ? 'met' : 'NOT met'}), RSS ≤ 300 MB (${masthead.peakRss <= 300 ? 'met' : 'NOT met'})`,
);
