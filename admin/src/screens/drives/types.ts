// What the drives screen sends. The server's schema for it (campaignInputSchema) lives in
// src/features, which the admin may not import, so the shape is derived from the answer type.
import type { Campaign } from '../../types.js';

export type DriveInput = Omit<Campaign, 'id' | 'createdAt' | 'updatedAt'>;
export type DriveMetric = Campaign['metric'];
export type DrivePlacement = Campaign['placements'][number];
