#!/usr/bin/env node
// The static mirror (docs/mirror.md): how long `masthead mirror` takes to write the demo
// newsroom in full, a second full run over the same tree (nothing changed: nothing written), an
// incremental run with no change, and an incremental run after one story is edited.
//
//   npm run bench:mirror                          # the demo newsroom (300 articles, 150 briefs), SQLite
//   npm run bench:mirror -- --articles 100000 --briefs 20000
//
// Run it under `flock /work/bench.lock` on shared machines. Builds if stale, loads the demo into
// a fresh SQLite file with the compiled CLI, then times each `masthead mirror` as a process (its
// start, migrations check and app build included, as cron would run it). The story is edited
// through the compiled services (openRuntime), as an editor's save would. Prints numbers with
// the load average; it asserts nothing.
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build, isBuildStale } from '../scripts/build.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mastheadBin = join(root, 'bin', 'masthead.js');
const { values: args } = parseArgs({
  options: {
    articles: { type: 'string', default: process.env.BENCH_ARTICLES ?? '300' },
    briefs: { type: 'string', default: process.env.BENCH_BRIEFS ?? '150' },
    keep: { type: 'boolean', default: false },
  },
});
for (const name of ['articles', 'briefs'])
  if (!/^\d+$/.test(args[name])) fail(`--${name} must be a whole number`);

function fail(message) {
  process.stderr.write(`mirror-bench: ${message}\n`);
  process.exit(1);
}
const log = (text) => process.stderr.write(`${text}\n`);
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

function run(argv, env) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [mastheadBin, ...argv], { env, encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0)
    fail(`masthead ${argv.join(' ')} failed (${result.status}):\n${result.stderr}${result.stdout}`);
  return { seconds, out: result.stdout.trim() };
}

function treeSize(dir) {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name.startsWith('.')) continue;
    files += 1;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return { files, bytes };
}

if (isBuildStale()) {
  log('Building (dist/ is older than the sources)…');
  build();
}

const dir = mkdtempSync(join(tmpdir(), 'masthead-mirror-bench-'));
const out = join(dir, 'mirror');
const env = {
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  NODE_ENV: 'production',
  SECRET_KEYS: randomBytes(32).toString('base64url'),
  PUBLIC_URL: 'https://news.example.org',
  DATABASE_URL: join(dir, 'masthead.db'),
  MEDIA_DIR: join(dir, 'media'),
  LOG_LEVEL: 'warn',
  DEMO: 'off',
};
try {
  log(`Loading the demo newsroom (${args.articles} articles, ${args.briefs} briefs) on SQLite…`);
  const loaded = run(['demo', 'load', '--articles', args.articles, '--briefs', args.briefs], env);
  log(`  loaded in ${loaded.seconds.toFixed(1)} s`);

  const rows = [];
  const measure = (name, argv) => {
    const before = load();
    const result = run(['mirror', '--out', out, ...argv], env);
    rows.push({
      name,
      seconds: result.seconds,
      report: result.out,
      loadBefore: before,
      loadAfter: load(),
    });
    log(`${name}: ${result.seconds.toFixed(2)} s — ${result.out}`);
  };

  measure('full mirror (empty folder)', []);
  const tree = treeSize(out);
  measure('full mirror again (nothing changed)', []);
  measure('incremental, no change', ['--since', 'last']);

  // One story edited, as an editor's save does: through the services, recorded in the outbox.
  const dist = (path) => pathToFileURL(join(root, 'dist', 'src', path)).href;
  const { loadConfig } = await import(dist('config/index.js'));
  const { openRuntime } = await import(dist('runtime/open-runtime.js'));
  const { systemActor } = await import(dist('features/staff/index.js'));
  const { createLogger } = await import(dist('platform/logger.js'));
  const runtime = await openRuntime(loadConfig(env), {
    migrate: false,
    logger: createLogger({ level: 'warn', pretty: false }),
  });
  try {
    const [story] = (await runtime.services.posts.latestPublished({ limit: 1, kinds: ['article'] }))
      .items;
    await runtime.services.posts.update(systemActor, story.id, {
      title: `${story.title} (updated)`,
      version: story.version,
    });
  } finally {
    await runtime.close();
  }
  measure('incremental, one story edited', ['--since', 'last']);

  const line = '-'.repeat(100);
  process.stdout.write(
    `\nStatic mirror, ${args.articles} articles + ${args.briefs} briefs, SQLite, ${cpus().length} CPUs\n` +
      `Tree: ${tree.files.toLocaleString('en-US')} files, ${(tree.bytes / 1024 / 1024).toFixed(1)} MB\n${line}\n`,
  );
  for (const row of rows)
    process.stdout.write(
      `${row.name.padEnd(38)} ${row.seconds.toFixed(2).padStart(8)} s   load ${row.loadBefore} → ${row.loadAfter}\n` +
        `  ${row.report}\n`,
    );
} finally {
  if (args.keep) log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
