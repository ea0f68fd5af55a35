import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { build, isBuildStale } from '../../scripts/build.js';
import { freePort, spawnMasthead, waitFor, type Spawned } from '../helpers/masthead-process.js';

/** A real `masthead start` on a fresh SQLite database holding the demo newsroom. */
export interface SiteServer {
  /** `http://127.0.0.1:<port>` without a trailing slash. */
  origin: string;
  /** The SQLite file the server uses, for finding fixtures (read-only). */
  databasePath: string;
  /** Everything the server printed so far. */
  output: () => string;
  /** An absolute URL for a site path such as `/news/`. */
  url: (path: string) => string;
  stop: () => Promise<void>;
  /** `kill -9`: the process dies at once, mid-request (fault tests); stop() still cleans up. */
  kill: () => Promise<void>;
}

/**
 * Builds `dist/` if a source is newer than the last build, then starts the compiled server the
 * way `npm start` does (`node bin/masthead.js start`) on a free port and a temp database. The demo
 * newsroom loads on start (DEMO=auto on an empty database).
 */
export async function startSiteServer(
  options: {
    /** Extra environment, e.g. SMTP_URL or the Stripe stand-in's variables. */
    env?: Record<string, string>;
    /** A port chosen beforehand (freePort()), when something must know the address first. */
    port?: number;
  } = {},
): Promise<SiteServer> {
  if (isBuildStale()) {
    try {
      build({ quiet: true });
    } catch {
      // The compiler printed its errors above (stdio is inherited).
      throw new Error(
        'the build failed: dist/ could not be compiled (run npm run build to see why)',
      );
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'masthead-e2e-'));
  const databasePath = join(dir, 'masthead.db');
  const port = options.port ?? (await freePort());
  const server: Spawned = spawnMasthead(['start'], {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: databasePath,
    MEDIA_DIR: join(dir, 'media'),
    DEMO: 'auto',
    LOG_LEVEL: 'warn',
    ...options.env,
  });
  const stop = async () => {
    if (server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGTERM');
      const timer = setTimeout(() => server.child.kill('SIGKILL'), 10_000);
      await server.exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  let exitedEarly = false;
  void server.exited.then(() => (exitedEarly = true));
  try {
    await waitFor(
      () => {
        if (exitedEarly) throw new Error(`masthead start exited early:\n${server.output()}`);
        return server.output().includes('Masthead is running');
      },
      150_000,
      server.output,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    databasePath,
    output: server.output,
    url: (path) => new URL(path, origin).href,
    stop,
    kill: async () => {
      if (server.child.exitCode !== null || server.child.signalCode !== null) return;
      server.child.kill('SIGKILL');
      await server.exited;
    },
  };
}

/**
 * One row from the server's database, read-only. For fixtures that no reader page points to
 * reliably (a brief, an author with published stories), so each page check stands on its own
 * instead of depending on another page's links.
 */
export function queryOne<Row>(server: SiteServer, sql: string): Row | undefined {
  const db = new Database(server.databasePath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).get() as Row | undefined;
  } finally {
    db.close();
  }
}
