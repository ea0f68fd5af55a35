import type { Suppression } from '../../types.js';
import { ConfirmAction } from '../../ui/ConfirmAction.js';
import { useNewsroomClock } from '../../ui/newsroom-clock.js';
import { suppressionReasonLabel, suppressionSourceWords } from '../emails/email-text.js';

/** One suppressed address: why (a badge), since when and who said so; Lift asks first. */
export function SuppressionRow(props: { suppression: Suppression; onLift: () => Promise<void> }) {
  const clock = useNewsroomClock();
  const s = props.suppression;
  // Mail to an address that bounced or complained is likely to do so again.
  const isRisky = s.reason === 'hard_bounce' || s.reason === 'complaint';
  return (
    <li className="editable-row suppression-row" data-address={s.address}>
      <div className="editable-summary">
        <p className="suppression-address" tabIndex={-1}>
          {s.address}{' '}
          <span className={`badge suppression-${s.reason.replace('_', '-')}`}>
            {suppressionReasonLabel(s.reason)}
          </span>
        </p>
        <p className="hint">
          Since <time dateTime={s.createdAt}>{clock.dateTime(s.createdAt)}</time>,{' '}
          {suppressionSourceWords(s.source)}
          {s.detail ? <>: {s.detail}</> : null}
        </p>
      </div>
      <div className="actions">
        <ConfirmAction
          label="Remove"
          accessibleLabel={`Remove ${s.address}`}
          question={
            <>
              Remove {s.address} from the list? Newsletters can go to it again.
              {isRisky
                ? ' It may bounce or be reported again, which harms the newsroom’s sending reputation.'
                : ''}{' '}
              A member it unsubscribed stays unsubscribed until they choose a newsletter again.
            </>
          }
          confirmLabel="Remove and allow mail"
          onConfirm={props.onLift}
        />
      </div>
    </li>
  );
}
