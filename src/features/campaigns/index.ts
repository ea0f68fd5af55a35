export { createCampaignsService } from './campaigns.service.js';
export type { CampaignsService } from './campaigns.service.js';
export type { Campaign, CampaignInput } from './campaign.js';
export { campaignInputSchema, campaignMetrics, campaignPlacements } from './campaign.js';
export type { CampaignsTables } from './campaigns.table.js';
