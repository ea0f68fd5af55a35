/** What `export --format ghost` wrote, and what Ghost has no place for (one line each). */
export interface GhostExportReport {
  format: 'ghost';
  file: string;
  /** Rows per Ghost table (`posts` counts posts, `pages` pages). */
  counts: Record<string, number>;
  images: { files: number; missing: string[] };
  /** Members in members.csv; null when the export is JSON only. */
  members: number | null;
  notes: string[];
}
