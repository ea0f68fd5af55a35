import { z } from 'zod';

export const campaignMetrics = ['paying_members', 'new_paying_members', 'all_members'] as const;
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

/** A membership drive: a public goal with a live counter, shown while it runs. */
export const campaignInputSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(120),
    headline: z.string().trim().min(1).max(200),
    body: z.string().trim().max(1000).default(''),
    goal: z.number().int().min(1).max(100_000_000),
    metric: z.enum(campaignMetrics),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    buttons: z.array(button).max(3).default([]),
    placements: z.array(z.enum(campaignPlacements)).max(3).default(['banner']),
    texts: z
      .strictObject({
        running: z.string().max(500).default(''),
        reached: z.string().max(500).default(''),
        ended: z.string().max(500).default(''),
      })
      .default({ running: '', reached: '', ended: '' }),
  })
  .refine((c) => new Date(c.endsAt) > new Date(c.startsAt), {
    message: 'must be after startsAt',
    path: ['endsAt'],
  });

export type CampaignInput = z.input<typeof campaignInputSchema>;

export interface Campaign {
  id: string;
  name: string;
  headline: string;
  body: string;
  goal: number;
  metric: (typeof campaignMetrics)[number];
  startsAt: string;
  endsAt: string;
  buttons: Array<{ label: string; url: string }>;
  placements: Array<(typeof campaignPlacements)[number]>;
  texts: { running: string; reached: string; ended: string };
  createdAt: string;
  updatedAt: string;
}
