import type { SnippetPart } from '../../platform/db/index.js';
import { escapeHtml } from '../../shared/richtext/index.js';

/** What the posts service hands over for each post it writes. */
export interface SearchDocument {
  postId: string;
  status: string;
  kind: string;
  publishedAt: string | null;
  title: string;
  dek: string;
  /** public, members or paid: who may find the post by its body. */
  visibility: string;
  /** The excerpt (custom or derived): with title and dek, the teaser anyone may search. */
  excerpt: string;
  bodyText: string;
}

export interface SearchOptions {
  q: string;
  limit: number;
  cursor?: string;
  /** Defaults to published posts only. */
  statuses?: string[];
  kinds?: string[];
  /**
   * Visibilities whose bodies the searcher may read (`['public']` for a reader signed out);
   * posts of other visibilities match and show excerpts by their teaser only. `all` for staff.
   */
  readable: readonly string[] | 'all';
  /** `relevance` (best match first, the default) or `newest` (latest published first). */
  sort?: 'relevance' | 'newest';
}

export interface SearchResult {
  postId: string;
  /** Higher is better; comparable only within one search. */
  rank: number;
  /** Safe HTML: every character escaped, the matched words wrapped in `<mark>`. */
  snippet: string;
}

export interface SearchPage {
  results: SearchResult[];
  next: string | null;
}

/** Renders a highlighted excerpt: every character escaped, matches wrapped in `<mark>`. */
export const snippetHtml = (parts: readonly SnippetPart[]): string =>
  parts
    .map((part) => (part.isMatch ? `<mark>${escapeHtml(part.text)}</mark>` : escapeHtml(part.text)))
    .join('');

export const hasMatch = (parts: readonly SnippetPart[] | undefined): boolean =>
  parts?.some((p) => p.isMatch) ?? false;
