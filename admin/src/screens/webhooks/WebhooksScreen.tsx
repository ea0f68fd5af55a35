import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { messageOf } from '../../api.js';
import { membershipKeys, webhooksQuery } from '../../query/queries.js';
import type { ScreenProps } from '../../screen-props.js';
import type { Webhook } from '../../types.js';
import { FormAlert } from '../../ui/FieldError.js';
import { useNewsroomTimeZone } from '../../ui/use-newsroom-time-zone.js';
import { ConfirmDialog } from '../../ui/ConfirmDialog.js';
import { SecretOnce } from '../../ui/SecretOnce.js';
import { WebhookCard } from './WebhookCard.js';
import { WebhookForm, type WebhookValues } from './WebhookForm.js';
import './webhooks.css';

type Pending = { kind: 'delete' | 'rotate'; webhook: Webhook } | null;

const emptyWebhook: WebhookValues = { name: '', url: '', events: [], isActive: true };

const focusList = () =>
  requestAnimationFrame(() => document.getElementById('webhooks-list-heading')?.focus());

export function WebhooksScreen({ api }: ScreenProps) {
  const timeZone = useNewsroomTimeZone(api);
  const queryClient = useQueryClient();
  const loaded = useQuery(webhooksQuery(api));
  const webhooks = loaded.data ?? null;
  const loadError = loaded.error ? messageOf(loaded.error) : null;
  const [secret, setSecret] = useState<{ title: string; secret: string } | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [pendingError, setPendingError] = useState<string | undefined>();
  const [status, setStatus] = useState('');
  // A new key empties the create form after a webhook is made.
  const [formKey, setFormKey] = useState(0);

  const replace = (webhook: Webhook) =>
    queryClient.setQueryData<Webhook[]>(membershipKeys.webhooks, (list) =>
      (list ?? []).map((w) => (w.id === webhook.id ? webhook : w)),
    );
  // The list only: each webhook's deliveries are a read of their own.
  const reload = () =>
    queryClient.invalidateQueries({ queryKey: membershipKeys.webhooks, exact: true });

  const create = async (values: WebhookValues) => {
    const created = await api.post('/webhooks', { body: values });
    setSecret({ title: `Webhook “${created.webhook.name}” created`, secret: created.secret });
    setStatus('');
    setFormKey((k) => k + 1);
    await reload();
  };

  const save = async (webhook: Webhook, changes: Partial<WebhookValues>) => {
    const answer = await api.patch('/webhooks/{id}', {
      params: { path: { id: webhook.id } },
      body: changes,
    });
    replace(answer.webhook);
    setStatus(`“${answer.webhook.name}” is saved.`);
  };

  const toggle = useMutation({
    mutationFn: (webhook: Webhook) =>
      api.patch('/webhooks/{id}', {
        params: { path: { id: webhook.id } },
        body: { isActive: !webhook.isActive },
      }),
    onSuccess: (answer, webhook) => {
      replace(answer.webhook);
      setStatus(
        answer.webhook.isActive
          ? `“${webhook.name}” is active again.`
          : `“${webhook.name}” is paused: no events are sent to it.`,
      );
    },
    onError: (error, webhook) =>
      setStatus(`Could not change “${webhook.name}”: ${messageOf(error)}`),
  });

  // Deleting or replacing the secret, once the dialog is answered.
  const confirm = useMutation({
    mutationFn: async ({ kind, webhook }: NonNullable<Pending>) => {
      if (kind === 'rotate')
        return api.post('/webhooks/{id}/rotate-secret', { params: { path: { id: webhook.id } } });
      await api.del('/webhooks/{id}', { params: { path: { id: webhook.id } } });
      return null;
    },
    onMutate: () => setPendingError(undefined),
    onSuccess: async (rotated, { webhook }) => {
      setPending(null);
      if (rotated) {
        replace(rotated.webhook);
        setSecret({ title: `New secret for “${webhook.name}”`, secret: rotated.secret });
        return;
      }
      // Out of the list at once, so its open deliveries are never asked for again (a 404).
      queryClient.setQueryData<Webhook[]>(membershipKeys.webhooks, (list) =>
        (list ?? []).filter((w) => w.id !== webhook.id),
      );
      queryClient.removeQueries({ queryKey: membershipKeys.webhookDeliveries(webhook.id) });
      setStatus(`“${webhook.name}” is deleted.`);
      await reload();
      focusList();
    },
    onError: (error) => setPendingError(messageOf(error)),
  });

  return (
    <section aria-labelledby="webhooks-heading" className="webhooks-screen">
      <h1 id="webhooks-heading" tabIndex={-1}>
        Webhooks
      </h1>
      <p className="lede">
        Tell other systems when stories are published or members change: Masthead sends each event
        to their address, signed, and retries for several hours when they do not answer.
      </p>
      <p role="status" className="screen-status">
        {status}
      </p>
      {secret ? (
        <SecretOnce
          title={secret.title}
          label="Signing secret"
          secret={secret.secret}
          onDone={() => {
            setSecret(null);
            focusList();
          }}
        >
          <p>
            The receiver checks each request’s <code>X-Masthead-Signature</code> header with it.
          </p>
        </SecretOnce>
      ) : null}
      <div className="webhooks-layout">
        <div>
          <h2 id="webhooks-list-heading" tabIndex={-1}>
            Your webhooks
          </h2>
          {loadError ? (
            <FormAlert messages={[`The webhooks could not be loaded: ${loadError}`]} />
          ) : webhooks === null ? (
            <p className="empty">Loading…</p>
          ) : webhooks.length === 0 ? (
            <p className="empty">No webhooks yet.</p>
          ) : (
            <ul className="webhook-list">
              {webhooks.map((webhook) => (
                <WebhookCard
                  key={webhook.id}
                  api={api}
                  webhook={webhook}
                  timeZone={timeZone}
                  isToggling={toggle.isPending && toggle.variables.id === webhook.id}
                  onSave={(changes) => save(webhook, changes)}
                  onToggleActive={() => toggle.mutate(webhook)}
                  onRotate={() => {
                    setPendingError(undefined);
                    setPending({ kind: 'rotate', webhook });
                  }}
                  onDelete={() => {
                    setPendingError(undefined);
                    setPending({ kind: 'delete', webhook });
                  }}
                />
              ))}
            </ul>
          )}
        </div>
        <WebhookForm
          key={formKey}
          idPrefix="webhook-new"
          heading="New webhook"
          initial={emptyWebhook}
          submitText="Create webhook"
          busyText="Creating…"
          onSubmit={create}
        />
      </div>
      <ConfirmDialog
        isOpen={pending !== null}
        title={
          pending?.kind === 'delete'
            ? `Delete “${pending.webhook.name}”?`
            : `Replace the secret of “${pending?.webhook.name ?? ''}”?`
        }
        confirmText={pending?.kind === 'delete' ? 'Delete webhook' : 'Replace secret'}
        busyText={pending?.kind === 'delete' ? 'Deleting…' : 'Replacing…'}
        isBusy={confirm.isPending}
        error={pendingError}
        onConfirm={() => pending && confirm.mutate(pending)}
        onCancel={() => setPending(null)}
      >
        {pending?.kind === 'delete' ? (
          <p>Its delivery history goes too, and events waiting to be sent are never sent.</p>
        ) : (
          <p>
            The old secret stops working at once: the receiver must be given the new one, or it will
            refuse the next events.
          </p>
        )}
      </ConfirmDialog>
    </section>
  );
}
