import type { CSSProperties } from 'react';
import { driveBannerText, driveButtonProblem } from '@shared/drive-banner-text.js';
import { formatNumber } from '../../ui/format.js';
import { goalOf, fromLocalInput, type DriveFormValues } from './drive-form-values.js';
import { useNewsroomClock } from '../../ui/newsroom-clock.js';

/**
 * The site's banner as the form stands, with the same words as the site (the shared
 * driveBannerText) and the site's look; buttons are inert here. `count` is the drive's real
 * current value (or today's count for the chosen metric, for a drive not saved yet).
 */
export function DriveBannerPreview(props: {
  values: DriveFormValues;
  count: number | undefined;
  countSource: string;
  locale: string;
  timeZone: string;
  accentColor: string;
  isPaidEnabled: boolean | null;
}) {
  const { values, count } = props;
  const goal = goalOf(values.goal);
  const now = new Date().toISOString();
  const { timeZone } = useNewsroomClock();
  const startsAt = fromLocalInput(values.startsAt, timeZone);
  const endsAt = fromLocalInput(values.endsAt, timeZone);
  const words = driveBannerText(
    {
      id: 'preview',
      goal: goal ?? 1,
      headline: values.headline.trim(),
      body: values.body.trim(),
      texts: values.texts,
      endsAt: endsAt ?? now,
    },
    goal !== undefined && count !== undefined ? { value: count } : undefined,
    { locale: props.locale, timeZone: props.timeZone },
  );
  // The site leaves out buttons that lead nowhere; so does the preview.
  const buttons = values.buttons.filter(
    (b) =>
      props.isPaidEnabled === null ||
      driveButtonProblem(b.url, { isPaidEnabled: props.isPaidEnabled }) === null,
  );
  const notes: string[] = [];
  if (!values.placements.includes('banner'))
    notes.push('The drive is not placed in the banner, so the site shows no banner for it.');
  if (endsAt && endsAt <= now)
    notes.push(
      `The drive has ended, so the site shows no banner.${values.texts.ended ? ' Its ended text shows where it is placed on pages.' : ''}`,
    );
  else if (startsAt && startsAt > now) notes.push('The banner appears when the drive starts.');

  return (
    <section className="drive-preview-panel" aria-labelledby="drive-preview-heading">
      <h2 id="drive-preview-heading">Preview</h2>
      <p className="hint">
        {count === undefined
          ? 'Loading the current count…'
          : `The counter shows ${formatNumber(count)}: ${props.countSource}.`}
      </p>
      <div
        className="drive-preview"
        style={{ '--site-accent': props.accentColor } as CSSProperties}
        data-testid="drive-preview"
      >
        {words.count !== null ? (
          <p className="drive-preview-count">
            <span className="drive-preview-count-text">{words.count}</span>
            <progress max={goal} value={words.barValue ?? 0} aria-label="Progress toward the goal">
              {words.percentText}
            </progress>
          </p>
        ) : null}
        <p className="drive-preview-text">
          {words.message ? <span>{words.message} </span> : null}
          <strong>{words.headline || 'Your headline'}</strong>
        </p>
        <div className="drive-preview-actions">
          {buttons.map((button, index) => (
            <span
              key={index}
              className={index === 0 ? 'drive-preview-button' : 'drive-preview-button secondary'}
            >
              {button.label || 'Button'}
            </span>
          ))}
        </div>
      </div>
      {notes.map((note) => (
        <p key={note} className="notice">
          {note}
        </p>
      ))}
    </section>
  );
}
