import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser.js';
import { startSiteServer, type SiteServer } from './site-server.js';

/**
 * The demo site on its own port and a Chromium to read it with, for one suite: started before
 * the suite's own `beforeAll` hooks and closed after its `afterAll` hooks (vitest runs them as a
 * stack). The fields are set from `beforeAll` on.
 */
export function useSiteInBrowser(): { server: SiteServer; browser: Browser } {
  const site = {} as { server: SiteServer; browser: Browser };
  beforeAll(async () => {
    site.server = await startSiteServer();
    site.browser = await launchBrowser();
  });
  afterAll(async () => {
    await site.browser?.close();
    await site.server?.stop();
  });
  return site;
}
