// What the attack suites share: the database lanes, a real `masthead start` on a fresh database,
// staff made with the CLI, and small clients for the Admin API (a session cookie with its CSRF
// token, or a Bearer token) that return what a caller would see.
import { randomBytes } from 'node:crypto';
import type { Dialect } from '../../src/platform/db/index.js';
import { startSiteServer, type SiteServer } from '../e2e/site-server.js';
import { runMasthead } from '../helpers/masthead-process.js';
import type { ReceivedMail, SmtpTestServer } from '../helpers/smtp-test-server.js';
import { freshDatabaseUrl } from '../helpers/test-database.js';

export const adminApi = '/api/admin/v1';
export const contentApi = '/api/content/v1';
const isCi = process.env.CI === 'true';

/** PostgreSQL lanes are skipped (with a warning) when it is down, except in CI. */
async function isPostgresReachable(): Promise<boolean> {
  try {
    await (await freshDatabaseUrl('postgres')).dispose();
    return true;
  } catch {
    if (isCi) throw new Error('CI=true but PostgreSQL is not reachable');
    console.warn('\n⚠️  PostgreSQL is not reachable: its attack lane is SKIPPED.\n');
    return false;
  }
}

export interface Lane {
  name: string;
  dialect: Dialect;
  skip: boolean;
}

const postgresReachable = await isPostgresReachable();
export const databaseLanes: Lane[] = [
  { name: 'sqlite', dialect: 'sqlite', skip: false },
  { name: 'postgres', dialect: 'postgres', skip: !postgresReachable },
];

export interface AttackServer {
  server: SiteServer;
  databaseUrl: string;
  /** Stops the server and drops its database. */
  stop: () => Promise<void>;
}

/** A real server on a fresh database of the lane's kind; DEMO=off unless asked. */
export async function startAttackServer(options: {
  dialect: Dialect;
  env?: Record<string, string>;
  /** Load the demo newsroom (stories, sections, tags, authors) on start. */
  isDemo?: boolean;
  databaseUrl?: string;
}): Promise<AttackServer> {
  const database = options.databaseUrl
    ? { url: options.databaseUrl, dispose: () => Promise.resolve() }
    : await freshDatabaseUrl(options.dialect);
  try {
    const server = await startSiteServer({
      env: {
        DATABASE_URL: database.url,
        DEMO: options.isDemo ? 'auto' : 'off',
        ...options.env,
      },
    });
    return {
      server,
      databaseUrl: database.url,
      stop: async () => {
        await server.stop();
        await database.dispose();
      },
    };
  } catch (error) {
    await database.dispose();
    throw error;
  }
}

const run = randomBytes(3).toString('hex');
let staffCount = 0;

export interface Login {
  email: string;
  password: string;
  name: string;
}

/** A staff account made with `masthead user create`, as an operator would. */
export async function createStaff(
  databaseUrl: string,
  role: 'owner' | 'administrator' | 'editor' | 'author' | 'contributor',
  label: string = role,
): Promise<Login> {
  staffCount += 1;
  const login = {
    email: `${label}-${staffCount}-${run}@newsroom.example`,
    password: `correct horse ${label} ${run}`,
    name: `${label} ${staffCount}`,
  };
  await runMasthead(
    ['user', 'create', '--email', login.email, '--name', login.name, '--role', role].concat([
      '--password',
      login.password,
    ]),
    { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
  );
  return login;
}

/** What a caller sees: status, headers, the body as text and parsed when it is JSON. */
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown> & { errors?: Array<{ code: string; message: string }> };
}

export async function answerOf(response: Response): Promise<Answer> {
  const text = await response.text();
  let json: Answer['json'] = {};
  try {
    json = JSON.parse(text) as Answer['json'];
  } catch {
    // Not JSON: HTML, XML or empty.
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** Calls the Admin API as one caller: a session (cookie + CSRF token), a Bearer token or nobody. */
export interface AdminClient {
  call: (method: string, path: string, body?: unknown) => Promise<Answer>;
  /** The headers it authenticates with (for raw requests). */
  headers: Record<string, string>;
}

export function adminClient(server: SiteServer, headers: Record<string, string> = {}): AdminClient {
  return {
    headers,
    call: async (method, path, body) =>
      answerOf(
        await fetch(server.url(`${adminApi}${path}`), {
          method,
          headers: {
            origin: server.origin,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...headers,
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      ),
  };
}

/** Signs in through POST /session; the client carries the cookie and the CSRF token. */
export async function signIn(server: SiteServer, login: Login): Promise<AdminClient> {
  const response = await fetch(server.url(`${adminApi}/session`), {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.origin },
    body: JSON.stringify({ email: login.email, password: login.password }),
  });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const answer = await answerOf(response);
  if (answer.status !== 200) throw new Error(`sign-in failed: ${answer.status} ${answer.text}`);
  return adminClient(server, { cookie, 'x-csrf-token': String(answer.json.csrfToken) });
}

/** A client acting with an Admin API token. */
export const tokenClient = (server: SiteServer, secret: string): AdminClient =>
  adminClient(server, { authorization: `Bearer ${secret}` });

/** Waits for the latest mail to `address` the in-process SMTP server received. */
export async function mailTo(
  smtp: SmtpTestServer,
  address: string,
  timeoutMs = 5_000,
): Promise<ReceivedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mail = smtp.received.filter((m) => m.to.includes(address)).at(-1);
    if (mail) return mail;
    if (Date.now() > deadline) throw new Error(`no mail to ${address} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A reader signed in the way readers do: a link by email, its button posted. Returns the cookie. */
export async function memberSignIn(
  server: SiteServer,
  smtp: SmtpTestServer,
  email: string,
): Promise<string> {
  const form = (path: string, fields: Record<string, string>) =>
    fetch(server.url(path), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.origin },
      body: new URLSearchParams(fields).toString(),
    });
  const asked = await form('/signin/', { email });
  if (asked.status !== 200) throw new Error(`sign-in link refused: ${asked.status}`);
  const token = /token=([\w-]+)/.exec((await mailTo(smtp, email)).text)?.[1];
  if (!token) throw new Error('no sign-in link in the mail');
  const confirmed = await form('/signin/confirm', { token });
  const cookie = confirmed.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  if (confirmed.status !== 303 || !cookie) throw new Error(`sign-in failed: ${confirmed.status}`);
  return cookie;
}
