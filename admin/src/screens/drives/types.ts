// What the drives screen sends (the input of the shared campaignInputSchema) and the names it
// uses for the answer's enums.
import type { z } from 'zod';
import type { campaignInputSchema } from '@shared/contracts/campaigns.js';
import type { Campaign } from '../../types.js';

export type DriveInput = z.input<typeof campaignInputSchema>;
export type DriveMetric = Campaign['metric'];
export type DrivePlacement = Campaign['placements'][number];
