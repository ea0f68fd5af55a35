import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { messageOf } from '../../api.js';
import { teamKeys, tokensQuery } from '../../query/queries.js';
import type { ScreenProps } from '../../screen-props.js';
import type { ApiToken, TokenCreated } from '../../types.js';
import { FormAlert } from '../../ui/FieldError.js';
import { ZoneNote } from '../../ui/newsroom-clock.js';
import { useNewsroomTimeZone } from '../../ui/use-newsroom-time-zone.js';
import { ConfirmDialog } from '../../ui/ConfirmDialog.js';
import { SecretOnce } from '../../ui/SecretOnce.js';
import { TokenCreateForm } from './TokenCreateForm.js';
import { TokenTable } from './TokenTable.js';
import './tokens.css';

export function TokensScreen({ api }: ScreenProps) {
  const timeZone = useNewsroomTimeZone();
  const queryClient = useQueryClient();
  const loaded = useQuery(tokensQuery(api));
  const tokens = loaded.data ?? null;
  const loadError = loaded.error ? messageOf(loaded.error) : null;
  const [created, setCreated] = useState<TokenCreated | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const [status, setStatus] = useState('');

  const revocation = useMutation({
    mutationFn: (token: ApiToken) =>
      api.del('/tokens/{id}', { params: { path: { id: token.id } } }),
    onSuccess: async (_answer, token) => {
      setStatus(`“${token.name}” is revoked: requests with it are refused from now on.`);
      setRevoking(null);
      // The list shows it revoked before the dialog's work is done.
      await queryClient.invalidateQueries({ queryKey: teamKeys.tokens });
      // The revoke button is gone now: continue from the list's heading.
      requestAnimationFrame(() => document.getElementById('tokens-list-heading')?.focus());
    },
  });

  return (
    <section aria-labelledby="tokens-heading" className="tokens-screen">
      <h1 id="tokens-heading" tabIndex={-1}>
        Admin API tokens
      </h1>
      <p className="lede">
        Keys for apps and scripts: Admin API tokens act with a staff role; Content API keys read
        published content.
      </p>
      <p role="status" className="screen-status">
        {status}
      </p>
      {created ? (
        <SecretOnce
          title={`Token “${created.token.name}” created`}
          label="The token’s secret"
          secret={created.secret}
          onDone={() => {
            setCreated(null);
            requestAnimationFrame(() => document.getElementById('token-name')?.focus());
          }}
        >
          <p>
            {created.token.kind === 'admin' ? (
              <>
                Send it as <code>Authorization: Bearer &lt;secret&gt;</code> to{' '}
                <code>/api/admin/v1/…</code>.
              </>
            ) : (
              <>
                Send it as the <code>X-Masthead-Key</code> header (or <code>?key=</code>) to{' '}
                <code>/api/content/v1/…</code>.
              </>
            )}
          </p>
          {created.ghostKey ? (
            <p>
              Clients made for Ghost need the same key as 26 hexadecimal characters:{' '}
              <code className="ghost-key">{created.ghostKey}</code> (also shown only now).
            </p>
          ) : null}
        </SecretOnce>
      ) : null}
      <div className="tokens-layout">
        <div className="tokens-list">
          <h2 id="tokens-list-heading" tabIndex={-1}>
            Tokens
          </h2>
          <ZoneNote />
          {loadError ? (
            <FormAlert messages={[`The tokens could not be loaded: ${loadError}`]} />
          ) : tokens === null ? (
            <p className="empty">Loading…</p>
          ) : (
            <TokenTable
              tokens={tokens}
              timeZone={timeZone}
              onRevoke={(token) => {
                revocation.reset();
                setRevoking(token);
              }}
            />
          )}
        </div>
        <TokenCreateForm
          api={api}
          onCreated={(answer) => {
            setStatus('');
            setCreated(answer);
          }}
        />
      </div>
      <ConfirmDialog
        isOpen={revoking !== null}
        title={`Revoke “${revoking?.name ?? ''}”?`}
        confirmText="Revoke token"
        busyText="Revoking…"
        isBusy={revocation.isPending}
        error={revocation.error ? messageOf(revocation.error) : undefined}
        onConfirm={() => {
          if (revoking) revocation.mutate(revoking);
        }}
        onCancel={() => setRevoking(null)}
      >
        <p>
          Apps and scripts using it stop working at once. This cannot be undone: make a new token if
          it is needed again.
        </p>
      </ConfirmDialog>
    </section>
  );
}
