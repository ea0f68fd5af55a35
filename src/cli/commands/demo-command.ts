import type { Command } from 'commander';
import type * as Demo from '../../demo/index.js';
import { isAppError } from '../../platform/errors.js';
import { refreshSitemapParts } from '../../web/site/feeds/sitemap-index.js';
import { CliError, type CliIo } from '../cli-io.js';
import { withRuntime } from '../open-for-command.js';
import { createProgress, formatDuration } from '../progress.js';

const count = (name: string, max: number) => (value: string) => {
  if (!/^\d+$/.test(value) || Number(value) > max)
    throw new CliError(`--${name} must be a whole number from 0 to ${max.toLocaleString('en-US')}`);
  return Number(value);
};

/** The demo's content and image renderer (sharp), loaded by these commands only. */
const demoModule = (): Promise<typeof Demo> => import('../../demo/index.js');

export function registerDemoCommands(program: Command, io: CliIo): void {
  const demo = program.command('demo').description('load or remove the generated demo newsroom');
  demo
    .command('load')
    .description(
      'load the demo newsroom into an empty database (scales to 1M articles for benchmarks)',
    )
    .option('--articles <n>', 'number of articles', count('articles', 2_000_000), 300)
    .option('--briefs <n>', 'number of News Feed items', count('briefs', 2_000_000), 150)
    .option('--seed <seed>', 'seed for the generated content', '2025')
    .action(async (options: { articles: number; briefs: number; seed: string }) => {
      await withRuntime(io, async ({ services, clock }) => {
        if ((await services.staff.count()) > 0) {
          throw new CliError(
            'The database already has staff: the demo loads only into an empty database.\nRemove it with "masthead demo remove" or use a fresh DATABASE_URL.',
          );
        }
        const started = Date.now();
        // Each step's rate and time left start when it does (after the staff and photos), so
        // they are the stories' own.
        const progress = createProgress(io);
        const { loadDemoNewsroom } = await demoModule();
        const result = await loadDemoNewsroom(services, {
          now: clock.now(),
          seed: options.seed,
          articles: options.articles,
          briefs: options.briefs,
          onProgress: progress.update,
        });
        progress.finish();
        // Where the stories sitemap's parts start, worked out once now rather than by the
        // server's first job run (a pass over every story, 1M of them after a big load).
        const startedSitemap = Date.now();
        await refreshSitemapParts(services, { isFull: true });
        const { setup, stories, statistics } = result.timings;
        const seconds = (ms: number) => formatDuration(ms / 1000);
        io.out(
          `Loaded ${result.counts.articles.toLocaleString('en-US')} articles, ${result.counts.briefs.toLocaleString('en-US')} briefs, ` +
            `${result.counts.staff} staff and ${result.counts.sections} sections in ${seconds(Date.now() - started)} ` +
            `(setup ${seconds(setup)}, stories ${seconds(stories)}, statistics ${seconds(statistics)}, ` +
            `sitemap ${seconds(Date.now() - startedSitemap)}).\n` +
            `Owner: ${result.owner.email}\nPassword (shown once): ${result.owner.password}\n`,
        );
      });
    });
  demo
    .command('remove')
    .description('remove the demo newsroom (its stories, staff, sections, photos and drive)')
    .action(async () => {
      await withRuntime(io, async ({ services }) => {
        try {
          const { removeDemoNewsroom } = await demoModule();
          const result = await removeDemoNewsroom(services);
          io.out(
            `Removed ${result.posts.toLocaleString('en-US')} stories and ${result.staff} staff accounts.\n`,
          );
        } catch (error) {
          if (isAppError(error)) throw new CliError(error.message);
          throw error;
        }
      });
    });
}
