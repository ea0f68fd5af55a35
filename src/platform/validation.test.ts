import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from './errors.js';
import { parseInput } from './validation.js';

const person = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty'),
  tags: z.array(z.string()).default([]),
});

const refusal = (run: () => unknown): AppError => {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the value to be refused');
};

describe('parseInput', () => {
  it("returns the schema's output: trimmed, defaults filled in", () => {
    expect(parseInput(person, { name: '  Ann ' })).toEqual({ name: 'Ann', tags: [] });
  });

  it('reads a missing value as an empty object', () => {
    expect(parseInput(z.strictObject({ q: z.string().optional() }), undefined)).toEqual({});
  });

  it('refuses with 400 VALIDATION_FAILED naming every bad field', () => {
    const error = refusal(() => parseInput(person, { name: ' ', colour: 'red' }));
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    expect(error.problems).toEqual([
      { field: 'name', message: 'must not be empty' },
      { field: 'colour', message: 'unknown field: colour' },
    ]);
  });

  it('names an issue about the whole value "body" unless told otherwise', () => {
    expect(refusal(() => parseInput(person, 'text')).problems[0]?.field).toBe('body');
    expect(
      refusal(() => parseInput(person, 'text', { rootField: 'query' })).problems[0]?.field,
    ).toBe('query');
  });

  it('refuses NUL in any string or key before the schema runs, naming where', () => {
    expect(refusal(() => parseInput(person, { name: 'a\u0000b' })).problems).toEqual([
      { field: 'name', message: 'must not contain NUL characters' },
    ]);
    expect(
      refusal(() => parseInput(person, { name: 'A', tags: ['x', 'y\u0000'] })).problems,
    ).toEqual([{ field: 'tags.1', message: 'must not contain NUL characters' }]);
    expect(refusal(() => parseInput(z.string(), '\u0000')).problems[0]?.field).toBe('body');
    expect(
      refusal(() => parseInput(person, { name: '\u0000' }, { prefix: 'data.object' })).problems,
    ).toEqual([{ field: 'data.object.name', message: 'must not contain NUL characters' }]);
  });
});
