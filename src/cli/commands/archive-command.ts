import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import type * as NewsroomArchive from '../../runtime/newsroom-archive/index.js';
import type * as GhostExport from '../../runtime/ghost-export/index.js';
import { CliError, type CliIo } from '../cli-io.js';
import { withRuntime } from '../open-for-command.js';
import { createProgress } from '../progress.js';

const stamp = (now: Date) => now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
const defaultOutput = (now: Date) => `masthead-export-${stamp(now)}.tar.gz`;

/** `masthead export --format ghost`: decision 0020. */
// Loaded by the command that uses them (tar and the exporters), not by every `masthead start`.
const newsroomArchive = (): Promise<typeof NewsroomArchive> =>
  import('../../runtime/newsroom-archive/index.js');
const ghostExport = (): Promise<typeof GhostExport> =>
  import('../../runtime/ghost-export/index.js');

async function exportGhostCommand(io: CliIo, output: string | undefined): Promise<void> {
  const { exportGhost, isGhostExportName } = await ghostExport();
  if (output !== undefined && !isGhostExportName(output))
    throw new CliError(`--output ${output}: a Ghost export is a .json or a .tar.gz file`);
  await withRuntime(io, async ({ db, services, clock, storage }) => {
    const now = clock.now();
    const file = resolve(output ?? `ghost-export-${stamp(now)}.tar.gz`);
    if (existsSync(file)) throw new CliError(`${file} exists: choose another name`);
    const progress = createProgress(io);
    const report = await exportGhost({
      db,
      storage,
      services,
      file,
      now,
      onProgress: progress.update,
    });
    progress.finish();
    await services.audit.log({
      actor: 'system',
      action: 'newsroom.exported',
      subjectType: 'newsroom',
      details: { via: 'cli', format: 'ghost', file: basename(file), rows: report.counts },
    });
    const counts = Object.entries(report.counts)
      .map(([table, rows]) => `${table} ${rows.toLocaleString('en-US')}`)
      .join(', ');
    io.out(
      `Exported for Ghost to ${file} (mode 0600): ${counts}; ${report.images.files} images` +
        (report.members === null
          ? ''
          : `, ${report.members.toLocaleString('en-US')} members (members.csv)`) +
        '.\n' +
        (report.images.missing.length > 0
          ? `Not in storage, so not exported: ${report.images.missing.join(', ')}\n`
          : '') +
        report.notes.map((note) => `- ${note}\n`).join(''),
    );
  });
}

/**
 * `masthead export` and `masthead import masthead` (issue #15 item 4): the whole newsroom in one
 * versioned archive (docs/decisions/0019-export-format.md), and back into an empty database.
 */
export function registerArchiveCommands(program: Command, io: CliIo): void {
  program
    .command('export')
    .description(
      'write the whole newsroom (content, staff without secrets, members, media files) to one .tar.gz (mode 0600)',
    )
    .option('--output <file>', 'where to write it (default: masthead-export-<time>.tar.gz)')
    .option(
      '--format <format>',
      'masthead (everything, to import back with `import masthead`) or ghost (a Ghost 5.x import: .json, or .tar.gz with images and members.csv)',
      'masthead',
    )
    .action(async (options: { output?: string; format: string }) => {
      if (options.format === 'ghost') return exportGhostCommand(io, options.output);
      if (options.format !== 'masthead')
        throw new CliError(`--format ${options.format} is not offered: use masthead or ghost`);
      await withRuntime(io, async ({ db, services, clock, storage }) => {
        const now = clock.now();
        const file = resolve(options.output ?? defaultOutput(now));
        if (existsSync(file)) throw new CliError(`${file} exists: choose another name`);
        const progress = createProgress(io);
        const { exportNewsroom } = await newsroomArchive();
        const manifest = await exportNewsroom({
          db,
          storage,
          file,
          now,
          onProgress: progress.update,
        });
        progress.finish();
        // The archive holds every member's email: who took one, and when, is on record.
        await services.audit.log({
          actor: 'system',
          action: 'newsroom.exported',
          subjectType: 'newsroom',
          details: {
            via: 'cli',
            file: basename(file),
            rows: Object.fromEntries(manifest.tables.map((t) => [t.name, t.rows])),
            mediaFiles: manifest.media.files,
          },
        });
        const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
        io.out(
          `Exported ${rows.toLocaleString('en-US')} rows from ${manifest.tables.length} tables and ${manifest.media.files.toLocaleString('en-US')} media files to ${file} (mode 0600).\n` +
            (manifest.media.missing.length > 0
              ? `Not in storage, so not exported: ${manifest.media.missing.join(', ')}\n`
              : '') +
            'It holds every member’s email address: keep it as safely as the database.\n',
        );
      });
    });

  const imports =
    program.commands.find((c) => c.name() === 'import') ??
    program
      .command('import')
      .description('move in from another platform, or from a Masthead export');
  imports
    .command('masthead')
    .description('restore a Masthead export into an empty database (ids, times and media kept)')
    .argument('<file>', 'the .tar.gz written by `masthead export`')
    .action(async (file: string) => {
      if (!existsSync(file)) throw new CliError(`Export ${file} is not a file that can be read`);
      await withRuntime(io, async ({ db, services, storage }) => {
        const progress = createProgress(io);
        const { importNewsroom } = await newsroomArchive();
        const result = await importNewsroom({
          db,
          storage,
          services,
          file: resolve(file),
          onProgress: progress.update,
        });
        progress.finish();
        const rows = Object.values(result.rows).reduce((sum, n) => sum + n, 0);
        io.out(
          `Imported ${rows.toLocaleString('en-US')} rows and ${result.mediaFiles.toLocaleString('en-US')} media files (exported ${result.manifest.exportedAt}); indexed ${result.indexedPosts.toLocaleString('en-US')} posts for search.\n` +
            'Staff passwords and second factors are not in an export: each staff member sets a password with "Forgot password".\n',
        );
      });
    });
}
