// The member forms' checks before sending, with the API's own schemas (the API checks again), in
// the forms' words.
import {
  memberCompSchema,
  memberCreateSchema,
  memberEmailSchema,
  memberUpdateSchema,
} from '@shared/contracts/member-admin.js';
import type { FormErrors } from '../../ui/form-errors.js';
import { checkWithSchema } from '../../ui/schema-check.js';
import { problemsOnFields } from '../../ui/schema-problems.js';

/**
 * The create contract takes any text as the email and leaves the address check to the service,
 * which applies the shared `memberEmailSchema`; the form checks with that same rule.
 */
const memberCreateCheck = memberCreateSchema.extend({ email: memberEmailSchema });

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
