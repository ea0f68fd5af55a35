/** The emails that carry a member's single-use links (they work once, for 15 minutes). */

interface LinkMail {
  siteName: string;
  link: string;
}

/** A sign-in link (which also makes a new reader a free member). */
export const signInMail = ({ siteName, link }: LinkMail) => ({
  subject: `Your sign-in link for ${siteName}`,
  text: [
    'Hello,',
    '',
    `Follow this link to sign in to ${siteName}. It works once, for 15 minutes:`,
    '',
    link,
    '',
    'If you did not ask for it, ignore this email: nothing happens without the link.',
  ].join('\n'),
});

/** A sign-in link asked for from a newsletter form: it confirms the lists (double opt-in). */
export const listConfirmationMail = ({
  siteName,
  link,
  listNames,
}: LinkMail & { listNames: readonly string[] }) => ({
  subject: `Confirm your subscription to ${listNames.join(', ')}`,
  text: [
    'Hello,',
    '',
    `Follow this link to confirm that you want ${listNames.join(', ')} from ${siteName} at this address. It works once, for 15 minutes:`,
    '',
    link,
    '',
    `It also signs you in (and, if you are new, makes you a free member of ${siteName}).`,
    'If you did not ask for it, ignore this email: nothing is sent without your confirmation.',
  ].join('\n'),
});

/** A link confirming a member's new address. */
export const emailChangeMail = ({ siteName, link }: LinkMail) => ({
  subject: `Confirm your new email address for ${siteName}`,
  text: [
    'Hello,',
    '',
    `Follow this link to use this address for your ${siteName} account. It works once, for 15 minutes:`,
    '',
    link,
    '',
    'If you did not ask for it, ignore this email: nothing changes without the link.',
  ].join('\n'),
});
