export { createCampaignsService } from './campaigns.service.js';
export type { CampaignsService } from './campaigns.service.js';
export type {
  Campaign,
  CampaignInput,
  CampaignPatch,
  CampaignProgress,
  CampaignStats,
} from './campaign.js';
export { campaignInputSchema, campaignPatchSchema } from './campaign.js';
