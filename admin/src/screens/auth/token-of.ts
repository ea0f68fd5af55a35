/** The `token` of a link from an email (`?token=…`), or '' when the link was cut short. */
export const tokenOf = (search: string): string => new URLSearchParams(search).get('token') ?? '';

/**
 * The API answers a used or expired link with a problem on `token`, a field these forms do not
 * show: say it in words that tell the reader what to do next.
 */
export const linkProblem = (messages: string[], expiredMessage: string): string[] =>
  messages.map((m) => (m.startsWith('token:') ? expiredMessage : m));
