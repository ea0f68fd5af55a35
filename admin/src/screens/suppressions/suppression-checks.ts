// The suppression form's check before sending, with the API's own schema (the API checks again).
import { suppressionAddressSchema } from '@shared/contracts/newsletters.js';
import type { FormErrors } from '../../ui/form-errors.js';
import { checkWithSchema } from '../../ui/schema-check.js';
import { problemsOnFields } from '../../ui/schema-problems.js';

const messages = {
  address: 'Enter an email address, like name@example.org.',
  detail: 'Use at most 500 characters.',
};

export const checkSuppressionAddress = (address: string, detail?: string): FormErrors =>
  problemsOnFields(
    checkWithSchema(suppressionAddressSchema, { address, ...(detail ? { detail } : {}) }, messages),
    ['address', 'detail'],
  );
