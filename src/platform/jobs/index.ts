export { createJobRunner } from './job-runner.js';
export type { Job, JobRunner } from './job-runner.js';
