import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { build, isBuildStale } from '../../scripts/build.js';
import { describeEachDatabaseUrl } from '../helpers/test-database.js';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'masthead.js');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

interface Spawned {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startMasthead(env: Record<string, string>): Spawned {
  const child = spawn(process.execPath, [bin, 'start'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'development',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited };
}

async function waitFor(check: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting; output so far:\n${what()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// These suites run the real compiled program: bring dist/ up to date first.
beforeAll(() => {
  if (isBuildStale()) build({ quiet: true });
}, 120_000);

const running: Spawned[] = [];
afterEach(() => {
  for (const process of running.splice(0)) process.child.kill('SIGKILL');
});

describeEachDatabaseUrl('npm start on a fresh database', (getUrl) => {
  it('loads the demo newsroom, serves the home page and readiness, and exits 0 within 10 s of SIGTERM', async () => {
    const port = await freePort();
    const server = startMasthead({
      PORT: String(port),
      DATABASE_URL: getUrl(),
      MEDIA_DIR: mkdtempSync(join(tmpdir(), 'masthead-media-')),
    });
    running.push(server);
    await waitFor(() => server.output().includes('Masthead is running'), 90_000, server.output);
    expect(server.output()).toMatch(/Site:\s+http:\/\/127\.0\.0\.1:\d+\//);
    expect(server.output()).toMatch(/Password \(shown once, change it after signing in\): \S+/);

    const home = await fetch(`http://127.0.0.1:${port}/`);
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain('The Velmora Courier');
    expect(html).toContain('News Feed');
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);

    const stopAsked = Date.now();
    server.child.kill('SIGTERM');
    const exit = await server.exited;
    expect(exit.code).toBe(0);
    expect(Date.now() - stopAsked).toBeLessThan(10_000);
  }, 120_000);
});

describe('npm start with a bad environment', () => {
  it('exits non-zero with one line for each bad variable', async () => {
    const server = startMasthead({ PORT: 'abc', DATABASE_URL: 'mysql://x' });
    running.push(server);
    const exit = await server.exited;
    expect(exit.code).not.toBe(0);
    const lines = server
      .output()
      .split('\n')
      .filter((l) => /^\s+(PORT|DATABASE_URL): /.test(l));
    expect(lines).toHaveLength(2);
  }, 60_000);
});
