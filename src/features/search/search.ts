import { z } from 'zod';
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

const maxQueryLength = 200;
const listOfNames = z.array(z.string().min(1).max(40)).min(1).max(10);

/** A search, as a front door (the reader site's search page) parses it. */
export const searchOptionsSchema = z.object({
  q: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(maxQueryLength, `must be at most ${maxQueryLength} characters`),
  limit: z.number().int().min(1).max(100),
  cursor: z.string().max(400).optional(),
  /** Defaults to published posts only. */
  statuses: listOfNames.optional(),
  kinds: listOfNames.optional(),
  /**
   * Visibilities whose bodies the searcher may read (`['public']` for a reader signed out);
   * posts of other visibilities match and show excerpts by their teaser only. `all` for staff.
   */
  readable: z.union([z.literal('all'), listOfNames]),
  /** `relevance` (best match first, the default) or `newest` (latest published first). */
  sort: z.enum(['relevance', 'newest']).default('relevance'),
});
export type SearchOptions = z.output<typeof searchOptionsSchema>;

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
