import { OperatorError } from '../errors.js';

/** Dialect-neutral checks on driver errors, so feature code never inspects driver codes. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

export function isForeignKeyViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** Which constraint or column a unique violation names, when the driver says. */
export function violatedConstraint(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '';
  const e = error as { constraint?: unknown; message?: unknown };
  if (typeof e.constraint === 'string') return e.constraint;
  return typeof e.message === 'string' ? e.message : '';
}

/** Driver codes that mean "the database could not be reached or opened", not a bad query. */
const unreachableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  '28P01', // password authentication failed
  '28000', // no pg_hba.conf entry / role not permitted
  '3D000', // database does not exist
  '57P03', // the database system is starting up
]);
/** Codes of a database file that cannot be opened (only meaningful while opening it). */
const unopenableCodes = new Set([
  'SQLITE_CANTOPEN',
  'SQLITE_READONLY',
  'SQLITE_NOTADB',
  'EACCES',
  'EROFS',
]);

export function isDatabaseUnreachable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  if (typeof code === 'string' && (unreachableCodes.has(code) || unopenableCodes.has(code)))
    return true;
  // Wrapped errors (a failed migration) say what happened in their cause.
  if (cause !== undefined && depth < 3 && isDatabaseUnreachable(cause, depth + 1)) return true;
  // pg reports a timed-out connect as a plain Error.
  const message = (error as { message?: unknown }).message;
  return typeof message === 'string' && /timeout exceeded when trying to connect/i.test(message);
}

/** A database address safe to print: a postgres URL without its password. */
export function printableDatabaseAddress(target: { url?: string; file?: string }): string {
  if (target.file !== undefined) return target.file;
  try {
    const url = new URL(target.url ?? '');
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(an unreadable DATABASE_URL)';
  }
}

/** Codes and messages of a database that stopped answering in time or went away mid-request. */
const outageCodes = new Set([
  '57014', // statement_timeout (query_canceled)
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '53300', // too_many_connections
  'SQLITE_BUSY',
  'SQLITE_IOERR',
  'SQLITE_FULL',
]);
const outageMessages =
  /query read timeout|connection terminated|timeout exceeded when trying to connect|server closed the connection|client has encountered a connection error/i;

/**
 * The database cannot serve this request now (unreachable, frozen, restarting, out of
 * connections): callers answer 503 with Retry-After instead of a 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (unreachableCodes.has(code) || outageCodes.has(code)))
    return true;
  return typeof message === 'string' && outageMessages.test(message);
}

/**
 * The error to report when opening or first querying the database failed: an OperatorError
 * in one line (address without password, driver code, what to check) when it could not be
 * reached or opened, the original error otherwise.
 */
export function databaseOpenError(
  error: unknown,
  target: { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string },
): unknown {
  if (!isDatabaseUnreachable(error)) return error;
  const root = rootCause(error) as { code?: string; message?: string };
  const { code, message } = root;
  const address = printableDatabaseAddress(target);
  return new OperatorError(
    `cannot reach the database at ${address} (${code ?? message ?? 'no answer'}). ` +
      (target.dialect === 'postgres'
        ? "Is PostgreSQL running there, and are DATABASE_URL's user, password and database right?"
        : 'Check that DATABASE_URL names a file this user can create and write.'),
    { cause: error },
  );
}

function rootCause(error: unknown): unknown {
  let current = error;
  for (let i = 0; i < 3; i += 1) {
    const cause = (current as { cause?: unknown } | null)?.cause;
    if (cause === undefined || cause === null) break;
    current = cause;
  }
  return current;
}
