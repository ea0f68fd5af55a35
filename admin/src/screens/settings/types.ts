// Types of the Admin API answers this screen reads that admin/src/types.ts does not list yet,
// inferred the same way from the shared contracts (type-only: no schema code in the bundle).
import type { Out } from '../../types.js';
import type { servicesStatusSchema } from '@shared/contracts/settings.js';

export type ServicesStatus = Out<typeof servicesStatusSchema>;
