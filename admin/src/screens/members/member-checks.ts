// The member forms' checks before sending, with the API's own schemas (the API checks again), in
// the forms' words.
import { z } from 'zod';
import {
  memberCompSchema,
  memberCreateSchema,
  memberUpdateSchema,
} from '@shared/contracts/member-admin.js';
import type { FormErrors } from '../../ui/form-errors.js';
import { checkWithSchema } from '../../ui/schema-check.js';
import { problemsOnFields } from '../../ui/schema-problems.js';

/**
 * The shared contract takes any text as the email and leaves the address check to the service
 * (features/members: `memberEmailSchema`, which the admin may not import); this is that rule.
 */
const memberCreateCheck = memberCreateSchema.extend({
  email: z.string().trim().max(254).pipe(z.email()),
});

const messages = {
  email: 'Enter an email address, like name@example.org.',
  labels: 'Use at most 50 labels of up to 100 characters each.',
  name: 'Use at most 120 characters.',
  note: 'Use at most 2000 characters.',
};

export const checkNewMember = (body: unknown, shown: readonly string[]): FormErrors =>
  problemsOnFields(checkWithSchema(memberCreateCheck, body, messages), shown);

export const checkMemberChanges = (body: unknown, shown: readonly string[]): FormErrors =>
  problemsOnFields(checkWithSchema(memberUpdateSchema, body, messages), shown);

export const checkComp = (body: unknown, shown: readonly string[]): FormErrors =>
  problemsOnFields(checkWithSchema(memberCompSchema, body), shown);
