import type { Command } from 'commander';
import { startServer } from '../../runtime/start-server.js';
import type { CliIo } from '../cli-io.js';
import { configFrom } from '../open-for-command.js';

/** How long in-flight requests get to finish after SIGTERM before the process exits anyway. */
const shutdownDeadlineMs = 8000;

export function registerStartCommand(program: Command, io: CliIo): void {
  program
    .command('start')
    .description(
      'start the site, admin and APIs (migrates the database; loads the demo newsroom into an empty one)',
    )
    .action(async () => {
      const config = configFrom(io);
      const server = await startServer(config, io.out);
      await new Promise<void>((resolve) => {
        const shutdown = (signal: string) => {
          server.runtime.logger.info({ signal }, 'shutting down');
          const deadline = setTimeout(() => {
            io.err(
              `Requests still running after ${shutdownDeadlineMs / 1000} s; exiting anyway.\n`,
            );
            resolve();
          }, shutdownDeadlineMs);
          deadline.unref();
          server
            .stop()
            .catch((error: unknown) =>
              server.runtime.logger.error({ err: error }, 'error while shutting down'),
            )
            .finally(() => {
              clearTimeout(deadline);
              resolve();
            });
        };
        process.once('SIGTERM', () => shutdown('SIGTERM'));
        process.once('SIGINT', () => shutdown('SIGINT'));
      });
    });
}
