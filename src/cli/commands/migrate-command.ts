import type { Command } from 'commander';
import { migrations } from '../../../migrations/index.js';
import {
  databaseOpenError,
  migrateToLatest,
  migrationStatus,
  openDatabase,
} from '../../platform/db/index.js';
import type { CliIo } from '../cli-io.js';
import { configFrom } from '../open-for-command.js';

export function registerMigrateCommand(program: Command, io: CliIo): void {
  program
    .command('migrate')
    .description('apply pending database migrations (or list them with --status)')
    .option('--status', 'list applied and pending migrations without applying anything')
    .action(async (options: { status?: boolean }) => {
      const config = configFrom(io);
      const database = openDatabase(
        config.database.dialect === 'sqlite'
          ? { dialect: 'sqlite', file: config.database.file }
          : { dialect: 'postgres', url: config.database.url },
      );
      try {
        const db = database.db;
        if (options.status) {
          const status = await migrationStatus(db, migrations);
          for (const name of status.applied) io.out(`applied  ${name}\n`);
          for (const name of status.pending) io.out(`pending  ${name}\n`);
          return;
        }
        const applied = await migrateToLatest(db, migrations);
        io.out(
          applied.length === 0
            ? 'Database is up to date.\n'
            : applied.map((n) => `applied  ${n}\n`).join(''),
        );
      } catch (error) {
        throw databaseOpenError(error, config.database);
      } finally {
        await database.close();
      }
    });
}
