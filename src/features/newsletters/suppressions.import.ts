import { CsvSyntaxError, parseCsvRecords, restoreFormulaCell } from '../../shared/csv.js';
import { memberEmailSchema } from '../members/index.js';

/** Why an address must not be mailed (the `email_suppressions.reason` column). */
export const suppressionReasons = ['hard_bounce', 'complaint', 'manual', 'import'] as const;
export type SuppressionReason = (typeof suppressionReasons)[number];

export interface SuppressionImportRow {
  line: number;
  address: string;
  reason: SuppressionReason;
  detail: string | null;
}

/** A bad row, by the line it starts on in the file (1-based, as an editor shows it). */
export interface SuppressionImportProblem {
  line: number;
  field: 'file' | 'email' | 'reason' | 'detail';
  message: string;
}

/** More rows than this is not a suppression list but a mistake (or an attack on memory). */
export const maxImportRows = 200_000;

const reasonAliases: Readonly<Record<string, SuppressionReason>> = {
  hard_bounce: 'hard_bounce',
  bounce: 'hard_bounce',
  bounced: 'hard_bounce',
  complaint: 'complaint',
  complained: 'complaint',
  spam: 'complaint',
  manual: 'manual',
  import: 'import',
};

const addressColumns = ['email', 'address', 'email address', 'recipient'];

/**
 * Reads a suppression CSV: either a header naming an `email` (or `address`) column, with
 * optional `reason` and `detail` columns, or no header at all (address, reason?, detail?). An
 * empty reason means `import`; `bounce`, `spam` and the like are understood. Every bad row is
 * reported by line; an address repeated in the file counts once (its first row).
 */
export function parseSuppressionCsv(text: string): {
  rows: SuppressionImportRow[];
  duplicates: number;
  problems: SuppressionImportProblem[];
} {
  let records: ReturnType<typeof parseCsvRecords>;
  try {
    records = parseCsvRecords(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      return {
        rows: [],
        duplicates: 0,
        problems: [{ line: error.line, field: 'file', message: error.message }],
      };
    throw error;
  }
  const first = records[0];
  if (!first)
    return {
      rows: [],
      duplicates: 0,
      problems: [{ line: 1, field: 'file', message: 'the file is empty' }],
    };
  if (records.length > maxImportRows + 1)
    return {
      rows: [],
      duplicates: 0,
      problems: [{ line: 1, field: 'file', message: `more than ${maxImportRows} rows` }],
    };

  const header = first.fields.map((f) => f.trim().toLowerCase());
  const addressColumn = header.findIndex((h) => addressColumns.includes(h));
  let columns: { address: number; reason: number; detail: number };
  let dataRecords = records;
  if (addressColumn >= 0) {
    columns = {
      address: addressColumn,
      reason: header.indexOf('reason'),
      detail: header.indexOf('detail'),
    };
    dataRecords = records.slice(1);
  } else if (first.fields[0]?.includes('@')) {
    columns = { address: 0, reason: 1, detail: 2 };
  } else {
    return {
      rows: [],
      duplicates: 0,
      problems: [
        {
          line: first.line,
          field: 'file',
          message:
            'the first row must name the columns (email, and optionally reason and detail) or be an address',
        },
      ],
    };
  }

  const rows: SuppressionImportRow[] = [];
  const problems: SuppressionImportProblem[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  const cell = (fields: string[], index: number) =>
    index < 0 ? '' : restoreFormulaCell(fields[index] ?? '').trim();
  for (const { fields, line } of dataRecords) {
    const email = memberEmailSchema.safeParse(cell(fields, columns.address));
    const rawReason = cell(fields, columns.reason)
      .toLowerCase()
      .replace(/[\s-]+/g, '_');
    const reason = rawReason === '' ? 'import' : reasonAliases[rawReason];
    const detail = cell(fields, columns.detail);
    let isBad = false;
    if (!email.success) {
      const given = cell(fields, columns.address);
      problems.push({
        line,
        field: 'email',
        message: given === '' ? 'no address' : `"${given.slice(0, 80)}" is not an email address`,
      });
      isBad = true;
    }
    if (!reason) {
      problems.push({
        line,
        field: 'reason',
        message: `"${rawReason.slice(0, 40)}" is not a reason (${suppressionReasons.join(', ')})`,
      });
      isBad = true;
    }
    if (detail.length > 500) {
      problems.push({ line, field: 'detail', message: 'longer than 500 characters' });
      isBad = true;
    }
    if (isBad || !email.success || !reason) continue;
    if (seen.has(email.data)) {
      duplicates += 1;
      continue;
    }
    seen.add(email.data);
    rows.push({ line, address: email.data, reason, detail: detail === '' ? null : detail });
  }
  return { rows, duplicates, problems };
}
