import { z } from 'zod';
import { driveMessageProblem } from '../drive-message.js';

/** What a drive counts (the members feature computes each). */
export const driveMetricValues = ['paying_members', 'new_paying_members', 'all_members'] as const;
export const campaignPlacements = ['banner', 'home', 'story_end'] as const;

const button = z.strictObject({
  label: z.string().trim().min(1).max(40),
  url: z
    .string()
    .trim()
    .max(300)
    .refine(
      (u) => /^\/(?!\/)/.test(u) || /^https?:\/\//.test(u),
      'must be a site path or an http(s) URL',
    ),
});

/** An ICU message (`Help us reach {goal, number} members`), refused on save when it cannot render. */
const message = <T extends z.ZodType<string>>(schema: T) =>
  schema.superRefine((text, ctx) => {
    const problem = driveMessageProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const campaignFields = {
  name: z.string().trim().min(1).max(120),
  headline: message(z.string().trim().min(1).max(200)),
  body: message(z.string().trim().max(1000)).default(''),
  goal: z.number().int().min(1).max(100_000_000),
  metric: z.enum(driveMetricValues),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  buttons: z.array(button).max(3).default([]),
  placements: z.array(z.enum(campaignPlacements)).max(3).default(['banner']),
  texts: z
    .strictObject({
      running: message(z.string().max(500)).default(''),
      reached: message(z.string().max(500)).default(''),
      ended: message(z.string().max(500)).default(''),
    })
    .default({ running: '', reached: '', ended: '' }),
};

/** A membership drive: a public goal with a live counter, shown while it runs. */
export const campaignInputSchema = z
  .strictObject(campaignFields)
  .refine((c) => new Date(c.endsAt) > new Date(c.startsAt), {
    message: 'must be after startsAt',
    path: ['endsAt'],
  });

/** A new drive, parsed with `campaignInputSchema` at the front door (defaults filled in). */
export type CampaignInput = z.output<typeof campaignInputSchema>;

/** An edit: any of the fields, none defaulted (the result is checked again as a whole). */
export const campaignPatchSchema = z.strictObject({
  name: campaignFields.name.optional(),
  headline: campaignFields.headline.optional(),
  body: message(z.string().trim().max(1000)).optional(),
  goal: campaignFields.goal.optional(),
  metric: campaignFields.metric.optional(),
  startsAt: campaignFields.startsAt.optional(),
  endsAt: campaignFields.endsAt.optional(),
  buttons: z.array(button).max(3).optional(),
  placements: z.array(z.enum(campaignPlacements)).max(3).optional(),
  texts: z
    .strictObject({
      running: message(z.string().max(500)).optional(),
      reached: message(z.string().max(500)).optional(),
      ended: message(z.string().max(500)).optional(),
    })
    .optional(),
});
export type CampaignPatch = z.output<typeof campaignPatchSchema>;

/** Membership drives as the Admin API answers them. */
export const campaignSchema = z.object({
  id: z.string(),
  name: z.string(),
  headline: z.string(),
  body: z.string(),
  goal: z.number().int(),
  metric: z.enum(driveMetricValues),
  startsAt: z.string(),
  endsAt: z.string(),
  buttons: z.array(z.object({ label: z.string(), url: z.string() })),
  placements: z.array(z.enum(campaignPlacements)),
  texts: z.object({ running: z.string(), reached: z.string(), ended: z.string() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const campaignStatsSchema = z.object({
  value: z.number().int(),
  goal: z.number().int(),
  percent: z.number().int(),
  state: z.enum(['scheduled', 'running', 'reached', 'ended']),
  days: z.array(z.object({ date: z.string(), value: z.number().int() })),
  conversions: z.object({
    joined: z.number().int(),
    payments: z.number().int(),
    amounts: z.array(z.object({ currency: z.string(), amount: z.number().int() })),
  }),
  projectedGoalDate: z.string().nullable(),
});
