import type { campaignPlacements, driveMetricValues } from '../../shared/contracts/campaigns.js';
export {
  campaignInputSchema,
  campaignPatchSchema,
  campaignPlacements,
  type CampaignInput,
  type CampaignPatch,
} from '../../shared/contracts/campaigns.js';

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
  metric: (typeof driveMetricValues)[number];
  startsAt: string;
  endsAt: string;
  buttons: Array<{ label: string; url: string }>;
  placements: Array<(typeof campaignPlacements)[number]>;
  texts: { running: string; reached: string; ended: string };
  createdAt: string;
  updatedAt: string;
}
