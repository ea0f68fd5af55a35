/**
 * RFC 4180 CSV: fields separated by commas, records by CRLF (LF and a lone CR are accepted
 * too), fields with a comma, quote, CR or LF quoted with `"` and inner quotes doubled. A UTF-8
 * byte-order mark at the start is dropped. Pure, so the admin app can preview files as well.
 */

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    /** 1-based line where the problem starts. */
    readonly line: number,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

/**
 * Parses CSV text into records of fields. A trailing line break does not make an empty
 * record; blank lines do not either. An unterminated quoted field or text after a closing
 * quote throws a CsvSyntaxError naming the record.
 */
export function parseCsv(text: string): string[][] {
  return parseCsvRecords(text).map((r) => r.fields);
}

/** As parseCsv, with the 1-based line each record starts on (records may span lines). */
export function parseCsvRecords(text: string): Array<{ fields: string[]; line: number }> {
  const records: Array<{ fields: string[]; line: number }> = [];
  const length = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let record: string[] = [];
  let field = '';
  let isQuoted = false;
  let isFieldStart = true;
  let quoteStartLine = 0;
  let line = 1;
  let recordLine = 1;
  const endField = () => {
    record.push(field);
    field = '';
    isFieldStart = true;
  };
  const endRecord = () => {
    endField();
    // A blank line is a record of one empty field: skip it.
    if (!(record.length === 1 && record[0] === ''))
      records.push({ fields: record, line: recordLine });
    record = [];
  };
  while (i < length) {
    const c = text[i]!;
    if (isQuoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        isQuoted = false;
        i += 1;
        const next = text[i];
        if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
          throw new CsvSyntaxError('unexpected text after a closing quote', line);
        }
        continue;
      }
      // Copy the run up to the next quote in one go (fast on long quoted fields).
      const close = text.indexOf('"', i);
      if (close === -1) {
        throw new CsvSyntaxError('a quoted field is never closed', quoteStartLine);
      }
      const chunk = text.slice(i, close);
      line += countLineBreaks(chunk);
      field += chunk;
      i = close;
      continue;
    }
    if (c === '"' && isFieldStart) {
      isQuoted = true;
      isFieldStart = false;
      quoteStartLine = line;
      i += 1;
      continue;
    }
    if (c === ',') {
      endField();
      i += 1;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line += 1;
      recordLine = line;
      continue;
    }
    // An unquoted run: up to the next delimiter.
    let end = i;
    while (end < length) {
      const d = text.charCodeAt(end);
      if (d === 44 || d === 13 || d === 10) break;
      end += 1;
    }
    field += text.slice(i, end);
    isFieldStart = false;
    i = end;
  }
  if (isQuoted) throw new CsvSyntaxError('a quoted field is never closed', quoteStartLine);
  if (!isFieldStart || field !== '' || record.length > 0) endRecord();
  return records;
}

/** Line breaks in a chunk (CRLF, LF or a lone CR each count once). */
function countLineBreaks(chunk: string): number {
  let count = 0;
  for (let k = 0; k < chunk.length; k += 1) {
    const c = chunk.charCodeAt(k);
    if (c === 10 || (c === 13 && chunk.charCodeAt(k + 1) !== 10)) count += 1;
  }
  return count;
}

const needsQuotes = /[",\r\n]|^\s|\s$/;

/**
 * Cells a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+`, `-`, `@`, or a leading tab
 * or CR: OWASP's "CSV injection"). Such cells are written with a leading `'`, which spreadsheets
 * show as text; a cell that already starts with quotes before such a character gets one more, so
 * restoreFormulaCell undoes exactly one and round trips stay lossless.
 */
const formulaStart = /^'*[=+\-@\t\r]/;
const neutralisedFormula = /^'+[=+\-@\t\r]/;

/** A cell made safe to open in a spreadsheet (see formulaStart). */
export function neutraliseFormulaCell(value: string): string {
  return formulaStart.test(value) ? `'${value}` : value;
}

/** The inverse of neutraliseFormulaCell, for files this project (or a careful tool) wrote. */
export function restoreFormulaCell(value: string): string {
  return neutralisedFormula.test(value) ? value.slice(1) : value;
}

/** One field, formula-neutralised and quoted when it must be. Every CSV we write goes through it. */
export function csvField(raw: string): string {
  const value = neutraliseFormulaCell(raw);
  return needsQuotes.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Records to CSV text: fields quoted as needed, CRLF after every record. */
export function serializeCsv(records: ReadonlyArray<readonly string[]>): string {
  let out = '';
  for (const record of records) out += `${record.map(csvField).join(',')}\r\n`;
  return out;
}

/**
 * Parses CSV whose first record is a header into objects keyed by (trimmed, lower-cased) column
 * name, each with its row: the line it starts on (the header is row 1, so the first data row is
 * 2, as a spreadsheet shows it when no field spans lines). Missing trailing fields are empty
 * strings; extra fields are dropped; cells neutralised against formulas on export are restored.
 */
export function parseCsvWithHeader(text: string): {
  columns: string[];
  rows: Array<{ row: number; values: Record<string, string> }>;
} {
  const records = parseCsvRecords(text);
  const header = (records[0]?.fields ?? []).map((c) => c.trim().toLowerCase());
  const rows = records.slice(1).map((record) => {
    const values: Record<string, string> = {};
    header.forEach((column, k) => {
      if (column) values[column] = restoreFormulaCell(record.fields[k] ?? '');
    });
    return { row: record.line, values };
  });
  return { columns: header, rows };
}
