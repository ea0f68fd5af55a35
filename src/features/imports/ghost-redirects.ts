import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { ImportReport } from './import-report.js';
import { isSafePattern } from './redirect-patterns.js';

export interface RedirectRule {
  from: string;
  to: string;
  status: 301 | 302;
  isPattern: boolean;
}

const jsonRules = z.array(
  z.looseObject({
    from: z.string().min(1).max(500),
    to: z.string().min(1).max(2000),
    permanent: z.boolean().optional(),
  }),
);
const yamlRules = z.looseObject({
  301: z.record(z.string(), z.string()).optional(),
  302: z.record(z.string(), z.string()).optional(),
});

/** A `from` that is only a path (`/2019/10/storm/`, `^/podcast/?$`) is stored as one. */
function plainPath(from: string): string | undefined {
  const bare = from
    .replace(/^\^/, '')
    .replace(/\/\?\$$/, '/')
    .replace(/\$$/, '');
  if (!bare.startsWith('/')) return undefined;
  const unescaped = bare.replace(/\\([./-])/g, '$1');
  return /^[\w./%~-]+$/.test(unescaped) ? unescaped : undefined;
}

/**
 * Ghost's redirects file (`redirects.json`: `[{from, to, permanent}]`, or `redirects.yaml`:
 * `301: {from: to}` / `302: …`) as rules: plain paths stay exact paths, the rest are patterns
 * checked for the safe engine. What cannot be kept is reported.
 */
export async function readGhostRedirects(
  file: string,
  report: ImportReport,
): Promise<RedirectRule[]> {
  const text = await readFile(file, 'utf8');
  const entries: Array<{ from: string; to: string; permanent: boolean }> = [];
  const json = (() => {
    try {
      return { value: JSON.parse(text) as unknown };
    } catch {
      return undefined;
    }
  })();
  if (json) {
    const parsed = jsonRules.safeParse(json.value);
    if (!parsed.success)
      throw new Error(`${file}: not a Ghost redirects file (a list of {from, to, permanent})`);
    for (const rule of parsed.data)
      entries.push({ from: rule.from, to: rule.to, permanent: rule.permanent ?? false });
  } else {
    const parsed = yamlRules.safeParse(parseYaml(text));
    if (!parsed.success) throw new Error(`${file}: not a Ghost redirects file (301: / 302: maps)`);
    for (const [from, to] of Object.entries(parsed.data[301] ?? {}))
      entries.push({ from, to, permanent: true });
    for (const [from, to] of Object.entries(parsed.data[302] ?? {}))
      entries.push({ from, to, permanent: false });
  }
  const rules: RedirectRule[] = [];
  for (const entry of entries) {
    report.count('redirects', 'found');
    const status = entry.permanent ? 301 : 302;
    const path = plainPath(entry.from);
    if (path !== undefined) {
      rules.push({ from: path, to: entry.to, status, isPattern: false });
      continue;
    }
    if (!isSafePattern(entry.from)) {
      report.note(
        `redirect "${entry.from}"`,
        'whole item',
        'a pattern the safe regular-expression engine cannot run (look-around or back-reference)',
      );
      report.count('redirects', 'skipped');
      continue;
    }
    rules.push({ from: entry.from, to: entry.to, status, isPattern: true });
  }
  return rules;
}
