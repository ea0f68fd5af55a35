#!/usr/bin/env node
// Builds what is not built yet: the server (TypeScript → dist/) and, once it exists, the admin
// app. "Not built yet" means the stamp is missing or older than any source file.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', '.build-stamp');

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

export function isBuildStale() {
  if (!existsSync(stamp)) return true;
  const inputs = [
    'src',
    'migrations',
    'admin',
    'package.json',
    'tsconfig.json',
    'tsconfig.build.json',
  ];
  const newest = Math.max(...inputs.map((p) => newestMtime(join(root, p))));
  return newest > statSync(stamp).mtimeMs;
}

export function build({ quiet = false } = {}) {
  const log = (text) => quiet || process.stderr.write(text);
  log('Building Masthead (TypeScript → dist/)… ');
  const started = Date.now();
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], {
    cwd: root,
    stdio: 'inherit',
  });
  writeFileSync(stamp, new Date().toISOString());
  log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--force') || isBuildStale()) build();
  else process.stderr.write('Build is up to date.\n');
}
