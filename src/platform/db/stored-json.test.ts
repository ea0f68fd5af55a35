import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseStoredJson } from './stored-json.js';

describe('parseStoredJson', () => {
  const benefits = z.array(z.string()).catch([]);
  const settings = z.object({ title: z.string(), isPublic: z.boolean().default(true) });

  it('parses the text with the schema, filling defaults an older row lacks', () => {
    expect(parseStoredJson(benefits, '["Ad-free","Archive"]')).toEqual(['Ad-free', 'Archive']);
    expect(parseStoredJson(settings, '{"title":"Masthead"}')).toEqual({
      title: 'Masthead',
      isPublic: true,
    });
  });

  it("reads text that is not JSON, or not the schema's shape, as the schema's fallback", () => {
    expect(parseStoredJson(benefits, 'not json')).toEqual([]);
    expect(parseStoredJson(benefits, '{"a":1}')).toEqual([]);
  });

  it('throws when the schema has no fallback for what is stored', () => {
    expect(() => parseStoredJson(settings, '[1]')).toThrow();
  });
});
