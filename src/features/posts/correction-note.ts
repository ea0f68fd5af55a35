import type { CorrectionKind } from './post.js';

/** The kinds the public corrections record lists (updates add news; they admit no error). */
export const recordedCorrectionKinds: readonly CorrectionKind[] = ['correction', 'clarification'];

const nouns: Record<CorrectionKind, string> = {
  correction: 'A correction',
  clarification: 'A clarification',
  update: 'An update',
};

/**
 * The public note left in a withdrawn correction's place, written once when it is withdrawn:
 * "A correction made on December 7, 2026 was withdrawn: <reason>". The day is the newsroom's.
 */
export function withdrawalNote(options: {
  kind: CorrectionKind;
  createdAt: string;
  reason: string;
  zone: { timezone: string; locale: string };
}): string {
  const day = new Intl.DateTimeFormat(options.zone.locale, {
    month: 'long',
    day: 'numeric',
    year: 'numeric',
    timeZone: options.zone.timezone,
  }).format(new Date(options.createdAt));
  return `${nouns[options.kind]} made on ${day} was withdrawn: ${options.reason}`;
}
