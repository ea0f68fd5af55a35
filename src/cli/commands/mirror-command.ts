import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { mirrorNewsroom, type MirrorReport } from '../../runtime/mirror/index.js';
import { CliError, type CliIo } from '../cli-io.js';
import { withRuntime } from '../open-for-command.js';

/** Failed addresses printed by name before summing up the rest. */
const shownFailures = 20;

/** `--base-url`: an http(s) address without query or fragment, kept without its trailing slash. */
function parseBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CliError(`--base-url: "${value}" is not a URL (e.g. https://mirror.example.org)`);
  }
  if (!/^https?:$/.test(url.protocol) || url.search || url.hash)
    throw new CliError('--base-url: must be an http(s) address without ? or #');
  return url.href.replace(/\/+$/, '');
}

export function describeMirrorReport(report: MirrorReport, dir: string, seconds: number): string {
  const kind =
    report.mode === 'full'
      ? `Full mirror${report.fullBecause ? ` (${report.fullBecause})` : ''}`
      : `Incremental mirror (${report.events} event${report.events === 1 ? '' : 's'} since the last run)`;
  return (
    `${kind} in ${dir}: ${report.rendered} addresses rendered, ${report.written.length} files written, ` +
    `${report.unchanged} unchanged, ${report.removed.length} removed, ${report.failed.length} failed ` +
    `(${seconds.toFixed(1)} s; last event ${report.lastEventId ?? 'none'}).\n`
  );
}

export function registerMirrorCommand(program: Command, io: CliIo): void {
  program
    .command('mirror')
    .description(
      'write the public site as static files any web server or object store can serve (a mirror domain, an onion service, a CDN origin); see docs/mirror.md',
    )
    .requiredOption(
      '--out <dir>',
      'the folder to write (made if missing; its state file is kept there)',
    )
    .option(
      '--base-url <url>',
      'where the mirror will be served: links become absolute on it (default: relative links, which work anywhere, even from disk)',
    )
    .addOption(
      new Option(
        '--since <when>',
        'only what changed since the last run in this folder (by the outbox); a full run when there was none',
      ).choices(['last']),
    )
    .option('--verbose', 'list every file written and removed')
    .action(
      async (options: { out: string; baseUrl?: string; since?: 'last'; verbose?: boolean }) => {
        const dir = resolve(options.out);
        const baseUrl = options.baseUrl === undefined ? undefined : parseBaseUrl(options.baseUrl);
        const started = Date.now();
        const report = await withRuntime(io, (runtime) =>
          mirrorNewsroom(runtime, { dir, baseUrl, since: options.since }),
        );
        io.out(describeMirrorReport(report, dir, (Date.now() - started) / 1000));
        if (options.verbose) {
          for (const file of report.written) io.out(`  wrote ${file}\n`);
          for (const file of report.removed) io.out(`  removed ${file}\n`);
        }
        for (const { url, status } of report.failed.slice(0, shownFailures))
          io.err(`  ${url}: answered ${status}, its old file (if any) kept\n`);
        if (report.failed.length > shownFailures)
          io.err(`  … and ${report.failed.length - shownFailures} more\n`);
        if (report.failed.length > 0)
          throw new CliError('some pages could not be rendered; the next run tries them again');
      },
    );
}
