import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { OutboundClient } from '../../platform/http/outbound.js';
import type { GhostImportOptions } from './ghost-import.js';
import type { ImportServices } from './import-phase.js';
import { createImportLinksRepository } from './import-links.repository.js';
import type { WordPressImportOptions } from './wordpress-import.js';
import { redirectKeyOf } from './redirect-path.js';
import type { ImportReport } from './import-report.js';
import type { RedirectPattern } from './redirect-patterns.js';
import {
  createRedirectsRepository,
  patternPrefix,
  type RedirectsSaved,
} from './redirects.repository.js';
import type { ImportEntity } from './import-entity.js';
import type { ImportsTables, RedirectsTable } from './imports.table.js';

/** Moving in from other platforms (issue #15), and the ids items keep from there. */
export function createImportsService(deps: {
  db: Kysely<ImportsTables>;
  clock: Clock;
  services: ImportServices;
  /** Downloads for `import wordpress --fetch-media` (the outbound guard). */
  outbound?: Pick<OutboundClient, 'get'>;
}) {
  const links = createImportLinksRepository(deps.db);
  const redirects = createRedirectsRepository(deps.db);
  // Pattern redirects are few and rarely change: read at most every 30 s per process.
  let patterns: { at: number; list: Promise<RedirectPattern[]> } | undefined;
  const currentPatterns = () => {
    const now = Date.now();
    if (!patterns || now - patterns.at > 30_000)
      patterns = { at: now, list: redirects.patterns().catch(() => []) };
    return patterns.list;
  };
  /**
   * Stores redirects (or, with `dryRun`, only counts what storing them would do). A row whose
   * address the site cannot look up, or that leads to itself, is left out and named in
   * `leftOut` with the reason; when a list names an address twice the later row counts.
   */
  async function saveRedirects(
    rows: ReadonlyArray<{
      from: string;
      to: string;
      status?: number;
      origin: string;
      isPattern?: boolean;
    }>,
    options: { dryRun?: boolean } = {},
  ): Promise<RedirectsSaved & { leftOut: Array<{ from: string; reason: string }> }> {
    const at = deps.clock.now().toISOString();
    const leftOut: Array<{ from: string; reason: string }> = [];
    const byKey = new Map<string, { from: string; row: RedirectsTable }>();
    for (const row of rows) {
      const key = row.isPattern ? `${patternPrefix}${row.from}` : redirectKeyOf(row.from);
      if (key === undefined) {
        leftOut.push({ from: row.from, reason: 'not an address this site can look up' });
        continue;
      }
      if (key === row.to) {
        leftOut.push({ from: row.from, reason: 'leads to itself' });
        continue;
      }
      const earlier = byKey.get(key);
      if (earlier)
        leftOut.push({
          from: earlier.from,
          reason: 'named again further on: the later rule is kept',
        });
      byKey.set(key, {
        from: row.from,
        row: {
          from_path: key,
          to_path: row.to,
          status: row.status ?? 301,
          origin: row.origin,
          created_at: at,
        },
      });
    }
    const stored = [...byKey.values()].map((entry) => entry.row);
    const saved = options.dryRun
      ? await redirects.save(deps.db, stored, { dryRun: true })
      : await deps.db.transaction().execute((trx) => redirects.save(trx, stored));
    patterns = undefined;
    return { ...saved, leftOut };
  }
  // The importers (their parsers: stream-json, saxes, htmlparser2, yaml, re2js) are loaded by
  // the first import, not by every start of the server (issue #14: cold start).
  return {
    async ghost(options: GhostImportOptions): Promise<ImportReport> {
      const { createGhostImporter } = await import('./ghost-import.js');
      return createGhostImporter(deps)(options);
    },
    async wordpress(options: WordPressImportOptions): Promise<ImportReport> {
      const { createWordPressImporter } = await import('./wordpress-import.js');
      return createWordPressImporter(deps)(options);
    },
    /** Ghost ids of imported items (the Ghost Content API shows these), by local id. */
    ghostIdsOf: (entity: ImportEntity, localIds: readonly string[]) =>
      links.externalIdsOf('ghost:', entity, localIds),
    /**
     * Where an old address (a request the site found nothing for) now lives: a 301 target, or
     * undefined. Asked only on the way to a 404, so ordinary pages never pay for it.
     */
    async redirectFor(url: string): Promise<{ location: string; status: number } | undefined> {
      const key = redirectKeyOf(url);
      if (key === undefined) return undefined;
      const found = await redirects.find(key);
      if (found) return { location: found.toPath, status: found.status };
      const list = await currentPatterns();
      // Patterns see the path as requested (its trailing slash is part of what they capture).
      const path = new URL(url, 'http://old.invalid').pathname;
      if (list.length === 0) return undefined;
      const { matchPattern } = await import('./redirect-patterns.js');
      return matchPattern(list, path);
    },
    /** Keeps old addresses (paths, or WordPress's `/?p=12` forms) answering with a redirect. */
    saveRedirects,
    /** Ghost's redirects file (JSON or YAML) into the redirects table; reported. */
    async importGhostRedirects(file: string, report: ImportReport): Promise<void> {
      const { readGhostRedirects } = await import('./ghost-redirects.js');
      const rules = await readGhostRedirects(file, report);
      const saved = await saveRedirects(
        rules.map((r) => ({ ...r, origin: 'ghost' })),
        { dryRun: report.dryRun },
      );
      report.count('redirects', 'created', saved.created);
      report.count('redirects', 'updated', saved.updated);
      report.count('redirects', 'unchanged', saved.unchanged);
      report.count('redirects', 'skipped', saved.leftOut.length);
      for (const line of saved.leftOut)
        report.note(`redirect "${line.from}"`, 'whole item', line.reason);
    },
    /** The local item a Ghost id was imported as. */
    localIdOfGhost: (entity: ImportEntity, ghostId: string) =>
      links.localIdOf('ghost:', entity, ghostId),
  };
}
export type ImportsService = ReturnType<typeof createImportsService>;
