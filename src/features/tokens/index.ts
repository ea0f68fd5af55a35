export { createTokensService } from './tokens.service.js';
export type { TokensService } from './tokens.service.js';
export type { ApiToken, ApiTokenKind, TokenCreator } from './api-token.js';
export type { TokensTables } from './tokens.table.js';
