import { z } from 'zod';

/** Membership drives as the Admin API answers them. */
export const campaignSchema = z.object({
  id: z.string(),
  name: z.string(),
  headline: z.string(),
  body: z.string(),
  goal: z.number().int(),
  metric: z.enum(['paying_members', 'new_paying_members', 'all_members']),
  startsAt: z.string(),
  endsAt: z.string(),
  buttons: z.array(z.object({ label: z.string(), url: z.string() })),
  placements: z.array(z.enum(['banner', 'home', 'story_end'])),
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
