/**
 * HTTP front doors parse with the same helper as the CLI and jobs (src/platform/validation.ts):
 * a 400 naming every bad field, strings with NUL refused, a missing body or query read as `{}`.
 */
export { parseInput } from '../platform/validation.js';
