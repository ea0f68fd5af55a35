import { useState } from 'react';
import type { ApiClient } from '../../api.js';
import type { Webhook } from '../../types.js';
import { formatDateTime } from '../../ui/format.js';
import { WebhookDeliveries } from './WebhookDeliveries.js';
import { WebhookForm, type WebhookValues } from './WebhookForm.js';

/** One webhook: what it sends where, how the last delivery went, and what can be done to it. */
export function WebhookCard(props: {
  api: ApiClient;
  webhook: Webhook;
  timeZone: string;
  onSave: (values: Partial<WebhookValues>) => Promise<void>;
  /** Whether a pause or resume of this webhook is under way. */
  isToggling: boolean;
  onToggleActive: () => void;
  onRotate: () => void;
  onDelete: () => void;
}) {
  const { webhook: w } = props;
  const [isEditing, setEditing] = useState(false);
  const [isShowingDeliveries, setShowingDeliveries] = useState(false);
  const editId = `webhook-${w.id}-edit`;

  const stopEditing = () => {
    setEditing(false);
    requestAnimationFrame(() => document.getElementById(editId)?.focus());
  };

  if (isEditing) {
    return (
      <li className="webhook-card is-editing">
        <WebhookForm
          idPrefix={`webhook-${w.id}`}
          heading={`Edit “${w.name}”`}
          initial={{ name: w.name, url: w.url, events: w.events, isActive: w.isActive }}
          submitText="Save changes"
          busyText="Saving…"
          onCancel={stopEditing}
          onSubmit={async (values) => {
            // Only what changed, so an edit never overwrites a concurrent one elsewhere.
            const changes: Partial<WebhookValues> = {};
            if (values.name !== w.name) changes.name = values.name;
            if (values.url !== w.url) changes.url = values.url;
            if (JSON.stringify([...values.events].sort()) !== JSON.stringify([...w.events].sort()))
              changes.events = values.events;
            if (values.isActive !== w.isActive) changes.isActive = values.isActive;
            if (Object.keys(changes).length > 0) await props.onSave(changes);
            stopEditing();
          }}
        />
      </li>
    );
  }

  const deliveriesId = `webhook-${w.id}-deliveries`;
  return (
    <li className="webhook-card">
      <div className="webhook-head">
        <h3>{w.name}</h3>
        <span className={`badge ${w.isActive ? 'badge-active' : ''}`}>
          {w.isActive ? 'Active' : 'Paused'}
        </span>
      </div>
      <p className="webhook-url">{w.url}</p>
      <p className="meta">
        <span>Events: {w.events.join(', ')}</span>
        <span>
          {w.lastStatus === null
            ? 'Nothing sent yet'
            : `Last delivery ${w.lastStatus === 'succeeded' ? 'succeeded' : 'failed'}, ${formatDateTime(w.lastDeliveryAt, props.timeZone)}`}
        </span>
      </p>
      <div className="actions webhook-actions">
        <button
          type="button"
          className="secondary"
          id={editId}
          aria-label={`Edit “${w.name}”`}
          onClick={() => setEditing(true)}
        >
          Edit
        </button>
        <button
          type="button"
          className="secondary"
          disabled={props.isToggling}
          aria-label={`${w.isActive ? 'Pause' : 'Resume'} “${w.name}”`}
          onClick={props.onToggleActive}
        >
          {w.isActive ? 'Pause' : 'Resume'}
        </button>
        <button
          type="button"
          className="secondary"
          aria-expanded={isShowingDeliveries}
          aria-controls={deliveriesId}
          onClick={() => setShowingDeliveries(!isShowingDeliveries)}
        >
          Deliveries
        </button>
        <button
          type="button"
          className="secondary"
          aria-label={`New secret for “${w.name}”`}
          onClick={props.onRotate}
        >
          New secret
        </button>
        <button
          type="button"
          className="secondary danger-text"
          aria-label={`Delete “${w.name}”`}
          onClick={props.onDelete}
        >
          Delete
        </button>
      </div>
      <div id={deliveriesId} hidden={!isShowingDeliveries}>
        {isShowingDeliveries ? (
          <WebhookDeliveries
            api={props.api}
            webhookId={w.id}
            webhookName={w.name}
            timeZone={props.timeZone}
          />
        ) : null}
      </div>
    </li>
  );
}
