import { Option, type Command } from 'commander';
import { copyFiles, LocalDiskStorage } from '../../platform/storage/index.js';
import { s3StorageFor } from '../../runtime/media-storage.js';
import { CliError, type CliIo } from '../cli-io.js';
import { configFrom, withRuntime } from '../open-for-command.js';
import { createProgress } from '../progress.js';

/** Failed files printed by name before summing up the rest. */
const shownFailures = 20;

export function registerMediaCommands(program: Command, io: CliIo): void {
  const media = program.command('media').description('manage stored media files');
  media
    .command('copy')
    .description(
      'copy the local media folder (MEDIA_DIR) into the S3 bucket (S3_*), keeping keys; files the bucket already holds at the same size are skipped, so an interrupted copy resumes and a second run copies nothing. Then set MEDIA_STORAGE=s3',
    )
    .addOption(new Option('--to <store>', 'where to copy to').choices(['s3']).makeOptionMandatory())
    .action(async () => {
      const config = configFrom(io);
      if (!config.media.s3)
        throw new CliError('S3_BUCKET: must be set (with the other S3_* variables) to copy to S3');
      const from = new LocalDiskStorage(config.media.dir);
      const to = await s3StorageFor(config.media.s3);
      const progress = createProgress(io);
      try {
        const report = await copyFiles({
          from,
          to,
          onProgress: (done, total) => progress.update('copying media', done, total),
        });
        progress.finish();
        io.out(
          `copied ${report.copied}, skipped ${report.skipped} already in bucket ${config.media.s3.bucket}, failed ${report.failed.length}\n`,
        );
        for (const { key, error } of report.failed.slice(0, shownFailures))
          io.err(`  ${key}: ${(error as Error).message}\n`);
        if (report.failed.length > shownFailures)
          io.err(`  … and ${report.failed.length - shownFailures} more\n`);
        if (report.failed.length > 0)
          throw new CliError('some files were not copied; run the command again to retry them');
      } finally {
        progress.finish();
        to.close();
      }
    });

  media
    .command('variants')
    .description(
      'make every resized copy of every image that media storage does not hold yet. Needed once after setting MEDIA_PUBLIC_URL on media uploaded before (pages then link copies at that address, where nothing can make them on request; the server also does it in the background at its first start with the new address). Safe to run again: copies already stored are skipped',
    )
    .action(async () => {
      await withRuntime(io, async ({ services }) => {
        const total = await services.media.count();
        const progress = createProgress(io);
        const report = await services.media.fillVariants({
          onProgress: (done) => progress.update('making resized copies', done, total),
        });
        progress.finish();
        io.out(
          `${report.items} media items checked, ${report.made} resized copies made, ${report.failed.length} items failed\n`,
        );
        for (const { id, error } of report.failed.slice(0, shownFailures))
          io.err(`  ${id}: ${(error as Error).message}\n`);
        if (report.failed.length > shownFailures)
          io.err(`  … and ${report.failed.length - shownFailures} more\n`);
        if (report.failed.length > 0)
          throw new CliError('some items have no copies; run the command again to retry them');
      });
    });
}
