import { describe, expect, it } from 'vitest';
import { authorInputOf, checkAuthorInput, emptyAuthorValues } from './author-form-values.js';

describe('the byline form checks what the API checks', () => {
  const values = { ...emptyAuthorValues, name: 'News desk' };

  it('sends a byline the API takes', () => {
    const body = authorInputOf({ ...values, website: 'https://example.com', email: 'a@b.org' });
    expect(checkAuthorInput(body, 'create')).toEqual({});
    expect(checkAuthorInput(body, 'update')).toEqual({});
  });

  it('asks for a name, on create and on edit', () => {
    const body = authorInputOf({ ...values, name: '   ' });
    expect(checkAuthorInput(body, 'create').name).toBe('Give the byline a name.');
    expect(checkAuthorInput(body, 'update').name).toBe('Give the byline a name.');
  });

  it('refuses links the API refuses (it sent them and waited for the 400 before)', () => {
    const found = checkAuthorInput(
      authorInputOf({ ...values, website: 'ftp://example.com', email: 'not an address' }),
      'create',
    );
    expect(found['links.website']).toBe('Use an address starting with https:// or http://.');
    expect(found['links.email']).toBe('Write an email address, like desk@example.com.');
  });

  it('names a bio past the API’s limit in the schema’s words', () => {
    const found = checkAuthorInput(authorInputOf({ ...values, bio: 'x'.repeat(2001) }), 'create');
    expect(Object.keys(found)).toEqual(['bio']);
    expect(found.bio).toMatch(/2000/);
  });
});
