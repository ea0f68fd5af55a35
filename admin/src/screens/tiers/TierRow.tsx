import { useState } from 'react';
import type { Tier } from '../../types.js';
import { formatMoney } from '../../ui/money.js';

/** How a tier is sold, in words: "$5.00 a month · $50.00 a year · from $3.00 a month". */
export function pricesOf(tier: Tier): string {
  if (tier.isFree) return 'Free';
  const parts: string[] = [];
  if (tier.monthlyAmount !== null)
    parts.push(`${formatMoney(tier.monthlyAmount, tier.currency)} a month`);
  if (tier.yearlyAmount !== null)
    parts.push(`${formatMoney(tier.yearlyAmount, tier.currency)} a year`);
  if (tier.minimumAmount !== null)
    parts.push(`choose your amount from ${formatMoney(tier.minimumAmount, tier.currency)} a month`);
  return parts.join(' · ');
}

/** One tier in the list, with its actions; deleting asks first. */
export function TierRow(props: {
  tier: Tier;
  busy: boolean;
  onEdit: () => void;
  onSetActive: (isActive: boolean) => void;
  onDelete: () => void;
}) {
  const { tier } = props;
  const [isAsking, setIsAsking] = useState(false);
  return (
    <li className="editable-row tier-row">
      <div className="editable-summary tier-summary">
        <h2 className="tier-name">
          {tier.name} {tier.isActive ? null : <span className="badge">Archived</span>}
        </h2>
        <p className="tier-prices-text">{pricesOf(tier)}</p>
        {tier.description ? <p className="hint">{tier.description}</p> : null}
      </div>
      {isAsking ? (
        <div className="confirm" role="alertdialog" aria-labelledby={`tier-delete-${tier.id}`}>
          <p id={`tier-delete-${tier.id}`}>
            Delete {tier.name}? Members on it keep their access until it ends. Archiving keeps it
            for the record instead.
          </p>
          <div className="actions">
            <button
              type="button"
              className="danger"
              disabled={props.busy}
              onClick={() => {
                setIsAsking(false);
                props.onDelete();
              }}
            >
              Yes, delete {tier.name}
            </button>
            <button type="button" className="secondary" onClick={() => setIsAsking(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="actions tier-actions">
          <button type="button" className="secondary" onClick={props.onEdit}>
            Edit<span className="visually-hidden"> {tier.name}</span>
          </button>
          <button
            type="button"
            className="secondary"
            disabled={props.busy}
            onClick={() => props.onSetActive(!tier.isActive)}
          >
            {tier.isActive ? 'Archive' : 'Restore'}
            <span className="visually-hidden"> {tier.name}</span>
          </button>
          <button type="button" className="secondary" onClick={() => setIsAsking(true)}>
            Delete<span className="visually-hidden"> {tier.name}</span>
          </button>
        </div>
      )}
    </li>
  );
}
