import { build, isBuildStale } from '../scripts/build.js';

/** Suites that spawn the real `masthead` process need dist/ current; build it once, up front. */
export default function setup(): void {
  if (isBuildStale()) build();
}
