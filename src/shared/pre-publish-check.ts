// The checks an editor sees before "Publish now": things readers would notice, listed so the
// editor can fix them or publish anyway (none of them stops publication). Pure, so the admin
// runs it on the story as edited, before saving.

export interface PrePublishInput {
  kind: 'article' | 'brief' | 'page' | 'live';
  title: string;
  authorCount: number;
  /** How many of the story's tags are sections (navigation tags). */
  sectionCount: number;
  leadImage: { alt: string } | null;
  scheduledAt: string | null;
}

export interface PrePublishProblem {
  field: 'title' | 'authorIds' | 'tagIds' | 'leadImage' | 'scheduledAt';
  message: string;
}

/** Headlines past this are cut in search results and share cards. */
export const maxGoodTitleLength = 100;
/** Shorter than this rarely says what the story is. */
export const minGoodTitleLength = 10;

export function prePublishProblems(
  input: PrePublishInput,
  options: { now: Date; formatTime: (iso: string) => string },
): PrePublishProblem[] {
  const problems: PrePublishProblem[] = [];
  const title = input.title.trim();
  if (title.length > maxGoodTitleLength)
    problems.push({
      field: 'title',
      message: `The headline is ${title.length} characters long: search results and share cards cut it after about ${maxGoodTitleLength}.`,
    });
  else if (title.length < minGoodTitleLength)
    problems.push({ field: 'title', message: 'The headline is very short.' });
  if (input.authorCount === 0)
    problems.push({ field: 'authorIds', message: 'There is no byline: add an author.' });
  if (input.kind === 'article' && input.sectionCount === 0)
    problems.push({
      field: 'tagIds',
      message: 'The story is in no section: it will not appear on any section page.',
    });
  if (input.leadImage && !input.leadImage.alt.trim())
    problems.push({
      field: 'leadImage',
      message:
        'The lead image has no alt text: readers using screen readers will not know what it shows.',
    });
  if (input.scheduledAt) {
    const at = new Date(input.scheduledAt);
    problems.push({
      field: 'scheduledAt',
      message:
        at.getTime() <= options.now.getTime()
          ? `Its scheduled time, ${options.formatTime(input.scheduledAt)}, has passed.`
          : `It is scheduled for ${options.formatTime(input.scheduledAt)}: publishing now replaces the schedule.`,
    });
  }
  return problems;
}
