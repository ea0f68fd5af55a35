export { createTiersService, defaultTiers } from './tiers.service.js';
export type { TiersService } from './tiers.service.js';
export { giftPriceOf, priceOf, tierProblems } from './tier.js';
export type { BillingInterval, Tier, TierCreateInput, TierUpdateInput } from './tier.js';
