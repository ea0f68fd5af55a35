// The drive's texts are ICU MessageFormat messages (the format every interface text will use):
// `{goal, number}`, `{count, number}`, `{remaining, number}`, `{deadline, date, long}` and plurals
// such as `{remaining, plural, one {# more member} other {# more members}}`. Rendered with the
// newsroom's locale and time zone, so changing the goal or the deadline changes every sentence.
import { IntlMessageFormat, type Formats } from 'intl-messageformat';

/** The values a drive message may use. */
export interface DriveMessageValues {
  /** The drive's current count (0 when not known). */
  count: number;
  goal: number;
  /** How many are still missing (0 once the goal is reached). */
  remaining: number;
  /** When the drive ends. */
  deadline: Date;
}

export const driveMessageVariables = ['count', 'goal', 'remaining', 'deadline'] as const;

/** Date styles carry the newsroom's zone (the message library's defaults use the browser's). */
function formatsFor(timeZone: string | undefined): Partial<Formats> | undefined {
  if (!timeZone) return undefined;
  return {
    date: {
      short: { timeZone, month: 'numeric', day: 'numeric', year: '2-digit' },
      medium: { timeZone, month: 'short', day: 'numeric', year: 'numeric' },
      long: { timeZone, month: 'long', day: 'numeric', year: 'numeric' },
      full: { timeZone, weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' },
    },
    time: { short: { timeZone, hour: 'numeric', minute: 'numeric' } },
  };
}

/** Renders one message; a message that cannot be rendered is shown as written (never a crash). */
export function formatDriveMessage(
  message: string,
  values: DriveMessageValues,
  options: { locale: string; timeZone?: string | undefined },
): string {
  if (!message) return '';
  try {
    const format = new IntlMessageFormat(message, options.locale, formatsFor(options.timeZone), {
      ignoreTag: true,
    });
    const out = format.format<string>({ ...values });
    return Array.isArray(out) ? out.join('') : String(out);
  } catch {
    return message;
  }
}

const sample: DriveMessageValues = {
  count: 1,
  goal: 2,
  remaining: 1,
  deadline: new Date(Date.UTC(2026, 11, 31)),
};

/**
 * Why a message cannot be rendered (bad syntax, an unknown placeholder), or null when it can.
 * Checked on save, so a drive never reaches readers with a broken text.
 */
export function driveMessageProblem(message: string): string | null {
  if (!message) return null;
  let format: IntlMessageFormat;
  try {
    format = new IntlMessageFormat(message, 'en-US', undefined, { ignoreTag: true });
  } catch (error) {
    return `is not a valid message (${error instanceof Error ? error.message : 'syntax error'}); write placeholders as {goal, number} and a literal brace as '{'`;
  }
  const unknown = placeholdersOf(format.getAst()).filter(
    (name) => !(driveMessageVariables as readonly string[]).includes(name),
  );
  if (unknown.length > 0)
    return `uses an unknown placeholder {${unknown[0]}}; use ${driveMessageVariables.map((v) => `{${v}}`).join(', ')}`;
  try {
    format.format({ ...sample });
  } catch (error) {
    return `cannot be rendered (${error instanceof Error ? error.message : 'error'})`;
  }
  return null;
}

interface AstNode {
  type: number;
  value?: unknown;
  options?: Record<string, { value: AstNode[] }>;
  children?: AstNode[];
}

/** Every placeholder name in a parsed message, nested plural and select branches included. */
function placeholdersOf(nodes: readonly unknown[]): string[] {
  const names: string[] = [];
  for (const node of nodes as AstNode[]) {
    // Literal (0) and pound (7) carry no name; arguments, numbers, dates, plurals and selects do.
    if (node.type !== 0 && node.type !== 7 && typeof node.value === 'string')
      names.push(node.value);
    for (const option of Object.values(node.options ?? {}))
      names.push(...placeholdersOf(option.value));
    if (node.children) names.push(...placeholdersOf(node.children));
  }
  return names;
}
