import { describe, expect, it } from 'vitest';
import { decodeQuotedPrintable } from '../../../test/helpers/mime-decode.js';
import { encodeQuotedPrintable, joinQuotedPrintable } from './quoted-printable.js';

/** What RFC 2045 allows on an encoded line: no line over 76, only literal or =XX, no trailing space. */
function expectValidQuotedPrintable(encoded: string) {
  for (const line of encoded.split('\r\n')) {
    expect(line.length, line).toBeLessThanOrEqual(76);
    expect(line, line).toMatch(/^(?:[\x21-\x3c\x3e-\x7e \t]|=[0-9A-F]{2})*=?$/);
    expect(line, line).not.toMatch(/[ \t]$/);
  }
  expect(encoded).not.toMatch(/\r(?!\n)|(?<!\r)\n/);
}

const crlf = (text: string) => text.replace(/\r\n|\r|\n/g, '\r\n');

/** A deterministic mix of ASCII, `=`, spaces, line breaks, accents, CJK and emoji. */
function sampleText(seed: number, length: number): string {
  const alphabet = [
    'a',
    'Z',
    ' ',
    '=',
    '.',
    '\t',
    '\n',
    'é',
    'Ø',
    '李',
    '😀',
    '%',
    '&',
    '\r\n',
    '-',
  ];
  let state = seed;
  let out = '';
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    out += alphabet[state % alphabet.length];
  }
  return out;
}

describe('quoted-printable', () => {
  it('leaves short plain lines alone, encodes "=" and what is not printable ASCII', () => {
    expect(encodeQuotedPrintable('Good morning.')).toBe('Good morning.');
    expect(encodeQuotedPrintable('a=b')).toBe('a=3Db');
    expect(encodeQuotedPrintable('Zoë')).toBe('Zo=C3=AB');
    expect(encodeQuotedPrintable('one\ntwo\r\nthree')).toBe('one\r\ntwo\r\nthree');
  });

  it('encodes spaces and tabs that end a line, and only those', () => {
    expect(encodeQuotedPrintable('a b \nc\t')).toBe('a b=20\r\nc=09');
  });

  it('wraps a long URL with soft breaks, never inside =XX or a UTF-8 character', () => {
    const url = `https://news.example.org/unsubscribe/?t=${'ab'.repeat(60)}&list=${'é'.repeat(30)}`;
    const encoded = encodeQuotedPrintable(url);
    expectValidQuotedPrintable(encoded);
    expect(encoded.split('\r\n').length).toBeGreaterThan(3);
    // Every line starts a character: a continuation byte (=80..=BF) never opens a line.
    for (const line of encoded.split('=\r\n')) expect(line).not.toMatch(/^=[89AB][0-9A-F]/);
    expect(decodeQuotedPrintable(encoded)).toBe(url);
  });

  it('keeps its last line short enough for a soft break after it', () => {
    for (const length of [74, 75, 76, 77, 150]) {
      const encoded = encodeQuotedPrintable('x'.repeat(length));
      expect(encoded.split('\r\n').at(-1)!.length).toBeLessThanOrEqual(75);
    }
  });

  it('decodes back to the text, line breaks as CRLF, whatever the text', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const text = sampleText(seed, 400);
      const encoded = encodeQuotedPrintable(text);
      expectValidQuotedPrintable(encoded);
      expect(decodeQuotedPrintable(encoded)).toBe(crlf(text));
    }
  });

  it('joins pieces encoded apart into the encoding of the whole', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const text = sampleText(seed, 600);
      // Cut anywhere but inside a CRLF (a piece's line breaks are its own) or a character.
      const isLowSurrogate = (at: number) => /[\udc00-\udfff]/.test(text[at] ?? '');
      const cuts = [0, 37 + seed, 150 + seed * 3, 151 + seed * 3, 420, text.length].filter(
        (cut) => (text[cut - 1] !== '\r' || text[cut] !== '\n') && !isLowSurrogate(cut),
      );
      const pieces = cuts.slice(1).map((cut, i) => text.slice(cuts[i], cut));
      const joined = joinQuotedPrintable(pieces.map(encodeQuotedPrintable));
      expectValidQuotedPrintable(joined);
      expect(decodeQuotedPrintable(joined)).toBe(crlf(text));
    }
  });
});
