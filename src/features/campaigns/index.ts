export { createCampaignsService } from './campaigns.service.js';
export type { CampaignsService } from './campaigns.service.js';
export type {
  Campaign,
  CampaignInput,
  CampaignPatch,
  CampaignProgress,
  CampaignStats,
} from './campaign.js';
export {
  campaignInputSchema,
  campaignMetrics,
  campaignPatchSchema,
  campaignPlacements,
} from './campaign.js';
export { projectGoalDate } from './campaign-projection.js';
export type { CampaignsTables } from './campaigns.table.js';
