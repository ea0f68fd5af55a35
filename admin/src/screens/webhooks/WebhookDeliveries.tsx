import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { messageOf, type ApiClient } from '../../api.js';
import { membershipKeys } from '../../query/queries.js';
import type { WebhookDelivery } from '../../types.js';
import { formatDateTime } from '../../ui/format.js';
import { usePagedList } from '../../ui/use-paged-list.js';

const statusText: Record<WebhookDelivery['status'], string> = {
  pending: 'Waiting',
  sending: 'Sending',
  succeeded: 'Delivered',
  failed: 'Failed, will retry',
  giving_up: 'Failed, gave up',
};

const pageSize = 20;

/** A webhook's deliveries, newest first, with their outcome and a way to send one again. */
export function WebhookDeliveries(props: {
  api: ApiClient;
  webhookId: string;
  webhookName: string;
  timeZone: string;
}) {
  const { api, webhookId } = props;
  const list = usePagedList({
    queryKey: membershipKeys.webhookDeliveries(webhookId),
    fetchPage: async (cursor) => {
      const page = await api.get('/webhooks/{id}/deliveries', {
        params: {
          path: { id: webhookId },
          query: { limit: pageSize, cursor: cursor ?? undefined },
        },
      });
      return { items: page.deliveries, next: page.meta.pagination.next };
    },
  });
  const deliveries = list.isLoading && list.items.length === 0 ? null : list.items;
  const [status, setStatus] = useState('');

  const redeliver = useMutation({
    mutationFn: (delivery: WebhookDelivery) =>
      api.post('/webhooks/{id}/deliveries/{deliveryId}/redeliver', {
        params: { path: { id: webhookId, deliveryId: delivery.id } },
      }),
    onMutate: () => setStatus(''),
    onSuccess: (answer, delivery) => {
      list.setItems((items) => items.map((x) => (x.id === delivery.id ? answer.delivery : x)));
      setStatus(`${delivery.eventType} is queued to be sent again.`);
    },
    onError: (e) => setStatus(`Could not send it again: ${messageOf(e)}`),
  });
  const busyId = redeliver.isPending ? redeliver.variables.id : null;

  return (
    <div className="deliveries">
      <h3>Deliveries</h3>
      <p role="status" className="hint">
        {status}
      </p>
      {list.error ? (
        <p className="field-error">The deliveries could not be loaded: {list.error}</p>
      ) : deliveries === null ? (
        <p className="empty">Loading…</p>
      ) : deliveries.length === 0 ? (
        <p className="empty">Nothing sent yet: deliveries appear when a chosen event happens.</p>
      ) : (
        <table className="deliveries-table">
          <caption className="visually-hidden">Deliveries of {props.webhookName}</caption>
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Status</th>
              <th scope="col">Answer</th>
              <th scope="col">Last change</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((d) => (
              <tr key={d.id}>
                <th scope="row">
                  <code>{d.eventType}</code>
                </th>
                <td>
                  <span className={`badge delivery-${d.status}`}>{statusText[d.status]}</span>
                  <span className="hint"> attempt {d.attempt}</span>
                  {d.nextAttemptAt && d.status !== 'succeeded' ? (
                    <span className="hint">
                      , next {formatDateTime(d.nextAttemptAt, props.timeZone)}
                    </span>
                  ) : null}
                </td>
                <td>
                  {d.lastResponseStatus ? `HTTP ${d.lastResponseStatus}` : '—'}
                  {d.durationMs !== null ? ` in ${d.durationMs} ms` : ''}
                  {d.lastError ? <span className="delivery-error">{d.lastError}</span> : null}
                </td>
                <td>{formatDateTime(d.updatedAt, props.timeZone)}</td>
                <td>
                  <button
                    type="button"
                    className="secondary"
                    disabled={busyId === d.id || d.status === 'pending' || d.status === 'sending'}
                    aria-label={`Send again: ${d.eventType} of ${formatDateTime(d.createdAt, props.timeZone)}`}
                    onClick={() => redeliver.mutate(d)}
                  >
                    {busyId === d.id ? 'Queuing…' : 'Send again'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.next ? (
        <button type="button" className="secondary show-more" onClick={() => void list.showMore()}>
          Show more deliveries
        </button>
      ) : null}
    </div>
  );
}
