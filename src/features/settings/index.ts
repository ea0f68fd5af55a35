export { createSettingsService } from './settings.service.js';
export type { SettingsService, WarningLog } from './settings.service.js';
export {
  defaultSiteSettings,
  siteSettingsSchema,
  siteSettingsPatchSchema,
} from './site-settings.js';
export type { SiteSettings, SiteSettingsPatch } from './site-settings.js';
