import { writeFile } from 'node:fs/promises';
import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { isAppError } from '../../platform/errors.js';
import { CliError, type CliIo } from '../cli-io.js';
import { collectGarbageSooner } from '../import-heap.js';
import { withRuntime } from '../open-for-command.js';
import { createProgress } from '../progress.js';
import { systemActor } from '../../features/staff/index.js';
import { isImagesArchive, openImagesFolder } from '../../features/imports/index.js';

interface GhostCommandOptions {
  siteUrl: string;
  images?: string;
  members?: string;
  redirects?: string;
  report?: string;
  dryRun?: boolean;
  overwrite?: boolean;
  inviteStaff?: boolean;
}

async function mustExist(path: string, what: string, kind: 'file' | 'dir'): Promise<void> {
  const found = await stat(path).catch(() => undefined);
  if (!found || (kind === 'file' ? !found.isFile() : !found.isDirectory()))
    throw new CliError(
      `${what} ${path} is not a ${kind === 'file' ? 'file' : 'folder'} that can be read`,
    );
}

/**
 * The progress of an import on a terminal: the file read, then posts and pages with their bar
 * and the images copied beside them. Nothing when stderr is a log or a pipe: the report is what
 * belongs there.
 */
const importProgress = (io: CliIo) =>
  createProgress(io, {
    labels: { reading: 'reading the export', posts: 'posts and pages', media: 'images' },
    beside: ['media'],
    whenPiped: 'silent',
  });

/**
 * `masthead import ghost EXPORT.json`: content, staff, sections, newsletters and images from
 * Ghost (issue #15). The report (counts per kind, and every item or block not carried over with
 * the reason) is printed at the end, and written as JSON with --report.
 */
export function registerImportCommands(program: Command, io: CliIo): void {
  const imports = program
    .command('import')
    .description(
      'move in from another platform (Ghost); running an import again updates, never duplicates',
    )
    // Before every import subcommand: keep the heap near what is live (see import-heap.ts).
    .hook('preAction', () => collectGarbageSooner());
  imports
    .command('ghost')
    .description('import a Ghost export (Admin → Settings → Export, Ghost 4.x–6.x)')
    .argument('<export>', 'the export JSON file (or .json.gz)')
    .option(
      '--site-url <url>',
      "the old site's address, for __GHOST_URL__ and absolute links",
      'https://ghost.invalid',
    )
    .option(
      '--images <dir|file.tar.gz>',
      "Ghost's content/images folder (or a .tar.gz of it), copied into the media library",
    )
    .option(
      '--members <file>',
      "Ghost's members CSV export, imported with `members import --mode upsert`",
    )
    .option(
      '--redirects <file>',
      "Ghost's redirects.json or redirects.yaml; patterns run on a linear-time engine",
    )
    .option('--report <file>', 'also write the report as JSON to this file')
    .option('--dry-run', 'read everything and print the report without writing')
    .option(
      '--overwrite',
      "replace posts edited in Masthead since the last import, and the newsroom's own tags and tiers that share a slug",
    )
    .option(
      '--invite-staff',
      'email each imported staff member an invitation (once; without it they stay suspended)',
    )
    .action(async (file: string, options: GhostCommandOptions) => {
      await mustExist(file, 'Export', 'file');
      if (options.images)
        await mustExist(
          options.images,
          isImagesArchive(options.images) ? 'Images archive' : 'Images folder',
          isImagesArchive(options.images) ? 'file' : 'dir',
        );
      if (options.members) await mustExist(options.members, 'Members file', 'file');
      if (options.redirects) await mustExist(options.redirects, 'Redirects file', 'file');
      if (!/^https?:\/\/[^/]+/.test(options.siteUrl))
        throw new CliError('--site-url must be an http(s) address, e.g. https://news.example');
      const images = options.images
        ? await openImagesFolder(options.images).catch((error: Error) => {
            throw new CliError(
              `Images archive ${options.images} cannot be unpacked: ${error.message}`,
            );
          })
        : undefined;
      try {
        await importGhost(file, options, images?.dir);
      } finally {
        await images?.close();
      }
    });

  async function importGhost(file: string, options: GhostCommandOptions, imagesDir?: string) {
    await withRuntime(io, async ({ services, config }) => {
      const progress = importProgress(io);
      try {
        const report = await services.imports.ghost({
          file,
          siteUrl: options.siteUrl,
          ...(imagesDir ? { imagesDir } : {}),
          dryRun: options.dryRun === true,
          overwrite: options.overwrite === true,
          ...(options.inviteStaff
            ? {
                invite: (staffUserId: string) =>
                  services.staffAuth.invitations.inviteImported(systemActor, staffUserId, {
                    ip: 'cli',
                    publicUrl: config.publicUrl,
                  }),
              }
            : {}),
          onProgress: progress.update,
        });
        progress.finish();
        if (options.redirects) {
          try {
            await services.imports.importGhostRedirects(options.redirects, report);
          } catch (error) {
            throw new CliError((error as Error).message);
          }
        }
        if (options.members && !options.dryRun) {
          const { readFile } = await import('node:fs/promises');
          const members = await services.memberAdmin.importCsv(
            await readFile(options.members, 'utf8'),
            { skipInvalid: true, mode: 'upsert', actor: 'cli' },
          );
          report.count('members', 'found', members.total);
          report.count('members', 'created', members.imported);
          report.count('members', 'updated', members.updated);
          report.count('members', 'unchanged', members.unchanged);
          report.count('members', 'skipped', members.skipped.length + members.invalid);
          for (const p of members.problems) report.note(`member row ${p.row}`, p.field, p.message);
        }
        if (!options.dryRun)
          await services.settings.putInternalAnnounced('lastImport', new Date().toISOString());
        io.out(`${report.toText()}\n`);
        if (options.report)
          await writeFile(options.report, `${JSON.stringify(report.toJSON(), null, 2)}\n`);
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
  }

  imports
    .command('wordpress')
    .description('import a WordPress export (Tools → Export, WXR 1.1/1.2)')
    .argument('<export>', 'the WXR file')
    .option('--media-dir <dir>', "the old site's wp-content/uploads folder, copied into media")
    .option(
      '--fetch-media',
      'download images not in --media-dir from the old site (public addresses only)',
    )
    .option('--report <file>', 'also write the report as JSON to this file')
    .option('--dry-run', 'read everything and print the report without writing')
    .option('--overwrite', 'replace posts edited in Masthead since the last import')
    .action(
      async (
        file: string,
        options: {
          mediaDir?: string;
          fetchMedia?: boolean;
          report?: string;
          dryRun?: boolean;
          overwrite?: boolean;
        },
      ) => {
        await mustExist(file, 'Export', 'file');
        if (options.mediaDir) await mustExist(options.mediaDir, 'Media folder', 'dir');
        await withRuntime(io, async ({ services }) => {
          const progress = importProgress(io);
          try {
            const report = await services.imports.wordpress({
              file,
              ...(options.mediaDir ? { mediaDir: options.mediaDir } : {}),
              fetchMedia: options.fetchMedia === true,
              dryRun: options.dryRun === true,
              overwrite: options.overwrite === true,
              onProgress: progress.update,
            });
            progress.finish();
            if (!options.dryRun)
              await services.settings.putInternalAnnounced('lastImport', new Date().toISOString());
            io.out(`${report.toText()}\n`);
            if (options.report)
              await writeFile(options.report, `${JSON.stringify(report.toJSON(), null, 2)}\n`);
          } catch (error) {
            if (isAppError(error))
              throw new CliError(
                error.problems.map((p) => `${p.field}: ${p.message}`).join('\n') || error.message,
              );
            throw new CliError((error as Error).message);
          } finally {
            progress.finish();
          }
        });
      },
    );
}
