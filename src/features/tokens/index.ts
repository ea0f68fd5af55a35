export { contentKeyTrustMs, createTokensService } from './tokens.service.js';
export type { TokensService } from './tokens.service.js';
export type { ApiToken, ApiTokenKind, CreateTokenInput, TokenCreator } from './api-token.js';
export { createTokenInputSchema } from './api-token.js';
