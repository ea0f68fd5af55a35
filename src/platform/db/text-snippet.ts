/**
 * Highlighted excerpts computed from a document's stored text, with the matching rules of the
 * SQLite index (`unicode61 remove_diacritics 2`: words are runs of letters, digits and marks,
 * compared without case or accents; the query's last term may be a prefix). SQLite's own
 * `snippet()` needs the full-text match evaluated, and for a word found in most of a large
 * archive (`the*`) that costs as much as the search itself, once per column; a page of
 * results' text is a few kilobytes per row, cheap to scan here.
 */

/** The shapes of full-text.ts, repeated so that it can import this file without a cycle. */
interface FullTextQuery {
  readonly terms: readonly string[];
  readonly isLastPrefix: boolean;
}
interface SnippetPart {
  readonly text: string;
  readonly isMatch: boolean;
}

const wordPattern = /[\p{L}\p{N}\p{Co}][\p{L}\p{N}\p{Co}\p{M}]*/gu;

/** Lower case without accents, as the index compares words. */
export const foldWord = (word: string): string =>
  word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

interface Token {
  readonly start: number;
  readonly end: number;
  /** Which query term the word matches, or -1. */
  readonly term: number;
}

function tokensOf(text: string, query: FullTextQuery): Token[] {
  const terms = query.terms.map(foldWord);
  const lastIndex = terms.length - 1;
  const prefix = query.isLastPrefix ? terms[lastIndex] : undefined;
  const tokens: Token[] = [];
  for (const found of text.matchAll(wordPattern)) {
    const folded = foldWord(found[0]);
    let term = terms.indexOf(folded);
    if (term < 0 && prefix !== undefined && folded.startsWith(prefix)) term = lastIndex;
    tokens.push({ start: found.index, end: found.index + found[0].length, term });
  }
  return tokens;
}

/**
 * The start of the window of `words` tokens with the most distinct terms, then the most matches;
 * among equals, the one whose first match sits nearest a quarter into it (read in context).
 */
function bestWindowStart(tokens: readonly Token[], words: number): number {
  if (tokens.length <= words) return 0;
  const lead = Math.floor(words / 4);
  // nextMatch[i]: the first matching token at or after i.
  const nextMatch = new Array<number>(tokens.length + 1).fill(tokens.length);
  for (let i = tokens.length - 1; i >= 0; i -= 1)
    nextMatch[i] = tokens[i]!.term >= 0 ? i : nextMatch[i + 1]!;
  const counts = new Map<number, number>();
  const add = (i: number, by: number) => {
    const term = tokens[i]!.term;
    if (term < 0) return;
    const count = (counts.get(term) ?? 0) + by;
    if (count === 0) counts.delete(term);
    else counts.set(term, count);
    matches += by;
  };
  let matches = 0;
  for (let i = 0; i < words; i += 1) add(i, 1);
  let best = 0;
  let bestScore = -Infinity;
  for (let start = 0; start + words <= tokens.length; start += 1) {
    if (start > 0) {
      add(start - 1, -1);
      add(start + words - 1, 1);
    }
    const offset = nextMatch[start]! - start;
    const placement = offset < words ? -Math.abs(offset - lead) : -words;
    const score = counts.size * 1e6 + matches * 1e3 + placement;
    if (score > bestScore) {
      best = start;
      bestScore = score;
    }
  }
  return best;
}

/**
 * An excerpt of about `words` words of `text` around its best matches, split into matched and
 * unmatched parts (the caller escapes them); `…` where the text is cut. Text with no match
 * gives its opening words. Empty text gives no parts.
 */
export function snippetOfText(text: string, query: FullTextQuery, words: number): SnippetPart[] {
  const tokens = tokensOf(text, query);
  if (tokens.length === 0) return [];
  const first = bestWindowStart(tokens, words);
  const last = Math.min(tokens.length, first + words) - 1;
  const parts: SnippetPart[] = [];
  let plain = first > 0 ? '…' : '';
  let at = tokens[first]!.start;
  for (let i = first; i <= last; i += 1) {
    const token = tokens[i]!;
    if (token.term < 0) continue;
    plain += text.slice(at, token.start);
    if (plain) parts.push({ text: plain, isMatch: false });
    parts.push({ text: text.slice(token.start, token.end), isMatch: true });
    plain = '';
    at = token.end;
  }
  // Cut after the window's last word, or keep the text's own ending (its full stop).
  plain += last < tokens.length - 1 ? `${text.slice(at, tokens[last]!.end)}…` : text.slice(at);
  if (plain) parts.push({ text: plain, isMatch: false });
  return parts;
}
