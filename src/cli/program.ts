import { Command, CommanderError } from 'commander';
import { OperatorError } from '../platform/errors.js';
import { CliError, type CliIo } from './cli-io.js';
import { registerArchiveCommands } from './commands/archive-command.js';
import { registerBackupCommand } from './commands/backup-command.js';
import { registerDemoCommands } from './commands/demo-command.js';
import { registerDoctorCommand } from './commands/doctor-command.js';
import { registerImportCommands } from './commands/import-command.js';
import { registerMediaCommands } from './commands/media-command.js';
import { registerMembersCommands } from './commands/members-command.js';
import { registerMigrateCommand } from './commands/migrate-command.js';
import { registerMirrorCommand } from './commands/mirror-command.js';
import { registerSecretsCommands } from './commands/secrets-command.js';
import { registerStartCommand } from './commands/start-command.js';
import { registerTokenCommands } from './commands/token-command.js';
import { registerUserCommands } from './commands/user-command.js';

export function createProgram(io: CliIo): Command {
  const program = new Command('masthead')
    .description('Masthead: the publishing platform for reader-funded newsrooms')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  registerStartCommand(program, io);
  registerMigrateCommand(program, io);
  registerDemoCommands(program, io);
  registerUserCommands(program, io);
  registerTokenCommands(program, io);
  registerDoctorCommand(program, io);
  registerMembersCommands(program, io);
  registerMediaCommands(program, io);
  registerSecretsCommands(program, io);
  registerBackupCommand(program, io);
  registerImportCommands(program, io);
  registerArchiveCommands(program, io);
  registerMirrorCommand(program, io);
  // Subcommands inherit the overrides so their --help and errors are handled the same way.
  for (const command of program.commands) {
    command.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
    for (const sub of command.commands)
      sub.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
  }
  return program;
}

/** Runs the CLI and returns the exit code (the caller decides whether to exit the process). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof OperatorError) {
      io.err(`masthead: ${error.message}\n`);
      return 1;
    }
    if (error instanceof CliError) {
      io.err(`${error.message}\n`);
      return error.exitCode;
    }
    io.err(
      `masthead: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}
