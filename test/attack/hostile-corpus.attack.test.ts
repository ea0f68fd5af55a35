// The checks the hostile-input run applies to every answer (hostile-corpus.ts), tried on answers
// made up here: each catches what it is for, and lets an escaped copy through. Pure: no server.
import { describe, expect, it } from 'vitest';
import type { Answer } from './attack-server.js';
import { attributeBreakers, javascriptUrls, problemIn, xss } from './hostile-corpus.js';

describe('the hostile-input checks', () => {
  const answer = (text: string, type = 'text/html; charset=utf-8', status = 200): Answer => ({
    status,
    headers: new Headers({ 'content-type': type }),
    text,
    json: {},
  });
  it('catch a server error, a leak, a raw script, a broken attribute and a javascript: link', () => {
    expect(problemIn(answer('{}', 'application/json', 502))).toMatch(/server error/);
    expect(problemIn(answer('SqliteError: no such column'))).toMatch(/leaks/);
    expect(problemIn(answer('    at run (/app/dist/src/x.js:3:9)'))).toMatch(/leaks/);
    expect(problemIn(answer(`<p>${xss[0]}</p>`))).toMatch(/unescaped/);
    expect(problemIn(answer(`<input value="${attributeBreakers[0]}">`))).toMatch(/attribute/);
    expect(problemIn(answer(`<a href="${javascriptUrls[0]}">`))).toMatch(/javascript/);
  });
  it('let escaped copies and JSON through', () => {
    expect(problemIn(answer('<p>&lt;script&gt;alert("mh-xss-1")&lt;/script&gt;</p>'))).toBe(
      undefined,
    );
    expect(problemIn(answer(`<p>${attributeBreakers[0]}</p>`))).toBe(undefined);
    expect(problemIn(answer(JSON.stringify({ name: xss[0] }), 'application/json'))).toBe(undefined);
  });
});
