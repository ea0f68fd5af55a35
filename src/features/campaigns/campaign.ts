import { z } from 'zod';
import { driveMessageProblem } from '../../shared/drive-message.js';
import { memberMetrics } from '../members/index.js';

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
  metric: z.enum(memberMetrics),
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

/** A drive's count against its goal. */
export interface CampaignProgress {
  value: number;
  goal: number;
  /** value / goal × 100, rounded down, not capped (a drive can pass its goal). */
  percent: number;
}

export interface CampaignStats extends CampaignProgress {
  state: 'scheduled' | 'running' | 'reached' | 'ended';
  /** The value at the end of each of the newsroom's days since the start (today last). */
  days: Array<{ date: string; value: number }>;
  /** Member events attributed to the drive. */
  conversions: {
    joined: number;
    payments: number;
    amounts: Array<{ currency: string; amount: number }>;
  };
  /** When the goal is reached at the pace of the last 7 days (YYYY-MM-DD); null without progress. */
  projectedGoalDate: string | null;
}

export interface Campaign {
  id: string;
  name: string;
  headline: string;
  body: string;
  goal: number;
  metric: (typeof memberMetrics)[number];
  startsAt: string;
  endsAt: string;
  buttons: Array<{ label: string; url: string }>;
  placements: Array<(typeof campaignPlacements)[number]>;
  texts: { running: string; reached: string; ended: string };
  createdAt: string;
  updatedAt: string;
}
