#!/usr/bin/env node
// Times `masthead members import` on a generated Ghost-style CSV (default 100,000 rows) into a
// fresh SQLite database in a temp folder, then exports it back. Usage:
//   node bench/members-import.mjs [--rows 100000] [--database-url postgres://…]
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mastheadBin = join(root, 'bin', 'masthead.js');
const { values: args } = parseArgs({
  options: { rows: { type: 'string', default: '100000' }, 'database-url': { type: 'string' } },
});
const rows = Number(args.rows);
const dir = mkdtempSync(join(tmpdir(), 'masthead-members-bench-'));

const field = (v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
function generate(file) {
  const lines = [
    'email,name,note,subscribed_to_emails,complimentary_plan,stripe_customer_id,created_at,labels',
  ];
  const start = Date.parse('2024-01-01T00:00:00Z');
  for (let i = 0; i < rows; i += 1) {
    lines.push(
      [
        `reader${i}@example.org`,
        `Reader ${i}`,
        i % 50 === 0 ? 'Met at the "spring" fair, said hi' : '',
        i % 4 === 0 ? 'false' : 'true',
        i % 200 === 0 ? 'true' : 'false',
        i % 10 === 0 ? `cus_${i.toString(36)}x${i}` : '',
        new Date(start + i * 60_000).toISOString(),
        i % 3 === 0 ? 'imported, newsletter' : i % 3 === 1 ? 'events' : '',
      ]
        .map(field)
        .join(','),
    );
  }
  writeFileSync(file, `${lines.join('\r\n')}\r\n`);
}

const env = {
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  NODE_ENV: 'production',
  // Production requires SECRET_KEYS; a throwaway key for a throwaway database.
  SECRET_KEYS: randomBytes(32).toString('base64url'),
  PUBLIC_URL: 'http://127.0.0.1:3000',
  DATABASE_URL: args['database-url'] ?? join(dir, 'masthead.db'),
  MEDIA_DIR: join(dir, 'media'),
  LOG_LEVEL: 'warn',
  DEMO: 'off',
};
const run = (argv) =>
  execFileSync(process.execPath, [mastheadBin, ...argv], {
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });

try {
  const csv = join(dir, 'members.csv');
  generate(csv);
  const mb = (statSync(csv).size / 1e6).toFixed(1);
  process.stderr.write(`Generated ${rows.toLocaleString('en-US')} rows (${mb} MB)\n`);
  run(['migrate']);
  const started = process.hrtime.bigint();
  const output = run(['members', 'import', csv]);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(output);
  const exportStarted = process.hrtime.bigint();
  run(['members', 'export', '--output', join(dir, 'export.csv')]);
  const exportSeconds = Number(process.hrtime.bigint() - exportStarted) / 1e9;
  process.stdout.write(
    `import: ${seconds.toFixed(2)} s for ${rows.toLocaleString('en-US')} rows (${Math.round(rows / seconds).toLocaleString('en-US')} rows/s, CLI start-up included; budget 60 s)\n` +
      `export: ${exportSeconds.toFixed(2)} s\n`,
  );
  if (seconds > 60) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
