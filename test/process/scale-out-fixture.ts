import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll } from 'vitest';
import { isBuildStale } from '../../scripts/build.js';
import { openDatabase } from '../../src/platform/db/index.js';
import {
  requestOnNewConnection,
  runMasthead,
  spawnMasthead,
  waitFor,
  type Spawned,
} from '../helpers/masthead-process.js';

/** Wires the suite's hooks: the compiled program must be current; servers are killed after each test. */
export function useMastheadProcesses(): { start: typeof start } {
  beforeAll(() => {
    if (isBuildStale())
      throw new Error('dist/ is stale or missing: the build failed (see npm run build)');
  });
  const running: Spawned[] = [];
  afterEach(() => {
    for (const server of running.splice(0)) server.child.kill('SIGKILL');
  });
  /** `masthead start …`, resolved once its banner says it runs (every worker listens). */
  async function start(args: string[], env: Record<string, string>): Promise<Spawned> {
    const server = spawnMasthead(['start', ...args], env);
    running.push(server);
    await waitFor(() => server.output().includes('Masthead is running'), 120_000, server.output);
    return server;
  }
  return { start };
}

export const ownerEmail = 'owner@example.org';
export const ownerPassword = 'correct horse battery staple';

/** A migrated, empty newsroom with an owner (known password) and an editor's Admin API token. */
export async function prepareNewsroom(
  databaseUrl: string,
  extra: Record<string, string> = {},
): Promise<{ env: Record<string, string>; token: string }> {
  const env = {
    DATABASE_URL: databaseUrl,
    MEDIA_DIR: mkdtempSync(join(tmpdir(), 'masthead-media-')),
    SECRET_KEYS: 'process-test-key-0123456789abcdefghijklmnop',
    DEMO: 'off',
    LOG_LEVEL: 'warn',
    ...extra,
  };
  await runMasthead(['migrate'], env);
  await runMasthead(
    [
      'user',
      'create',
      '--email',
      ownerEmail,
      '--name',
      'Owner',
      '--role',
      'owner',
      '--password',
      ownerPassword,
    ],
    env,
  );
  const token = (
    await runMasthead(['token', 'create', '--name', 'Scale-out test', '--role', 'editor'], env)
  ).trim();
  return { env, token };
}

type Json = Record<string, any>;

/** The Admin API of one process, as the editor's token. */
export function adminApiAt(base: string, token: string) {
  return async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}/api/admin/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, json: (await response.json()) as Json };
  };
}

/** The owner's byline (every story needs one). */
export async function ownerAuthorId(api: ReturnType<typeof adminApiAt>): Promise<string> {
  const authors = (await api('GET', '/authors')).json.authors as Array<{
    id: string;
    name: string;
  }>;
  const owner = authors.find((author) => author.name === 'Owner');
  if (!owner) throw new Error('the owner has no byline');
  return owner.id;
}

/** One wrong-password sign-in on a connection of its own. */
export const wrongSignIn = (base: string) =>
  requestOnNewConnection(`${base}/api/admin/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ownerEmail, password: 'not the password at all' }),
  });

/** How many `post.published` events the outbox holds for a post (each publication records one). */
export async function publishedEventCount(databaseUrl: string, postId: string): Promise<number> {
  const database = databaseUrl.startsWith('postgres')
    ? openDatabase({ dialect: 'postgres', url: databaseUrl })
    : openDatabase({ dialect: 'sqlite', file: databaseUrl });
  try {
    const rows = await (database.db as any)
      .selectFrom('outbox_events')
      .select('id')
      .where('type', '=', 'post.published')
      .where('subject_id', '=', postId)
      .execute();
    return rows.length as number;
  } finally {
    await database.close();
  }
}

/** Polls `check` every 20 ms until it holds; returns how long that took (throws past `timeoutMs`). */
export async function msUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not true within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - started;
}
