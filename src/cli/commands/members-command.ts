import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { once } from 'node:events';
import { Option, type Command } from 'commander';
import { isAppError } from '../../platform/errors.js';
import { memberImportModes, type MemberImportMode } from '../../shared/contracts/member-admin.js';
import { CliError, type CliIo } from '../cli-io.js';
import { withRuntime } from '../open-for-command.js';
import { createProgress } from '../progress.js';

/** How many bad rows an import prints before summing up the rest. */
const shownProblems = 50;

export function registerMembersCommands(program: Command, io: CliIo): void {
  const members = program.command('members').description('import and export members (CSV)');
  members
    .command('import')
    .description(
      'import members from Ghost-compatible CSV; the whole file is checked first and nothing is written when a row is bad (unless --skip-invalid); by default existing emails are skipped (--mode update or upsert changes them)',
    )
    .argument('<file>', 'CSV file with an email column')
    .addOption(
      new Option(
        '--mode <mode>',
        'create: add new emails, leave existing members alone; update: change existing members only (name, note, subscribed_to_emails, newsletters, labels), skip unknown emails; upsert: both. A newsletters column (slugs) sets the lists; without it subscribed_to_emails=true means the default lists',
      )
        .choices(memberImportModes)
        .default('create'),
    )
    .option('--skip-invalid', 'import the valid rows even when some rows are bad')
    .action(async (file: string, options: { skipInvalid?: boolean; mode: MemberImportMode }) => {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        throw new CliError(`Cannot read ${file}: ${(error as Error).message}`);
      }
      await withRuntime(io, async ({ services }) => {
        const progress = createProgress(io);
        try {
          const report = await services.memberAdmin.importCsv(text, {
            skipInvalid: options.skipInvalid === true,
            mode: options.mode,
            actor: 'cli',
            onProgress: (done, total) => progress.update('Importing members', done, total),
          });
          progress.finish();
          for (const p of report.problems.slice(0, shownProblems))
            io.err(`row ${p.row}: ${p.field} ${p.message}\n`);
          if (report.problems.length > shownProblems)
            io.err(`… and ${report.problems.length - shownProblems} more problems\n`);
          for (const skip of report.skipped.slice(0, shownProblems))
            io.err(`row ${skip.row}: skipped, ${skip.reason}\n`);
          if (report.skipped.length > shownProblems)
            io.err(`… and ${report.skipped.length - shownProblems} more rows skipped\n`);
          io.out(
            `${report.total} rows (${report.mode}): ${report.imported} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.skipped.length} skipped, ${report.invalid} invalid\n`,
          );
          if (!report.isImported)
            throw new CliError(
              `Nothing imported: ${report.invalid} rows are invalid (fix them, or run with --skip-invalid)`,
            );
        } catch (error) {
          if (isAppError(error))
            throw new CliError(
              error.problems.map((p) => `${p.field}: ${p.message}`).join('\n') || error.message,
            );
          throw error;
        } finally {
          progress.finish();
        }
      });
    });

  members
    .command('export')
    .description('export every member as Ghost-compatible CSV')
    .option('--output <file>', 'write to this file (default: standard output)')
    .action(async (options: { output?: string }) => {
      await withRuntime(io, async ({ services }) => {
        const rows = services.memberAdmin.exportCsv();
        if (!options.output) {
          for await (const chunk of rows) io.out(chunk);
          return;
        }
        const out = createWriteStream(options.output);
        const total = await services.memberAdmin.count();
        const progress = createProgress(io);
        let done = -1; // the header line
        for await (const chunk of rows) {
          if (!out.write(chunk)) await once(out, 'drain');
          done += chunk === '' ? 0 : chunk.split('\r\n').length - 1;
          progress.update('Exporting members', Math.max(0, done), total);
        }
        out.end();
        await once(out, 'finish');
        progress.finish();
        io.err(`Wrote ${total} members to ${options.output}\n`);
      });
    });
}
