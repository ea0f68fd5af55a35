export { checkoutInputSchema } from './checkout.service.js';
export type { CheckoutInput } from './checkout.service.js';
export { createGiftsService } from './gifts.service.js';
export type { Gift, GiftStatus, GiftsService } from './gifts.service.js';
export { createMembershipPaymentsService } from './payments.service.js';
export type { MembershipPaymentsService } from './payments.service.js';
