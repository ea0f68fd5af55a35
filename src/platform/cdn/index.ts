export { createCdnPurger } from './cdn-purger.js';
export type { CdnPurgeLog, CdnPurger, CdnPurgerOptions } from './cdn-purger.js';
export { createCloudflarePurgeClient } from './cloudflare-purge.js';
export { createFastlyPurgeClient } from './fastly-purge.js';
export { CdnPurgeError } from './purge-client.js';
export type { CdnPurgeClient } from './purge-client.js';
export { cdnTagHeaders } from './cdn-tag-headers.js';
