import { z } from 'zod';
import { cursorSchema, idSchema, limitSchema } from './common.js';

/** Staff views of members: list filters, edits, comps, stats and the CSV import report. */

const statuses = ['free', 'paid', 'comped', 'gift'] as const;
const isoDateTime = z.iso.datetime({ offset: true });
const label = z.string().trim().min(1, 'must not be empty').max(100);

/** A reader's email address, the one rule for sign-up, checkout, imports and the admin's forms. */
export const memberEmailSchema = z
  .string()
  .trim()
  .max(254)
  .email('must be an email address')
  .transform((e) => e.toLowerCase());

export const memberSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  status: z.enum(statuses),
  tierId: z.string().nullable(),
  accessUntil: z.string().nullable(),
  note: z.string(),
  subscribedToEmails: z.boolean(),
  stripeCustomerId: z.string().nullable(),
  campaignId: z.string().nullable(),
  labels: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const memberEventSchema = z.object({
  id: z.string(),
  memberId: z.string(),
  type: z.string(),
  data: z.record(z.string(), z.unknown()),
  campaignId: z.string().nullable(),
  amount: z.number().nullable(),
  currency: z.string().nullable(),
  createdAt: z.string(),
});

/** Filters shared by the list and the export; newest first. */
export const memberFilterSchema = z.strictObject({
  status: z.enum(statuses).optional(),
  tier: idSchema.optional(),
  label: label.optional(),
  /** Joined at or after (ISO 8601). */
  joinedFrom: isoDateTime.optional(),
  /** Joined before (ISO 8601). */
  joinedTo: isoDateTime.optional(),
  /** Part of the email or name (matched literally, case-insensitively). */
  q: z.string().trim().min(1).max(200).optional(),
});
export type MemberFilter = z.infer<typeof memberFilterSchema>;

export const memberListQuerySchema = memberFilterSchema.extend({
  limit: limitSchema,
  cursor: cursorSchema,
});
export type MemberListQuery = z.infer<typeof memberListQuerySchema>;

export const memberEventsQuerySchema = z.strictObject({ limit: limitSchema, cursor: cursorSchema });

export const memberCompSchema = z.strictObject({
  tierId: idSchema.nullable().default(null),
  /** When the complimentary access ends; null or absent: open-ended. */
  until: isoDateTime.nullable().default(null),
});
export type MemberCompInput = z.infer<typeof memberCompSchema>;

export const memberCreateSchema = z.strictObject({
  email: z.string().max(254),
  name: z.string().trim().max(120).optional(),
  note: z.string().max(2000).optional(),
  labels: z.array(label).max(50).optional(),
  subscribedToEmails: z.boolean().optional(),
  /** Complimentary access from the start. */
  comp: memberCompSchema.optional(),
});
export type MemberCreateInput = z.infer<typeof memberCreateSchema>;

export const memberUpdateSchema = z.strictObject({
  name: z.string().trim().max(120).optional(),
  note: z.string().max(2000).optional(),
  /** The full set of labels (replaces the current ones). */
  labels: z.array(label).max(50).optional(),
  subscribedToEmails: z.boolean().optional(),
});
export type MemberUpdateInput = z.infer<typeof memberUpdateSchema>;

export const memberStatsQuerySchema = z.strictObject({
  /** First day (in the newsroom's zone, YYYY-MM-DD); default: 29 days before `to`. */
  from: z.iso.date().optional(),
  /** Last day (in the newsroom's zone, YYYY-MM-DD), included; default: the newsroom's today. */
  to: z.iso.date().optional(),
});

export const memberStatsSchema = z.object({
  totals: z.object({
    all: z.number().int(),
    byStatus: z.object(Object.fromEntries(statuses.map((s) => [s, z.number().int()]))),
    byTier: z.array(z.object({ tierId: z.string(), count: z.number().int() })),
  }),
  days: z.array(z.object({ date: z.string(), joined: z.number().int(), lost: z.number().int() })),
  monthlyRecurringRevenue: z.array(z.object({ currency: z.string(), amount: z.number().int() })),
});
export type MemberStats = z.infer<typeof memberStatsSchema>;

/**
 * What an import does with each valid row: `create` adds new members and leaves existing ones as
 * they are (the default); `update` changes existing members only (name, note, newsletter and
 * labels, from the columns the file has) and skips unknown emails; `upsert` does both.
 */
export const memberImportModes = ['create', 'update', 'upsert'] as const;
export type MemberImportMode = (typeof memberImportModes)[number];

export const memberImportQuerySchema = z.strictObject({
  skipInvalid: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => v === 'true' || v === '1'),
  mode: z.enum(memberImportModes, { error: 'must be create, update or upsert' }).default('create'),
});

export const importProblemSchema = z.object({
  row: z.number().int(),
  field: z.string(),
  message: z.string(),
});
export type ImportProblem = z.infer<typeof importProblemSchema>;

/** A valid row the import did not write, and why (an existing email in create mode, an unknown one in update mode). */
export const importSkipSchema = z.object({ row: z.number().int(), reason: z.string() });
export type ImportSkip = z.infer<typeof importSkipSchema>;

export const memberImportReportSchema = z.object({
  mode: z.enum(memberImportModes),
  /** Data rows in the file. */
  total: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  /** Members created. */
  imported: z.number().int(),
  /** Existing members the file changed (update and upsert modes). */
  updated: z.number().int(),
  /** Existing members the file names with nothing different (update and upsert modes). */
  unchanged: z.number().int(),
  /** Valid rows whose email already belonged to a member (skipped in create mode). */
  existing: z.number().int(),
  /** False when the file had bad rows and skipInvalid was not asked: nothing was written. */
  isImported: z.boolean(),
  /** Every bad row: its row number (the header is row 1), the column and what is wrong. */
  problems: z.array(importProblemSchema),
  /** Every valid row left alone, with the reason. */
  skipped: z.array(importSkipSchema),
});
export type MemberImportReport = z.infer<typeof memberImportReportSchema>;
