import { spawn } from 'node:child_process';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import type { DatabaseTarget } from './open-database.js';

export interface BackupResult {
  /** `sqlite-online-backup` or `pg_dump` (custom format: restore with pg_restore). */
  readonly method: 'sqlite-online-backup' | 'pg_dump';
  readonly bytes: number;
}

/** A backup could not be made; the message says why and what to do. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/**
 * A consistent copy of the database while the server runs. SQLite: the online backup API, page
 * by page, so writers are not held up and the copy is one moment's state (copying the file would
 * not be). PostgreSQL: `pg_dump --format=custom` (PostgreSQL's client tools must be installed).
 * The copy is written beside `destination` and renamed into place only when complete, so an
 * interrupted backup never looks like a good one.
 */
export async function backupDatabase(
  target: DatabaseTarget,
  destination: string,
  /** pg_dump's environment (PATH, PG* variables): the caller's, passed in. */
  environment: Readonly<Record<string, string | undefined>> = {},
): Promise<BackupResult> {
  const partial = `${destination}.partial`;
  rmSync(partial, { force: true });
  try {
    if (target.dialect === 'sqlite') {
      if (target.file === ':memory:' || !existsSync(target.file))
        throw new BackupError(`no SQLite database at ${target.file}`);
      const source = new SQLite(target.file, { readonly: true, fileMustExist: true });
      try {
        await source.backup(partial);
      } finally {
        source.close();
      }
    } else {
      await pgDump(target.url, partial, environment);
    }
    renameSync(partial, destination);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  return {
    method: target.dialect === 'sqlite' ? 'sqlite-online-backup' : 'pg_dump',
    bytes: statSync(destination).size,
  };
}

function pgDump(
  databaseUrl: string,
  file: string,
  environment: Readonly<Record<string, string | undefined>>,
): Promise<void> {
  // libpq reads `options` itself but not its `+`-for-space form: hand it over as PGOPTIONS, and
  // a database confined to one schema (search_path) dumps that schema only.
  const url = new URL(databaseUrl);
  const options = url.searchParams.get('options');
  url.searchParams.delete('options');
  const schema = /search_path=([^\s,]+)/.exec(options ?? '')?.[1];
  const args = ['--format=custom', '--no-owner', `--file=${file}`];
  if (schema) args.push(`--schema=${schema}`);
  return new Promise((resolve, reject) => {
    const child = spawn('pg_dump', [...args, url.toString()], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...environment, ...(options ? { PGOPTIONS: options } : {}) },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new BackupError(
              'pg_dump was not found: install PostgreSQL client tools of the server’s major version (e.g. apt-get install postgresql-client)',
            )
          : error,
      ),
    );
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new BackupError(`pg_dump failed (exit ${code}): ${stderr.trim().slice(0, 500)}`)),
    );
  });
}
