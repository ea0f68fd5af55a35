import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { validationError } from '../../platform/errors.js';
import type { ImportProblem, MemberImportReport } from '../../shared/contracts/member-admin.js';
import { CsvSyntaxError, parseCsvWithHeader } from '../../shared/csv.js';
import type { MembersTables } from '../members/index.js';
import { validateImportRow, type ImportedMember } from './member-csv.js';
import { importBatchSize, insertImportBatch, takenValues } from './member-import.repository.js';

export interface ImportOptions {
  /** Import the valid rows even when some are bad (default: import nothing unless all are valid). */
  skipInvalid?: boolean;
  /** Called after each batch (inside the import's transaction: throwing aborts it all) with the rows written so far and the rows to write. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Imports members from Ghost-compatible CSV. The whole file is validated first (every cell,
 * emails repeated within the file, Stripe customer ids taken by other members) and the report
 * names every bad row. Nothing is written when a row is bad unless `skipInvalid`; then only the
 * valid rows are. Emails that already belong to a member are skipped, never updated: an import
 * does not overwrite what members, staff or Stripe changed since. Rows are inserted in batches
 * of 1,000 inside one transaction (all or nothing); no outbox event per imported member (an
 * import is not 100,000 sign-ups for webhooks to announce).
 */
export async function importMembersCsv(
  deps: { db: Kysely<MembersTables>; clock: Clock },
  text: string,
  options: ImportOptions = {},
): Promise<MemberImportReport> {
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
    const result = validateImportRow(row, values);
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

  // Existing members are skipped; a Stripe customer id already on another member is a bad row.
  const existingEmails = await takenValues(
    deps.db,
    'email',
    valid.map((m) => m.email),
  );
  const fresh = valid.filter((m) => !existingEmails.has(m.email));
  const stripeIds = fresh.flatMap((m) => (m.stripeCustomerId ? [m.stripeCustomerId] : []));
  const takenStripe = await takenValues(deps.db, 'stripe_customer_id', stripeIds);
  const seenStripe = new Set<string>();
  const toImport: ImportedMember[] = [];
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
    toImport.push(m);
  }
  problems.sort((a, b) => a.row - b.row);
  const invalidRows = new Set(problems.map((p) => p.row)).size;
  const report = {
    total: parsed.rows.length,
    valid: parsed.rows.length - invalidRows,
    invalid: invalidRows,
    existing: existingEmails.size,
    problems,
  };
  if (invalidRows > 0 && !options.skipInvalid) return { ...report, imported: 0, isImported: false };

  const at = deps.clock.now().toISOString();
  options.onProgress?.(0, toImport.length);
  // One transaction for the whole file: an import interrupted anywhere (a crash, a lost
  // connection, a failing batch) leaves the members list exactly as it was, so running the same
  // file again is always safe. SQLite writers wait for it (100,000 rows take a few seconds).
  const imported = await deps.db.transaction().execute(async (trx) => {
    let count = 0;
    for (let k = 0; k < toImport.length; k += importBatchSize) {
      count += await insertImportBatch(trx, toImport.slice(k, k + importBatchSize), at);
      options.onProgress?.(Math.min(k + importBatchSize, toImport.length), toImport.length);
    }
    return count;
  });
  return {
    ...report,
    existing: report.existing + (toImport.length - imported),
    imported,
    isImported: true,
  };
}
