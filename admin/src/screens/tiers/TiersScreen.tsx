import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { messageOf } from '../../api.js';
import { queryKeys, tiersQuery } from '../../query/queries.js';
import type { ScreenProps } from '../../screen-props.js';
import type { Tier } from '../../types.js';
import { closedEditing, type Editing } from '../../ui/editing.js';
import { FormAlert } from '../../ui/FieldError.js';
import { TierForm } from './TierForm.js';
import { TierRow } from './TierRow.js';
import './tiers.css';

const byPosition = (tiers: readonly Tier[]) =>
  [...tiers].sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));

/** Membership tiers: their prices, their order, and whether readers are offered them. */
export function TiersScreen({ api }: ScreenProps) {
  const queryClient = useQueryClient();
  // Sorted here only: a save puts the tier in the cache and this orders the list again.
  const loaded = useQuery({ ...tiersQuery(api), select: byPosition });
  const tiers = loaded.data ?? null;
  // Saves and deletes change the cached list in place (the members screen's filters share it).
  const setTiers = (update: (current: Tier[]) => Tier[]) =>
    queryClient.setQueryData<Tier[]>(queryKeys.tiers, (current) => update(current ?? []));
  const [editing, setEditing] = useState<Editing>(closedEditing);
  const [actionError, setError] = useState<string | null>(null);
  const error = actionError ?? (loaded.error ? messageOf(loaded.error) : null);
  const [notice, setNotice] = useState('');

  const close = (focusId: string) => {
    setEditing(closedEditing);
    requestAnimationFrame(() => document.getElementById(focusId)?.focus());
  };

  const saved = (tier: Tier) => {
    setTiers((current) => [...current.filter((t) => t.id !== tier.id), tier]);
    setNotice(`Saved ${tier.name}.`);
    close('tiers-new');
  };

  const setActive = useMutation({
    mutationFn: ({ tier, isActive }: { tier: Tier; isActive: boolean }) =>
      api.patch('/tiers/{id}', { params: { path: { id: tier.id } }, body: { isActive } }),
    onMutate: () => setError(null),
    onSuccess: (answer, { tier, isActive }) => {
      setTiers((current) => current.map((t) => (t.id === tier.id ? answer.tier : t)));
      setNotice(`${tier.name} ${isActive ? 'is offered again' : 'is archived'}.`);
    },
    onError: (caught) => setError(messageOf(caught)),
  });

  const remove = useMutation({
    mutationFn: (tier: Tier) => api.del('/tiers/{id}', { params: { path: { id: tier.id } } }),
    onMutate: () => setError(null),
    onSuccess: (_, tier) => {
      setTiers((current) => current.filter((t) => t.id !== tier.id));
      requestAnimationFrame(() => document.getElementById('tiers-new')?.focus());
      setNotice(`Deleted ${tier.name}.`);
    },
    onError: (caught) => setError(messageOf(caught)),
  });

  /** The tier an archive, restore or delete is under way for. */
  const busyId = setActive.isPending
    ? setActive.variables.tier.id
    : remove.isPending
      ? remove.variables.id
      : null;

  const nextPosition = Math.max(0, ...(tiers ?? []).map((t) => t.position + 1));

  return (
    <section aria-labelledby="tiers-heading">
      <div className="screen-head">
        <h1 id="tiers-heading" tabIndex={-1}>
          Tiers and prices
        </h1>
        <button
          id="tiers-new"
          type="button"
          aria-expanded={editing.mode === 'new'}
          onClick={() => setEditing(editing.mode === 'new' ? closedEditing : { mode: 'new' })}
        >
          New tier
        </button>
      </div>
      <p className="lede">
        Prices apply to new subscriptions; existing members keep the price they joined at.
      </p>
      <FormAlert messages={error ? [error] : []} />
      <p role="status" className="tiers-notice">
        {notice}
      </p>
      {editing.mode === 'new' ? (
        <TierForm
          api={api}
          tier={null}
          nextPosition={nextPosition}
          onSaved={saved}
          onCancel={() => close('tiers-new')}
        />
      ) : null}
      {tiers === null && !error ? <p role="status">Loading tiers…</p> : null}
      {tiers?.length === 0 ? <p className="empty">No tiers yet.</p> : null}
      <ul className="editable-list tier-list">
        {(tiers ?? []).map((tier) =>
          editing.mode === 'edit' && editing.id === tier.id ? (
            <li key={tier.id} className="editable-row tier-row">
              <TierForm
                api={api}
                tier={tier}
                nextPosition={nextPosition}
                onSaved={saved}
                onCancel={() => close('tiers-new')}
              />
            </li>
          ) : (
            <TierRow
              key={tier.id}
              tier={tier}
              busy={busyId === tier.id}
              onEdit={() => {
                setEditing({ mode: 'edit', id: tier.id });
                requestAnimationFrame(() => document.getElementById('tier-name')?.focus());
              }}
              onSetActive={(isActive) => setActive.mutate({ tier, isActive })}
              onDelete={() => remove.mutate(tier)}
            />
          ),
        )}
      </ul>
    </section>
  );
}
