export { createAnalyticsService, beaconRule } from './analytics.service.js';
export type {
  AnalyticsService,
  ConversionKind,
  PostLookup,
  PreparedConversion,
} from './analytics.service.js';
export type { BeaconInput, BeaconRequest, DeviceClass } from './hit.js';
