/**
 * A strict parser of the Prometheus text exposition format (version 0.0.4), for tests: it
 * throws on anything a Prometheus server would refuse or that breaks the format's rules, so a
 * passing parse means the scrape is valid. Checked: metric and label names, label-value escapes,
 * numbers (NaN, ±Inf), one HELP and one TYPE per family, TYPE before the family's samples,
 * families not interleaved, no duplicate series, and histograms' cumulative buckets ending in a
 * `+Inf` bucket equal to `_count`.
 */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface MetricFamily {
  readonly name: string;
  type: 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';
  help: string | undefined;
  readonly samples: Sample[];
}

const metricName = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const types = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

function parseNumber(text: string, line: number): number {
  // Prometheus parses values with Go's ParseFloat, which takes NaN in any case (prom-client writes `Nan`).
  if (/^nan$/i.test(text)) return NaN;
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text))
    throw new Error(`line ${line}: "${text}" is not a number`);
  return Number(text);
}

function parseLabels(text: string, line: number): { labels: Record<string, string>; rest: string } {
  const labels: Record<string, string> = {};
  let i = 1; // after '{'
  for (;;) {
    if (text[i] === '}') return { labels, rest: text.slice(i + 1) };
    const nameMatch = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(text.slice(i));
    if (!nameMatch) throw new Error(`line ${line}: bad label name at "${text.slice(i)}"`);
    const name = nameMatch[0];
    i += name.length;
    if (text[i] !== '=' || text[i + 1] !== '"')
      throw new Error(`line ${line}: expected ="…" after label ${name}`);
    i += 2;
    let value = '';
    for (;;) {
      const c = text[i];
      if (c === undefined) throw new Error(`line ${line}: unterminated label value`);
      if (c === '"') break;
      if (c === '\\') {
        const next = text[i + 1];
        if (next === 'n') value += '\n';
        else if (next === '\\' || next === '"') value += next;
        else throw new Error(`line ${line}: bad escape \\${next ?? ''} in a label value`);
        i += 2;
        continue;
      }
      value += c;
      i += 1;
    }
    i += 1;
    if (name in labels) throw new Error(`line ${line}: label ${name} twice`);
    labels[name] = value;
    if (text[i] === ',') i += 1;
    else if (text[i] !== '}') throw new Error(`line ${line}: expected , or } after a label`);
  }
}

/** The family a sample belongs to: `x_bucket`, `x_sum`, `x_count` belong to histogram or summary `x`. */
function familyOf(sample: string, families: Map<string, MetricFamily>): string {
  for (const suffix of ['_bucket', '_sum', '_count']) {
    if (!sample.endsWith(suffix)) continue;
    const base = sample.slice(0, -suffix.length);
    const type = families.get(base)?.type;
    if (type === 'histogram' || (type === 'summary' && suffix !== '_bucket')) return base;
  }
  return sample;
}

export function parsePrometheusText(text: string): Map<string, MetricFamily> {
  if (!text.endsWith('\n')) throw new Error('the exposition must end with a newline');
  const families = new Map<string, MetricFamily>();
  const finished = new Set<string>();
  const series = new Set<string>();
  const typed = new Set<string>();
  let current: string | undefined;
  const family = (name: string) => {
    let found = families.get(name);
    if (!found) {
      found = { name, type: 'untyped', help: undefined, samples: [] };
      families.set(name, found);
    }
    return found;
  };
  const enter = (name: string, line: number) => {
    if (current === name) return;
    if (finished.has(name))
      throw new Error(`line ${line}: family ${name} is interleaved with another`);
    if (current !== undefined) finished.add(current);
    current = name;
  };

  text
    .slice(0, -1)
    .split('\n')
    .forEach((raw, index) => {
      const line = index + 1;
      if (raw.trim() === '') return;
      if (raw.startsWith('#')) {
        const meta = /^#\s+(HELP|TYPE)\s+(\S+)(?:\s(.*))?$/.exec(raw);
        if (!meta) return; // a plain comment
        const [, keyword, name = '', rest = ''] = meta;
        if (!metricName.test(name)) throw new Error(`line ${line}: bad metric name ${name}`);
        enter(name, line);
        const found = family(name);
        if (keyword === 'HELP') {
          if (found.help !== undefined) throw new Error(`line ${line}: second HELP for ${name}`);
          if (/\\[^n\\]/.test(rest)) throw new Error(`line ${line}: bad escape in HELP of ${name}`);
          found.help = rest;
        } else {
          if (!types.has(rest)) throw new Error(`line ${line}: unknown type "${rest}" for ${name}`);
          if (found.samples.length > 0)
            throw new Error(`line ${line}: TYPE of ${name} after its samples`);
          if (typed.has(name)) throw new Error(`line ${line}: second TYPE for ${name}`);
          typed.add(name);
          found.type = rest as MetricFamily['type'];
        }
        return;
      }
      const nameMatch = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(raw);
      if (!nameMatch) throw new Error(`line ${line}: not a sample: "${raw}"`);
      const name = nameMatch[0];
      let rest = raw.slice(name.length);
      let labels: Record<string, string> = {};
      if (rest.startsWith('{')) ({ labels, rest } = parseLabels(rest, line));
      const parts = rest.trim().split(/\s+/);
      if (!/^\s/.test(rest) || parts.length < 1 || parts.length > 2)
        throw new Error(`line ${line}: expected "value [timestamp]" after ${name}`);
      const value = parseNumber(parts[0] ?? '', line);
      if (parts[1] !== undefined && !/^-?\d+$/.test(parts[1]))
        throw new Error(`line ${line}: bad timestamp ${parts[1]}`);
      for (const label of Object.keys(labels))
        if (!labelName.test(label) || label.startsWith('__'))
          throw new Error(`line ${line}: reserved or bad label name ${label}`);
      const familyName = familyOf(name, families);
      enter(familyName, line);
      const key = `${name}${JSON.stringify(Object.entries(labels).sort())}`;
      if (series.has(key)) throw new Error(`line ${line}: duplicate series ${key}`);
      series.add(key);
      family(familyName).samples.push({ name, labels, value });
    });

  for (const found of families.values()) if (found.type === 'histogram') checkHistogram(found);
  return families;
}

function checkHistogram(found: MetricFamily): void {
  const groups = new Map<
    string,
    { buckets: Array<[number, number]>; count?: number; sum?: number }
  >();
  for (const sample of found.samples) {
    const { le, ...others } = sample.labels;
    const key = JSON.stringify(Object.entries(others).sort());
    const group = groups.get(key) ?? { buckets: [] };
    groups.set(key, group);
    if (sample.name.endsWith('_bucket')) {
      if (le === undefined) throw new Error(`${found.name}: a bucket without le`);
      group.buckets.push([parseNumber(le, 0), sample.value]);
    } else if (sample.name.endsWith('_count')) group.count = sample.value;
    else if (sample.name.endsWith('_sum')) group.sum = sample.value;
    else throw new Error(`${found.name}: unexpected sample ${sample.name}`);
  }
  for (const [key, group] of groups) {
    const sorted = [...group.buckets].sort((a, b) => a[0] - b[0]);
    const last = sorted.at(-1);
    if (!last || last[0] !== Infinity) throw new Error(`${found.name}${key}: no +Inf bucket`);
    if (group.count === undefined || group.sum === undefined)
      throw new Error(`${found.name}${key}: missing _count or _sum`);
    if (last[1] !== group.count) throw new Error(`${found.name}${key}: +Inf bucket ≠ _count`);
    sorted.reduce((previous, [, value]) => {
      if (value < previous) throw new Error(`${found.name}${key}: buckets are not cumulative`);
      return value;
    }, 0);
  }
}

/** The value of one series (every label given must match; others may be present), or undefined. */
export function sampleValue(
  families: Map<string, MetricFamily>,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const found of families.values())
    for (const sample of found.samples)
      if (
        sample.name === name &&
        Object.entries(labels).every(([key, value]) => sample.labels[key] === value)
      )
        return sample.value;
  return undefined;
}
