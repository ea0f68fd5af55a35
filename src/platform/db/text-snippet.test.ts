import { describe, expect, it } from 'vitest';
import { toFullTextQuery } from './full-text.js';
import { snippetOfText } from './text-snippet.js';

const marked = (text: string, q: string, words = 8) =>
  snippetOfText(text, toFullTextQuery(q)!, words)
    .map((part) => (part.isMatch ? `[${part.text}]` : part.text))
    .join('');

describe('snippetOfText (excerpts from stored text, as the SQLite index matches)', () => {
  it('marks every word the query matches, without case or accents, the last term as a prefix', () => {
    expect(marked('Shelling near Kyïv; KYIV residents shelter.', 'kyiv shel')).toBe(
      '[Shelling] near [Kyïv]; [KYIV] residents [shelter].',
    );
    // Only the last term is a prefix, and a word is matched whole.
    expect(marked('Grain and grains at the port', 'grain port')).toBe(
      '[Grain] and grains at the [port]',
    );
  });

  it('cuts a long text to the window with the most distinct terms, with ellipses where cut', () => {
    const text =
      'The council met on Monday to discuss the budget. Later that week the bridge over the river was closed for repairs, and ferries ran instead.';
    expect(marked(text, 'bridge ferries', 10)).toBe(
      '…[bridge] over the river was closed for repairs, and [ferries]…',
    );
    // One term: the match a quarter into the window, read in context.
    expect(marked(text, 'bridge', 8)).toBe('…week the [bridge] over the river was closed…');
    // No match in this column: its opening words.
    expect(marked(text, 'harbour', 5)).toBe('The council met on Monday…');
  });

  it('keeps the text between words as written, for the caller to escape', () => {
    expect(marked('Tags like <script> & "quotes"', 'script', 10)).toBe(
      'Tags like <[script]> & "quotes"',
    );
    expect(snippetOfText('  …  ', toFullTextQuery('word')!, 10)).toEqual([]);
  });
});
