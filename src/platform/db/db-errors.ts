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
  'SQLITE_CANTOPEN',
  'SQLITE_READONLY',
  'SQLITE_NOTADB',
  'EACCES',
  'EROFS',
]);

export function isDatabaseUnreachable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && unreachableCodes.has(code)) return true;
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
  const { code, message } = error as { code?: string; message?: string };
  const address = printableDatabaseAddress(target);
  return new OperatorError(
    `cannot reach the database at ${address} (${code ?? message ?? 'no answer'}). ` +
      (target.dialect === 'postgres'
        ? "Is PostgreSQL running there, and are DATABASE_URL's user, password and database right?"
        : 'Check that DATABASE_URL names a file this user can create and write.'),
    { cause: error },
  );
}
