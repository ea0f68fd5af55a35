import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { BackupError, backupDatabase } from '../../platform/db/index.js';
import { CliError, type CliIo } from '../cli-io.js';
import { configFrom } from '../open-for-command.js';

export function registerBackupCommand(program: Command, io: CliIo): void {
  program
    .command('backup')
    .description(
      'write a consistent copy of the database while the server runs (SQLite online backup, or pg_dump)',
    )
    .argument('<file>', 'where to write the backup (a SQLite file, or a pg_dump custom archive)')
    .option('--force', 'replace the file if it exists')
    .action(async (file: string, options: { force?: boolean }) => {
      const config = configFrom(io);
      const destination = resolve(file);
      if (existsSync(destination) && !options.force)
        throw new CliError(`${destination} exists: choose another name or pass --force`);
      const started = Date.now();
      try {
        const result = await backupDatabase(config.database, destination, io.env);
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        const size = (result.bytes / 1024 / 1024).toFixed(1);
        io.out(
          `Backed up the ${config.database.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} database to ${destination} (${size} MB, ${seconds} s).\n` +
            (result.method === 'pg_dump'
              ? 'Restore with: pg_restore --clean --no-owner -d <database> ' + destination + '\n'
              : 'Restore: stop the server and put this file at DATABASE_URL.\n') +
            'Back up MEDIA_DIR (or the media bucket) with it; keep SECRET_KEYS apart, as safely.\n',
        );
      } catch (error) {
        if (error instanceof BackupError) throw new CliError(error.message);
        throw error;
      }
    });
}
