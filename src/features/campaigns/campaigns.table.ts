export interface CampaignsTable {
  id: string;
  name: string;
  headline: string;
  body: string;
  goal: number;
  metric: string;
  starts_at: string;
  ends_at: string;
  buttons: string;
  placements: string;
  texts: string;
  created_at: string;
  updated_at: string;
}

export interface CampaignsTables {
  campaigns: CampaignsTable;
}
