import type { Command } from 'commander';
import { createTokenInputSchema } from '../../features/tokens/index.js';
import { isAppError } from '../../platform/errors.js';
import { parseInput } from '../../platform/validation.js';
import { CliError, type CliIo } from '../cli-io.js';
import { withRuntime } from '../open-for-command.js';

export function registerTokenCommands(program: Command, io: CliIo): void {
  const token = program.command('token').description('manage API tokens');
  token
    .command('create')
    .description(
      'create an Admin API token (or a Content API key with --content); prints it alone on stdout',
    )
    .requiredOption('--name <name>', 'what the token is for, e.g. "Wire importer"')
    .option(
      '--role <role>',
      'staff role the token acts with: administrator, editor, author or contributor',
      'editor',
    )
    .option('--content', 'create a read-only Content API key instead')
    .action(async (options: { name: string; role: string; content?: boolean }) => {
      await withRuntime(io, async ({ services }) => {
        try {
          const created = await services.tokens.create(
            parseInput(
              createTokenInputSchema,
              options.content
                ? { name: options.name, kind: 'content' }
                : { name: options.name, kind: 'admin', role: options.role },
            ),
          );
          io.out(`${created.secret}\n`);
          // On stderr: stdout stays the one line scripts read.
          if (created.ghostKey)
            io.err(
              `The same key in the form Ghost's clients require (26 hex characters): ${created.ghostKey}\n`,
            );
        } catch (error) {
          if (isAppError(error)) {
            throw new CliError(
              error.problems.map((p) => `--${p.field}: ${p.message}`).join('\n') || error.message,
            );
          }
          throw error;
        }
      });
    });
}
