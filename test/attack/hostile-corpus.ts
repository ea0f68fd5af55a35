// The hostile-input corpus (what is sent) and the checks of each answer (what must never come
// back), for hostile-input.attack.test.ts.
import type { Answer } from './attack-server.js';

/** Script injection, each with a marker; any verbatim copy in a page is a hole. */
export const xss = [
  '<script>alert("mh-xss-1")</script>',
  '"><img src=x onerror=alert("mh-xss-2")>',
  "'><svg/onload=alert('mh-xss-3')>",
  '</title><script>alert("mh-xss-4")</script>',
  '<iframe srcdoc="<script>alert(5)</script>">mh-xss-5',
];
/** Breaks out of an attribute when a quote is not escaped. */
export const attributeBreakers = [
  '" onmouseover="alert(\'mh-xss-6\')',
  "' autofocus onfocus='alert(7)",
];
export const javascriptUrls = ['javascript:alert("mh-xss-8")', ' JaVaScRiPt:alert(9)'];

export const strings = [
  ...attributeBreakers,
  ...javascriptUrls,
  // SQL metacharacters and filter languages
  "' OR '1'='1",
  "'; DROP TABLE posts; --",
  '1) OR (1=1',
  "%' UNION SELECT password_hash FROM staff_users --",
  '%_%\\%',
  'status:published+id:>0',
  '{"$gt":""}',
  // path traversal
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '/etc/passwd',
  '....//....//etc/shadow',
  // overlong
  'a'.repeat(5_000),
  'é'.repeat(2_500),
  // NUL and control characters
  '\u0000',
  'before\u0000after',
  '\r\nX-Injected: yes',
  // unicode that is valid but unusual
  '\u202egnp.exe',
  'ｓｅｌｅｃｔ',
  '𝒳 💥 \u200b\ufeff',
  'e\u0301\u0301\u0301\u0301',
  // numbers, cursors, dates
  '-1',
  '0',
  '1e309',
  '9'.repeat(40),
  'NaN',
  '-9007199254740993',
  'eyJpZCI6Ii0xIn0',
  'not-a-cursor',
  '2026-13-45T99:99:99Z',
  // words that parsers treat specially
  'null',
  'undefined',
  '__proto__',
  'constructor',
];
/** Raw bytes that are not valid UTF-8 or not valid percent-encoding: URLs only. */
export const badUrlBytes = ['%FF%FE', '%C0%AF', '%ED%A0%80', '%E2%82', '%zz', '%', '%%30'];
/** JSON values of the wrong type. */
export const wrongTypes: unknown[] = [
  1e308,
  -1,
  2 ** 64,
  0.5,
  null,
  true,
  [],
  {},
  ['<script>alert("mh-xss-1")</script>'],
  { $gt: '' },
  { __proto__: { isAdmin: true } },
  JSON.parse('{"__proto__":{"polluted":true}}') as unknown,
];
/** Whole bodies that are not what any route expects. */
export const rawBodies = [
  '{',
  '{"a":',
  'null',
  '[]',
  '"text"',
  '123',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"a":"\\ud800"}',
  '{"a":1e999999}',
  `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
  '\ufeff{}',
  'not json at all',
  '\u0000',
];

/** Driver, SQL and runtime text that must never reach a client. */
export const leaks =
  /SQLITE_[A-Z]+|SqliteError|syntax error at or near|relation "[^"]*" does not exist|column "[^"]*" (does not exist|of relation)|violates (unique|foreign key|not-null|check) constraint|duplicate key value|invalid input syntax for|unterminated quoted|node_modules\/|\bat (async )?[\w$.<>[\] ]+ \([^)]*:\d+:\d+\)|\/src\/[\w/-]+\.[jt]s\b|ZodError|TypeError:|RangeError:|ReferenceError:|Cannot read propert|"stack"\s*:/;

/** Rotates through a list: each call takes the next `count` entries. */
export function rotation<T>(items: T[]): (count: number) => T[] {
  let next = 0;
  return (count) =>
    Array.from({ length: count }, () => {
      const item = items[next % items.length] as T;
      next += 1;
      return item;
    });
}

export const encode = (value: string) => encodeURIComponent(value);

/** Runs tasks with at most `width` in flight. */
export async function inPool(tasks: Array<() => Promise<void>>, width: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) {
        const task = tasks[next];
        next += 1;
        await task?.();
      }
    }),
  );
}

/** The forms a page offers: action, and its fields with their values (hidden ones filled). */
export function formsOf(html: string): Array<{ action: string; fields: Record<string, string> }> {
  const forms: Array<{ action: string; fields: Record<string, string> }> = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const action = /action="([^"]*)"/.exec(match[1] ?? '')?.[1];
    if (!action) continue;
    const fields: Record<string, string> = {};
    for (const input of (match[2] ?? '').matchAll(/<(input|select|textarea)\b([^>]*)>/g)) {
      const name = /name="([^"]+)"/.exec(input[2] ?? '')?.[1];
      if (!name) continue;
      fields[name] = (/value="([^"]*)"/.exec(input[2] ?? '')?.[1] ?? 'x')
        .replace(/&amp;/g, '&')
        .replace(/&quot;/g, '"');
    }
    forms.push({ action: new URL(action, 'http://x').pathname, fields });
  }
  return forms;
}

export const readerQueryNames = [
  'q',
  'before',
  'after',
  'sort',
  'through',
  'returnTo',
  'campaign',
  'token',
  'notice',
  'code',
  'page',
  'limit',
];
export const readerFieldNames = ['email', 'returnTo', 'campaign', 'token', 'name', 'csrf', 'code'];

/** Failures grouped by route, caller and status: `count × first example`. */
export function summary(failures: string[]): string[] {
  const groups = new Map<string, { count: number; first: string }>();
  for (const failure of failures) {
    const [route = '', rest = ''] = failure.split(/ (?=[:?{]|body |xml |form |raw )/, 2);
    const key = `${route} ${/: (\d{3}|no answer)/.exec(rest)?.[1] ?? ''}`;
    const group = groups.get(key) ?? { count: 0, first: failure.slice(0, 300) };
    group.count += 1;
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => `${g.count} × ${g.first}`);
}

/** What is wrong with an answer, if anything. */
export function problemIn(answer: Answer): string | undefined {
  if (answer.status >= 500) return `server error: ${answer.text.slice(0, 160)}`;
  const leak = leaks.exec(answer.text);
  if (leak) return `leaks ${JSON.stringify(leak[0])}`;
  const type = answer.headers.get('content-type') ?? '';
  if (!/html|xml/.test(type)) return undefined;
  for (const payload of xss)
    if (answer.text.includes(payload)) return `reflects ${JSON.stringify(payload)} unescaped`;
  for (const payload of attributeBreakers) {
    for (
      let at = answer.text.indexOf(payload);
      at >= 0;
      at = answer.text.indexOf(payload, at + 1)
    ) {
      // Inside a tag (after its `<`, before its `>`): the quote ends the attribute.
      const before = answer.text.slice(0, at);
      if (before.lastIndexOf('<') > before.lastIndexOf('>'))
        return `reflects ${JSON.stringify(payload)} into an attribute`;
    }
  }
  if (/(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:/i.test(answer.text))
    return 'reflects a javascript: URL into a link';
  return undefined;
}
