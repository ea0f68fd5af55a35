import type { Command } from 'commander';
import { isAppError } from '../../platform/errors.js';
import { createStaffInputSchema, staffRoles } from '../../features/staff/index.js';
import { parseInput } from '../../platform/validation.js';
import { CliError, type CliIo } from '../cli-io.js';
import { withRuntime } from '../open-for-command.js';

export function registerUserCommands(program: Command, io: CliIo): void {
  const user = program.command('user').description('manage staff accounts');
  user
    .command('create')
    .description(
      'create a staff account (prints a generated password once when --password is not given)',
    )
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--name <name>', 'full name, shown in bylines')
    .requiredOption('--role <role>', `one of ${staffRoles.join(', ')}`)
    .option('--password <password>', 'password (at least 10 characters); generated when omitted')
    .action(async (options: { email: string; name: string; role: string; password?: string }) => {
      await withRuntime(io, async ({ services }) => {
        try {
          const created = await services.staff.create(
            parseInput(createStaffInputSchema, {
              email: options.email,
              name: options.name,
              role: options.role,
              ...(options.password === undefined
                ? { generatePassword: true }
                : { password: options.password }),
            }),
          );
          io.out(
            `Created ${created.user.role} ${created.user.name} <${created.user.email}> (id ${created.user.id})\n`,
          );
          if (created.generatedPassword) {
            io.out(`Password (shown once): ${created.generatedPassword}\n`);
          }
        } catch (error) {
          if (isAppError(error)) {
            const lines =
              error.problems.length > 0
                ? error.problems.map((p) => `--${p.field}: ${p.message}`)
                : [error.message];
            throw new CliError(lines.join('\n'));
          }
          throw error;
        }
      });
    });
}
