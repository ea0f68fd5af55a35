import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isAppError, problemsFrom, zodValidationError } from './errors.js';

const failure = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected the value to be refused');
  return result.error;
};

const order = z.strictObject({
  customer: z.strictObject({ name: z.string().min(1, 'must not be empty') }),
  lines: z.array(z.strictObject({ sku: z.string(), quantity: z.number().int().positive() })),
});

describe('problemsFrom', () => {
  it('joins nested paths and array indexes with dots', () => {
    const error = failure(order, {
      customer: { name: '' },
      lines: [
        { sku: 'a', quantity: 1 },
        { sku: 'b', quantity: 0 },
      ],
    });
    expect(problemsFrom(error)).toEqual([
      { field: 'customer.name', message: 'must not be empty' },
      { field: 'lines.1.quantity', message: expect.any(String) as string },
    ]);
  });

  it('names an issue about the whole value by rootField, or empty when none is given', () => {
    const error = failure(order, 'not an object');
    expect(problemsFrom(error)).toEqual([{ field: '', message: expect.any(String) as string }]);
    expect(problemsFrom(error, { rootField: 'body' })).toEqual([
      { field: 'body', message: error.issues[0]?.message },
    ]);
    const refined = z
      .object({ from: z.number(), to: z.number() })
      .refine((range) => range.from <= range.to, 'from must not be after to');
    expect(problemsFrom(failure(refined, { from: 2, to: 1 }), { rootField: 'range' })).toEqual([
      { field: 'range', message: 'from must not be after to' },
    ]);
  });

  it('reports each unknown key at its own field, at the top and nested', () => {
    const error = failure(order, {
      customer: { name: 'Ann', vip: true },
      lines: [{ sku: 'a', quantity: 1, note: 'x' }],
      colour: 'red',
      size: 'L',
    });
    expect(problemsFrom(error, { rootField: 'body' })).toEqual(
      expect.arrayContaining([
        { field: 'customer.vip', message: 'unknown field: vip' },
        { field: 'lines.0.note', message: 'unknown field: note' },
        { field: 'colour', message: 'unknown field: colour' },
        { field: 'size', message: 'unknown field: size' },
      ]),
    );
    expect(problemsFrom(error)).toHaveLength(4);
  });

  it('puts a prefix before every field, the root included', () => {
    const error = failure(order, { customer: { name: '' }, lines: [], extra: 1 });
    expect(problemsFrom(error, { prefix: 'data.object' })).toEqual(
      expect.arrayContaining([
        { field: 'data.object.customer.name', message: 'must not be empty' },
        { field: 'data.object.extra', message: 'unknown field: extra' },
      ]),
    );
    const root = failure(order, null);
    expect(problemsFrom(root, { prefix: 'data.object' })[0]?.field).toBe('data.object');
    expect(problemsFrom(root, { prefix: 'data', rootField: 'object' })[0]?.field).toBe(
      'data.object',
    );
  });
});

describe('zodValidationError', () => {
  it('is a 400 VALIDATION_FAILED carrying the problems and naming them in its message', () => {
    const error = zodValidationError(failure(order, { customer: { name: '' }, lines: [] }), {
      rootField: 'body',
    });
    expect(isAppError(error)).toBe(true);
    expect(error).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      problems: [{ field: 'customer.name', message: 'must not be empty' }],
      message: 'customer.name: must not be empty',
    });
  });
});
