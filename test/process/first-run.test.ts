import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isBuildStale } from '../../scripts/build.js';
import { freePort, spawnMasthead, waitFor, type Spawned } from '../helpers/masthead-process.js';

const root = join(import.meta.dirname, '..', '..');

beforeAll(() => {
  if (isBuildStale())
    throw new Error('dist/ is stale or missing: the build failed (see npm run build)');
});

const running: Spawned[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const process of running.splice(0)) process.child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Lines a newcomer would have to wonder about: warnings, deprecations, errors, Node notices. */
const worrying = (output: string) =>
  output
    .split('\n')
    .filter((line) => /warn|deprecat|error|\(node:\d+\)/i.test(line))
    .filter((line) => line.trim() !== '');

async function startFresh(env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'masthead-first-run-'));
  dirs.push(dir);
  const port = await freePort();
  const server = spawnMasthead(['start'], {
    PORT: String(port),
    DATABASE_URL: join(dir, 'masthead.db'),
    MEDIA_DIR: join(dir, 'media'),
    ...env,
  });
  running.push(server);
  await waitFor(() => server.output().includes('Masthead is running'), 90_000, server.output);
  return { server, origin: `http://127.0.0.1:${port}`, dir };
}

describe('a clean first run', () => {
  it('npm start on an empty database prints no warnings, logs readable lines and has About, Contact and Privacy', async () => {
    const { server, origin, dir } = await startFresh({ DEMO: 'off', LOG_LEVEL: 'info' });
    // Development generates its secret key once, beside the database, readable by its owner only.
    expect(statSync(join(dir, 'secret-keys')).mode & 0o777).toBe(0o600);
    for (const slug of ['about', 'contact', 'privacy']) {
      const page = await fetch(`${origin}/${slug}/`);
      expect(page.status, `/${slug}/`).toBe(200);
    }
    const home = await (await fetch(`${origin}/`)).text();
    const footer = /<footer[\s\S]*?<\/footer>/.exec(home)?.[0] ?? '';
    expect(footer).toContain('href="/privacy/"');
    expect(footer).not.toContain('href="/newsletters/"');
    server.child.kill('SIGTERM');
    await server.exited;

    const output = server.output();
    expect(worrying(output)).toEqual([]);
    // Development logs are lines for people (pino-pretty), not JSON, even when piped.
    expect(output).toMatch(/INFO.*Server listening at http:\/\/127\.0\.0\.1:\d+/);
    expect(output).not.toMatch(/^\{"level":/m);
  }, 120_000);

  it('logs JSON in production', async () => {
    const { server, origin } = await startFresh({
      NODE_ENV: 'production',
      DEMO: 'off',
      LOG_LEVEL: 'info',
      PUBLIC_URL: 'https://news.example.org',
      SECRET_KEYS: 'first-run-key-0123456789abcdefghijklmnop',
    });
    expect((await fetch(`${origin}/readyz`)).status).toBe(200);
    server.child.kill('SIGTERM');
    await server.exited;
    const output = server.output();
    expect(worrying(output)).toEqual([]);
    const listening = output.split('\n').find((line) => line.includes('Server listening'));
    expect(JSON.parse(listening ?? '{}')).toMatchObject({ level: 30 });
  }, 120_000);

  it('builds the admin app without warning or sourcemap error lines', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'masthead-admin-build-'));
    dirs.push(outDir);
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [
        join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
        'build',
        '--config',
        join(root, 'admin', 'vite.config.ts'),
        '--outDir',
        outDir,
        '--logLevel',
        'warn',
      ],
      { cwd: root, env: { ...process.env, NODE_ENV: 'production' } },
    );
    expect(worrying(`${stdout}\n${stderr}`)).toEqual([]);
    expect(`${stdout}${stderr}`).not.toContain('Error when using sourcemap');
  }, 240_000);

  it('declares the npm it needs, aligned TipTap versions and the packages allowed to run install scripts', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      engines: Record<string, string>;
      allowScripts: Record<string, boolean>;
      devDependencies: Record<string, string>;
    };
    expect(pkg.engines.npm).toMatch(/^>=11/);
    expect(pkg.allowScripts).toEqual({ argon2: true, 'better-sqlite3': true, esbuild: true });
    const tiptap = Object.entries(pkg.devDependencies).filter(([name]) =>
      name.startsWith('@tiptap/'),
    );
    expect(new Set(tiptap.map(([, version]) => version)).size).toBe(1);
    // Every installed @tiptap package (optional ones included) is at that same version.
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string }>;
    };
    const installed = Object.entries(lock.packages)
      .filter(([path]) => path.startsWith('node_modules/@tiptap/'))
      .map(([, entry]) => entry.version);
    expect(new Set(installed)).toEqual(new Set([tiptap[0]?.[1]]));
  });
});
