import { useState, type FormEvent } from 'react';
import type { Tier } from '../../types.js';
import { FieldError } from '../../ui/FieldError.js';
import { memberStatuses, type MemberFilters } from './member-filters.js';
import { statusLabels } from './member-text.js';

const empty: MemberFilters = {
  q: '',
  status: '',
  tier: '',
  label: '',
  joinedFrom: '',
  joinedTo: '',
};

/** Search and filters; applied together on submit, so typing never reloads the list. */
export function MemberFiltersForm(props: {
  filters: MemberFilters;
  tiers: Tier[];
  onApply: (filters: MemberFilters) => void;
}) {
  const [draft, setDraft] = useState(props.filters);
  const [dateError, setDateError] = useState<string | undefined>();
  const set = <K extends keyof MemberFilters>(key: K, value: MemberFilters[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.joinedFrom && draft.joinedTo && draft.joinedFrom > draft.joinedTo) {
      setDateError('The last day must not be before the first day.');
      requestAnimationFrame(() => document.getElementById('members-joined-to')?.focus());
      return;
    }
    setDateError(undefined);
    props.onApply(draft);
  };

  return (
    <form className="filters members-filters" role="search" onSubmit={submit} noValidate>
      <div className="field members-q">
        <label htmlFor="members-q">Search email or name</label>
        <input
          id="members-q"
          type="search"
          value={draft.q}
          onChange={(e) => set('q', e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="members-status">Status</label>
        <select
          id="members-status"
          value={draft.status}
          onChange={(e) => set('status', e.target.value as MemberFilters['status'])}
        >
          <option value="">Any status</option>
          {memberStatuses.map((s) => (
            <option key={s} value={s}>
              {statusLabels[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="members-tier">Tier</label>
        <select id="members-tier" value={draft.tier} onChange={(e) => set('tier', e.target.value)}>
          <option value="">Any tier</option>
          {props.tiers.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="members-label">Label</label>
        <input
          id="members-label"
          value={draft.label}
          onChange={(e) => set('label', e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="members-joined-from">Joined from</label>
        <input
          id="members-joined-from"
          type="date"
          value={draft.joinedFrom}
          onChange={(e) => set('joinedFrom', e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="members-joined-to">Joined until</label>
        <input
          id="members-joined-to"
          type="date"
          value={draft.joinedTo}
          aria-invalid={dateError ? true : undefined}
          aria-describedby={dateError ? 'members-joined-to-error' : undefined}
          onChange={(e) => set('joinedTo', e.target.value)}
        />
        <FieldError id="members-joined-to-error" message={dateError} />
      </div>
      <div className="actions">
        <button type="submit" className="secondary">
          Apply
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setDraft(empty);
            setDateError(undefined);
            props.onApply(empty);
          }}
        >
          Clear
        </button>
      </div>
    </form>
  );
}
