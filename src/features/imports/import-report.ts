/**
 * What an import did, kind by kind, and everything it did not carry over with the reason
 * (issue #15: nothing lost silently). Printed as a table at the end of every import and written
 * as JSON with `--report FILE`.
 */
export type ReportKind =
  | 'staff'
  | 'authors'
  | 'tags'
  | 'posts'
  | 'pages'
  | 'media'
  | 'newsletters'
  | 'tiers'
  | 'invitations'
  | 'members'
  | 'redirects'
  | 'comments'
  | 'menus';

export type ReportOutcome = 'found' | 'created' | 'updated' | 'unchanged' | 'skipped';

export interface ReportLine {
  /** What it was in the source: `post "slug"`, `tag "#internal"`, `user "email"`. */
  item: string;
  /** The block, card, field or setting left out, or `whole item`. */
  part: string;
  reason: string;
}

export interface ImportReportJson {
  source: string;
  dryRun: boolean;
  counts: Record<string, Record<ReportOutcome, number>>;
  notCarriedOver: ReportLine[];
}

const outcomes: readonly ReportOutcome[] = ['found', 'created', 'updated', 'unchanged', 'skipped'];

export class ImportReport {
  readonly #counts = new Map<ReportKind, Record<ReportOutcome, number>>();
  readonly #lines: ReportLine[] = [];

  constructor(
    readonly source: string,
    readonly dryRun: boolean,
  ) {}

  count(kind: ReportKind, outcome: ReportOutcome, by = 1): void {
    const row = this.#counts.get(kind) ?? {
      found: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      skipped: 0,
    };
    row[outcome] += by;
    this.#counts.set(kind, row);
  }

  note(item: string, part: string, reason: string): void {
    this.#lines.push({ item, part, reason });
  }

  get lines(): readonly ReportLine[] {
    return this.#lines;
  }

  countsOf(kind: ReportKind): Record<ReportOutcome, number> {
    return this.#counts.get(kind) ?? { found: 0, created: 0, updated: 0, unchanged: 0, skipped: 0 };
  }

  toJSON(): ImportReportJson {
    return {
      source: this.source,
      dryRun: this.dryRun,
      counts: Object.fromEntries(this.#counts),
      notCarriedOver: [...this.#lines],
    };
  }

  /** The table and list a person reads at the end of the command. */
  toText(): string {
    const header = ['', ...outcomes];
    const rows = [...this.#counts].map(([kind, row]) => [
      kind,
      ...outcomes.map((o) => String(row[o])),
    ]);
    const widths = header.map((h, i) =>
      Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)),
    );
    const line = (cells: string[]) =>
      cells
        .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
        .join('  ');
    const out = [
      `Import from ${this.source}${this.dryRun ? ' (dry run: nothing was written)' : ''}`,
      '',
      line(header),
      ...rows.map(line),
      '',
    ];
    if (this.#lines.length === 0) out.push('Everything was carried over.');
    else {
      out.push(`Not carried over (${this.#lines.length}):`);
      for (const l of this.#lines) out.push(`- ${l.item}: ${l.part} — ${l.reason}`);
    }
    return out.join('\n');
  }
}
