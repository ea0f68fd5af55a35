export { mapError } from './error-body.js';
export type { ErrorEntry, MappedError } from './error-body.js';
