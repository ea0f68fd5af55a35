import { z } from 'zod';

/** Shapes shared by both APIs' payloads (also bundled into the admin app). */
export const idSchema = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be an id');
export const idParamsSchema = z.strictObject({ id: idSchema });

export const limitSchema = z.coerce
  .number()
  .int()
  .min(1, 'must be at least 1')
  .max(100, 'must be at most 100')
  .default(20);
export const cursorSchema = z.string().max(400).optional();

export const paginationMetaSchema = z.object({
  pagination: z.object({ next: z.string().nullable(), limit: z.number().int() }),
});

/** A list answer: `{ <name>: [...], meta: { pagination: { next, limit } } }`. */
export const listOf = <K extends string, T extends z.ZodType>(name: K, item: T) =>
  z.object({ [name]: z.array(item), meta: paginationMetaSchema } as { [P in K]: z.ZodArray<T> } & {
    meta: typeof paginationMetaSchema;
  });
