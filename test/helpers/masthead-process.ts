import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const mastheadBin = join(import.meta.dirname, '..', '..', 'bin', 'masthead.js');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface Spawned {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs the real `masthead` executable with a clean environment plus `env`. */
export function spawnMasthead(args: string[], env: Record<string, string>): Spawned {
  const child = spawn(process.execPath, [mastheadBin, ...args], {
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

/** Runs a one-shot command and returns its stdout (throws with the output on a non-zero exit). */
export async function runMasthead(args: string[], env: Record<string, string>): Promise<string> {
  let stdout = '';
  const spawned = spawnMasthead(args, env);
  spawned.child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const exit = await spawned.exited;
  if (exit.code !== 0)
    throw new Error(`masthead ${args.join(' ')} exited ${exit.code}:\n${spawned.output()}`);
  return stdout;
}

export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting; output so far:\n${what()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface PlainResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * A request on a connection of its own (no keep-alive), so that behind `--workers N` the
 * cluster hands each one to the next worker, as it does for separate readers.
 */
export function requestOnNewConnection(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<PlainResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      { method: options.method ?? 'GET', headers: options.headers, agent: false },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.setTimeout(15_000, () =>
      request.destroy(new Error(`${options.method ?? 'GET'} ${url}: no answer within 15 s`)),
    );
    request.end(options.body);
  });
}
