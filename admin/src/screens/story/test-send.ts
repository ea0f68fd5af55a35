// The test send's addresses: read from what the editor typed and checked with the API's own
// schema (at most five, each an email address), with messages that name the address at fault.
import { newsletterTestSendSchema } from '@shared/contracts/newsletters.js';
import { ApiError } from '../../api.js';

/** What the API takes at most (the schema's `emails.max`). */
export const maxTestAddresses = 5;

/** The addresses typed, split on commas, semicolons, spaces or new lines; empty ones dropped. */
export const testAddressesOf = (text: string): string[] =>
  text
    .split(/[\s,;]+/)
    .map((a) => a.trim())
    .filter(Boolean);

/** Words for the `emails` field's problem, naming the address when one is at fault. */
function emailsProblem(path: readonly PropertyKey[], addresses: readonly string[]): string {
  const index = typeof path[1] === 'number' ? path[1] : Number(path[1]);
  const address = Number.isInteger(index) ? addresses[index] : undefined;
  if (address !== undefined) return `“${address}” is not an email address.`;
  if (addresses.length === 0) return 'Write at least one address to send the test to.';
  if (addresses.length > maxTestAddresses)
    return `A test goes to at most ${maxTestAddresses} addresses; this names ${addresses.length}.`;
  return 'Check the addresses.';
}

/** The problem with these addresses before sending, or undefined when the API would take them. */
export function checkTestAddresses(addresses: readonly string[]): string | undefined {
  const result = newsletterTestSendSchema.safeParse({ postId: 'x', emails: addresses });
  if (result.success) return undefined;
  const issue = result.error.issues.find((i) => i.path[0] === 'emails');
  return issue ? emailsProblem(issue.path, addresses) : undefined;
}

/**
 * A failed test send split for the form: a message for the addresses field (the API's 400 on
 * `emails` or `emails.N`), or one for the form's alert (no mail server, an archived list …).
 */
export function testSendProblem(
  caught: unknown,
  addresses: readonly string[],
): { addresses?: string; general?: string } {
  if (!(caught instanceof ApiError))
    return { general: caught instanceof Error ? caught.message : String(caught) };
  const onEmails = caught.errors.find(
    (e) => e.field === 'emails' || e.field?.startsWith('emails.'),
  );
  if (onEmails) return { addresses: emailsProblem(onEmails.field!.split('.'), addresses) };
  return { general: caught.message };
}
