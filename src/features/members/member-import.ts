import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { refreshPlannerStatistics } from '../../platform/db/index.js';
import { validationError } from '../../platform/errors.js';
import type {
  ImportProblem,
  ImportSkip,
  MemberImportMode,
  MemberImportReport,
} from '../../shared/contracts/member-admin.js';
import { CsvSyntaxError, parseCsvWithHeader } from '../../shared/csv.js';
import type { SharedHandle } from './members.service.js';
import type { MembersTables } from './members.table.js';
import {
  validateImportRow,
  type ImportedMember,
  type ImportedSubscriptions,
} from './member-csv.js';
import {
  importBatchSize,
  insertImportBatch,
  takenValues,
  updateImportBatch,
} from './member-import.repository.js';

/**
 * Newsletters, handed in by the composition root (the lists are the newsletters feature's,
 * which depends on members): the slugs a `newsletters` cell may name (every list's, archived
 * too) and how a batch of rows is applied, inside the import's transaction. Returns the members
 * whose lists changed.
 */
export interface ImportNewsletters {
  knownSlugs: ReadonlySet<string>;
  apply(trx: SharedHandle, rows: ImportedSubscriptions[]): Promise<ReadonlySet<string>>;
  /** The tables `apply` writes: their planner statistics are refreshed after an import too. */
  tables?: readonly string[];
}

export interface ImportOptions {
  /** create (default): new emails only; update: existing members only; upsert: both. */
  mode?: MemberImportMode;
  /** Import the valid rows even when some are bad (default: import nothing unless all are valid). */
  skipInvalid?: boolean;
  /** Who imports, kept in each updated member's history (e.g. `staff:<id>`, `cli`). */
  actor?: string;
  /** Called after each batch (inside the import's transaction: throwing aborts it all) with the rows written so far and the rows to write. */
  onProgress?: (done: number, total: number) => void;
  /** The newsletters column and the lists of new members (without it, the column is ignored). */
  newsletters?: ImportNewsletters | undefined;
}

const alreadyMember = 'already a member: left unchanged (create mode)';
const notMember = 'no member has this email: update mode creates no one';
const joinedMeanwhile = 'became a member during the import: left unchanged';
const deletedMeanwhile = 'the member was deleted during the import';

/**
 * Imports members from Ghost-compatible CSV. The whole file is validated first (every cell,
 * emails repeated within the file, Stripe customer ids taken by other members) and the report
 * names every bad row. Nothing is written when a row is bad unless `skipInvalid`; then only the
 * valid rows are. In `create` mode (the default) emails that already belong to a member are
 * skipped, never updated; `update` changes existing members only (name, note, newsletter and
 * labels, from the columns the file has; never status, Stripe customer or join date) and skips
 * unknown emails; `upsert` does both. Rows are written in batches of 1,000 inside one
 * transaction (all or nothing); no outbox event per imported member (an import is not 100,000
 * sign-ups for webhooks to announce); each change is a member event, as the history shows.
 * Newsletters (`options.newsletters`): see ImportedSubscriptions for how the `newsletters` and
 * `subscribed_to_emails` columns map to lists; an unknown slug is a bad row.
 */
export async function importMembersCsv(
  deps: { db: Kysely<MembersTables>; clock: Clock },
  text: string,
  options: ImportOptions = {},
): Promise<MemberImportReport> {
  const mode = options.mode ?? 'create';
  let parsed: ReturnType<typeof parseCsvWithHeader>;
  try {
    parsed = parseCsvWithHeader(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      throw validationError([{ field: 'file', message: `line ${error.line}: ${error.message}` }]);
    throw error;
  }
  if (!parsed.columns.includes('email'))
    throw validationError([
      { field: 'file', message: 'the first row must name the columns, including email' },
    ]);

  const problems: ImportProblem[] = [];
  const valid: ImportedMember[] = [];
  const firstRowOf = new Map<string, number>();
  for (const { row, values } of parsed.rows) {
    const result = validateImportRow(row, values, { knownSlugs: options.newsletters?.knownSlugs });
    if (result.problems) {
      problems.push(...result.problems);
      continue;
    }
    const first = firstRowOf.get(result.member.email);
    if (first !== undefined) {
      problems.push({ row, field: 'email', message: `repeats the email of row ${first}` });
      continue;
    }
    firstRowOf.set(result.member.email, row);
    valid.push(result.member);
  }

  // Which rows create a member and which change one, by mode; the rest are skipped with a reason.
  const existingEmails = await takenValues(
    deps.db,
    'email',
    valid.map((m) => m.email),
  );
  const skipped: ImportSkip[] = [];
  const fresh: ImportedMember[] = [];
  const toUpdate: ImportedMember[] = [];
  for (const m of valid) {
    if (existingEmails.has(m.email)) {
      if (mode === 'create') skipped.push({ row: m.row, reason: alreadyMember });
      else toUpdate.push(m);
    } else if (mode === 'update') skipped.push({ row: m.row, reason: notMember });
    else fresh.push(m);
  }
  // A Stripe customer id already on another member is a bad row (for members to create only:
  // an update never changes it).
  const stripeIds = fresh.flatMap((m) => (m.stripeCustomerId ? [m.stripeCustomerId] : []));
  const takenStripe = await takenValues(deps.db, 'stripe_customer_id', stripeIds);
  const seenStripe = new Set<string>();
  const toCreate: ImportedMember[] = [];
  for (const m of fresh) {
    const id = m.stripeCustomerId;
    if (id && (takenStripe.has(id) || seenStripe.has(id))) {
      problems.push({
        row: m.row,
        field: 'stripe_customer_id',
        message: 'already belongs to another member',
      });
      continue;
    }
    if (id) seenStripe.add(id);
    toCreate.push(m);
  }
  problems.sort((a, b) => a.row - b.row);
  const invalidRows = new Set(problems.map((p) => p.row)).size;
  const report = {
    mode,
    total: parsed.rows.length,
    valid: parsed.rows.length - invalidRows,
    invalid: invalidRows,
    existing: existingEmails.size,
    problems,
  };
  if (invalidRows > 0 && !options.skipInvalid)
    return { ...report, imported: 0, updated: 0, unchanged: 0, isImported: false, skipped };

  const at = deps.clock.now().toISOString();
  const actor = options.actor ?? 'import';
  const total = toCreate.length + toUpdate.length;
  options.onProgress?.(0, total);
  // One transaction for the whole file: an import interrupted anywhere (a crash, a lost
  // connection, a failing batch) leaves the members list exactly as it was, so running the same
  // file again is always safe. SQLite writers wait for it (100,000 rows take a few seconds).
  const written = await deps.db.transaction().execute(async (trx) => {
    // Newsletters share the transaction (one database: the same handle has their tables).
    const lists = options.newsletters;
    const applyNewsletters =
      lists &&
      ((rows: ImportedSubscriptions[]) => lists.apply(trx as unknown as SharedHandle, rows));
    const result = { imported: 0, updated: 0, unchanged: 0, existing: report.existing, skipped };
    let done = 0;
    for (let k = 0; k < toCreate.length; k += importBatchSize) {
      const batch = toCreate.slice(k, k + importBatchSize);
      const inserted = await insertImportBatch(trx, batch, at);
      const created = new Set(inserted.map(({ member }) => member));
      if (applyNewsletters)
        await applyNewsletters(
          inserted.map(({ member, id }) => ({
            memberId: id,
            slugs: member.newsletters,
            subscribedToEmails: member.subscribedToEmails,
            isNew: true,
            hasPaidAccess: member.isComplimentary,
          })),
        );
      result.imported += created.size;
      result.existing += batch.length - created.size;
      // Taken by a sign-up while the file was being checked: a member now, so not created.
      for (const m of batch)
        if (!created.has(m)) result.skipped.push({ row: m.row, reason: joinedMeanwhile });
      done += batch.length;
      options.onProgress?.(done, total);
    }
    for (let k = 0; k < toUpdate.length; k += importBatchSize) {
      const batch = toUpdate.slice(k, k + importBatchSize);
      const applied = await updateImportBatch(trx, batch, { at, actor, applyNewsletters });
      result.updated += applied.updated;
      result.unchanged += applied.unchanged;
      for (const m of applied.missing)
        result.skipped.push({ row: m.row, reason: deletedMeanwhile });
      done += batch.length;
      options.onProgress?.(done, total);
    }
    return result;
  });
  // Planner statistics for the new table sizes: a list grown from hundreds to 100,000 members
  // is otherwise planned as if it were still small until autovacuum (or never, on SQLite).
  if (written.imported + written.updated > 0)
    await refreshPlannerStatistics(deps.db, [
      'members',
      'member_events',
      'member_labels',
      ...(options.newsletters?.tables ?? []),
    ]);
  skipped.sort((a, b) => a.row - b.row);
  return { ...report, ...written, isImported: true };
}
