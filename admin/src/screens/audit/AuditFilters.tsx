import { FieldError } from '../../ui/FieldError.js';
import { describedBy, type FormErrors } from '../../ui/form-errors.js';
import { actionName, actionNames } from './action-names.js';

export interface AuditFilterValues {
  actor: string;
  action: string;
  /** A day (`YYYY-MM-DD`) in the newsroom's time zone, or ''. */
  since: string;
  /** One story's id (its editorial history), or ''. */
  story: string;
}

export interface ActorOption {
  value: string;
  text: string;
}

/** Filters the audit query allows: who, which action, since which day. */
export function AuditFilters(props: {
  values: AuditFilterValues;
  actors: ActorOption[];
  timeZone: string;
  errors: FormErrors['fields'];
  /** The filtered story's headline, when known. */
  storyTitle?: string | undefined;
  onChange: (values: AuditFilterValues) => void;
}) {
  const { values, errors } = props;
  const actions = Object.keys(actionNames).sort((a, b) =>
    actionName(a).localeCompare(actionName(b)),
  );
  // An action from a link that is not in the list still shows as selected.
  if (values.action && !actions.includes(values.action)) actions.unshift(values.action);
  return (
    <form
      className="filters audit-filters"
      role="search"
      aria-label="Filter the audit log"
      onSubmit={(e) => e.preventDefault()}
    >
      <div className="field">
        <label htmlFor="audit-actor">Who</label>
        <select
          id="audit-actor"
          value={values.actor}
          aria-invalid={errors.actor ? true : undefined}
          aria-describedby={describedBy(errors.actor && 'audit-actor-error')}
          onChange={(e) => props.onChange({ ...values, actor: e.target.value })}
        >
          <option value="">Anyone</option>
          {props.actors.map((a) => (
            <option key={a.value} value={a.value}>
              {a.text}
            </option>
          ))}
        </select>
        <FieldError id="audit-actor-error" message={errors.actor} />
      </div>
      <div className="field">
        <label htmlFor="audit-action">What</label>
        <select
          id="audit-action"
          value={values.action}
          aria-invalid={errors.action ? true : undefined}
          aria-describedby={describedBy(errors.action && 'audit-action-error')}
          onChange={(e) => props.onChange({ ...values, action: e.target.value })}
        >
          <option value="">Any action</option>
          {actions.map((action) => (
            <option key={action} value={action}>
              {actionName(action)}
            </option>
          ))}
        </select>
        <FieldError id="audit-action-error" message={errors.action} />
      </div>
      <div className="field">
        <label htmlFor="audit-since">Since</label>
        <input
          id="audit-since"
          type="date"
          value={values.since}
          aria-invalid={errors.since ? true : undefined}
          aria-describedby={describedBy('audit-since-hint', errors.since && 'audit-since-error')}
          onChange={(e) => props.onChange({ ...values, since: e.target.value })}
        />
        <p className="visually-hidden" id="audit-since-hint">
          From the start of this day in the newsroom’s time zone
          {props.timeZone ? `, ${props.timeZone}` : ''}.
        </p>
        <FieldError id="audit-since-error" message={errors.since} />
      </div>
      {values.story ? (
        <div className="field audit-story">
          <span className="label" id="audit-story-label">
            Story
          </span>
          <p aria-labelledby="audit-story-label">
            {props.storyTitle ? `“${props.storyTitle}”` : 'One story'}{' '}
            <button
              type="button"
              className="secondary"
              onClick={() => props.onChange({ ...values, story: '' })}
            >
              Any story
            </button>
          </p>
        </div>
      ) : null}
      <div className="field audit-clear">
        <button
          type="button"
          className="secondary"
          disabled={!values.actor && !values.action && !values.since && !values.story}
          onClick={() => props.onChange({ actor: '', action: '', since: '', story: '' })}
        >
          Clear filters
        </button>
      </div>
    </form>
  );
}
