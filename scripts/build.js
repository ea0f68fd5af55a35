#!/usr/bin/env node
// Builds what is not built yet: the server (TypeScript → dist/) and the admin app (Vite →
// admin/dist/). "Not built yet" means a stamp is missing or older than any of its source files.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', '.build-stamp');
const adminDist = join(root, 'admin', 'dist');
const adminStamp = join(adminDist, '.build-stamp');
/** What the admin bundle is made of: its own sources and the shared code it imports. */
const adminInputs = ['admin', 'src/shared', 'package.json'];

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

const newestOf = (inputs) => Math.max(...inputs.map((p) => newestMtime(join(root, p))));

function isServerStale() {
  if (!existsSync(stamp)) return true;
  const inputs = ['src', 'migrations', 'package.json', 'tsconfig.json', 'tsconfig.build.json'];
  return newestOf(inputs) > statSync(stamp).mtimeMs;
}

/** admin/dist is built by Vite; its stamp is written only after a build that succeeded. */
function isAdminStale() {
  if (!existsSync(adminStamp)) return true;
  return newestOf(adminInputs) > statSync(adminStamp).mtimeMs;
}

/** Whether TypeScript and Vite are installed (a production install without devDependencies has neither). */
export function hasBuildTools() {
  return ['typescript/bin/tsc', 'vite/bin/vite.js'].every((tool) =>
    existsSync(join(root, 'node_modules', tool)),
  );
}

export function isBuildStale() {
  return isServerStale() || isAdminStale();
}

function buildAdmin() {
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  execFileSync(
    process.execPath,
    [vite, 'build', '--config', join(root, 'admin', 'vite.config.ts'), '--logLevel', 'warn'],
    // Always React's production build, even when started from a test run (NODE_ENV=test).
    { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  );
  writeFileSync(adminStamp, new Date().toISOString());
}

/** Builds the stale parts (or everything with `force`). */
export function build({ quiet = false, force = false } = {}) {
  const log = (text) => quiet || process.stderr.write(text);
  if (force || isServerStale()) {
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
  if (force || isAdminStale()) {
    log('Building the admin app (Vite → admin/dist/)… ');
    const started = Date.now();
    buildAdmin();
    log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const force = process.argv.includes('--force');
  if (force || isBuildStale()) build({ force });
  else process.stderr.write('Build is up to date.\n');
}
