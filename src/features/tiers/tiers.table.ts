export interface TiersTable {
  id: string;
  slug: string;
  name: string;
  description: string;
  /** JSON array of strings. */
  benefits: string;
  is_free: number;
  is_active: number;
  currency: string;
  monthly_amount: number | null;
  yearly_amount: number | null;
  minimum_amount: number | null;
  stripe_product_id: string | null;
  position: number;
  created_at: string;
  updated_at: string;
}

export interface TiersTables {
  tiers: TiersTable;
}
