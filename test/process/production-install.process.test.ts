import { execFile, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { isBuildStale } from '../../scripts/build.js';
import { freePort, waitFor, type Spawned } from '../helpers/masthead-process.js';

/**
 * Issue #14 §4: a production install — a built tree, `npm prune --omit=dev`, no build step —
 * starts and serves the site, the admin app and the demo newsroom. What the Dockerfile does.
 */
const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
let tree: string;
let server: Spawned | undefined;

beforeAll(() => {
  if (isBuildStale())
    throw new Error('dist/ is stale or missing: the build failed (see npm run build)');
  tree = mkdtempSync(join(tmpdir(), 'masthead-production-'));
  // What the Dockerfile copies: the built server and admin, the command, the manifests.
  for (const path of ['package.json', 'package-lock.json', 'bin', 'scripts', 'dist', 'admin/dist'])
    cpSync(join(root, path), join(tree, path), { recursive: true, preserveTimestamps: true });
});
afterAll(() => {
  server?.child.kill('SIGKILL');
  rmSync(tree, { recursive: true, force: true });
});

it('starts from a built tree pruned of devDependencies, with no build step', async () => {
  // node_modules as hard links (fast; pruning removes links, never the originals' contents).
  await run('cp', ['-al', join(root, 'node_modules'), join(tree, 'node_modules')]);
  await run('npm', ['prune', '--omit=dev', '--no-audit', '--no-fund', '--offline'], {
    cwd: tree,
    timeout: 120_000,
  });
  // The build tools are gone: nothing can have been rebuilt.
  await expect(run('node', ['-e', "import('typescript')"], { cwd: tree })).rejects.toThrow();
  await expect(run('node', ['-e', "import('vite')"], { cwd: tree })).rejects.toThrow();

  const port = String(await freePort());
  const child = spawn(process.execPath, [join(tree, 'bin', 'masthead.js'), 'start'], {
    cwd: tree,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: port,
      NODE_ENV: 'production',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: join(tree, 'data', 'masthead.db'),
      MEDIA_DIR: join(tree, 'data', 'media'),
      SECRET_KEYS: 'production-install-key-0123456789abcdefghij',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server = {
    child,
    output: () => output,
    exited: new Promise((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    ),
  };
  await waitFor(
    () => output.includes('Masthead is running'),
    120_000,
    () => output,
  );
  expect(output).not.toContain('Building');

  const base = `http://127.0.0.1:${port}`;
  expect((await fetch(`${base}/readyz`)).status).toBe(200);
  const home = await fetch(`${base}/`);
  expect(home.status).toBe(200);
  // The demo newsroom loaded (images resized by sharp, a production dependency).
  expect(await home.text()).toContain('News Feed');
  const admin = await fetch(`${base}/admin/`);
  expect(admin.status).toBe(200);
  expect(await admin.text()).toContain('<script');
}, 240_000);
