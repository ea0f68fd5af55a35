import type { ServicesStatus } from './types.js';

/** Read-only: what the server's configuration connects to. Changed in the environment only. */
export function ServicesPanel({ status }: { status: ServicesStatus | null | 'unavailable' }) {
  return (
    <section className="services-panel" aria-labelledby="services-heading">
      <h2 id="services-heading">Services</h2>
      <p className="hint">
        Set in the server’s environment (SMTP_URL, MAIL_FROM, STRIPE_SECRET_KEY,
        STRIPE_WEBHOOK_SECRET); keys and passwords are never shown here.
      </p>
      {status === null ? (
        <p className="loading-inline">Loading…</p>
      ) : status === 'unavailable' ? (
        <p className="empty">The server did not say how its services are set up.</p>
      ) : (
        <div className="services-grid">
          <div>
            <h3>Email (SMTP)</h3>
            <dl>
              <dt>State</dt>
              <dd>
                <span className={`badge ${status.mail.isConfigured ? 'badge-ok' : 'badge-off'}`}>
                  {status.mail.isConfigured ? 'Configured' : 'Not configured'}
                </span>
                {status.mail.isConfigured ? null : (
                  <span className="hint"> Emails are written to the server log, not sent.</span>
                )}
              </dd>
              {status.mail.host ? (
                <>
                  <dt>Server</dt>
                  <dd>
                    {status.mail.host}
                    {status.mail.port ? `:${status.mail.port}` : ''}
                    {status.mail.isImplicitTls ? ' (TLS)' : ''}
                  </dd>
                </>
              ) : null}
              <dt>From</dt>
              <dd>{status.mail.fromAddress || '—'}</dd>
            </dl>
          </div>
          <div>
            <h3>Payments (Stripe)</h3>
            <dl>
              <dt>State</dt>
              <dd>
                <span
                  className={`badge ${status.payments.isConfigured ? 'badge-ok' : 'badge-off'}`}
                >
                  {status.payments.isConfigured ? 'Configured' : 'Not configured'}
                </span>
              </dd>
              {status.payments.mode ? (
                <>
                  <dt>Mode</dt>
                  <dd>
                    {status.payments.mode === 'live'
                      ? 'Live: real payments'
                      : 'Test: no real money'}
                    {status.payments.isRestrictedKey ? ', restricted key' : ''}
                  </dd>
                </>
              ) : null}
              <dt>Webhook signing secret</dt>
              <dd>
                {status.payments.hasWebhookSecret
                  ? 'Set'
                  : status.payments.isConfigured
                    ? 'Not set: Stripe’s events are refused until it is'
                    : 'Not set'}
              </dd>
            </dl>
          </div>
        </div>
      )}
    </section>
  );
}
