import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { appFor, servicesFor, tokenHeaders } from '../../../test/helpers/test-runtime.js';
import { loadConfig } from '../../config/index.js';
import { createLogger } from '../../platform/logger.js';
import type { Services } from '../../runtime/services.js';
import { servicesStatusOf } from '../../runtime/services-status.js';
import { buildApp } from '../app.js';

// Every secret the configuration holds, each distinctive enough to find in any answer.
const smtpUser = 'postmark-server-token-3f9c';
const smtpPassword = 'smtp-password-8d2e';
const stripeKey = 'sk_live_51StripeSecretKey0a1b2c3d';
const webhookSecret = 'whsec_StripeWebhookSecret9z8y';
const secrets = [smtpUser, smtpPassword, stripeKey, webhookSecret, 'StripeSecretKey'];

const config = loadConfig({
  SMTP_URL: `smtps://${smtpUser}:${smtpPassword}@smtp.mail.example:465`,
  MAIL_FROM: 'The Ledger <newsroom@ledger.example>',
  STRIPE_SECRET_KEY: stripeKey,
  STRIPE_WEBHOOK_SECRET: webhookSecret,
  NODE_ENV: 'test',
});

const url = '/api/admin/v1/settings/services';

describeEachDatabase('Admin API: GET /settings/services', (getDb) => {
  let app: FastifyInstance;
  let services: Services;
  beforeAll(async () => {
    await getDb().truncate();
    const context = servicesFor(getDb());
    services = context.services;
    app = await buildApp({
      services,
      logger: createLogger({ level: 'silent', pretty: false }),
      ping: () => getDb().database.ping(),
      publicUrl: 'http://localhost:3000',
      isProduction: false,
      clock: context.clock,
      servicesStatus: servicesStatusOf(config),
    });
  });
  afterAll(() => app.close());

  it('shows an administrator the hosts and modes, and never a secret', async () => {
    const session = await staffSession(services, 'administrator');
    const token = await tokenHeaders(services, 'administrator');
    for (const headers of [session, token]) {
      const response = await app.inject({ method: 'GET', url, headers });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        services: {
          mail: {
            isConfigured: true,
            host: 'smtp.mail.example',
            port: 465,
            isImplicitTls: true,
            fromAddress: 'The Ledger <newsroom@ledger.example>',
          },
          payments: {
            isConfigured: true,
            mode: 'live',
            isRestrictedKey: false,
            hasWebhookSecret: true,
          },
        },
      });
      for (const secret of secrets) expect(response.body).not.toContain(secret);
      expect(response.body).not.toMatch(/smtps?:\/\/|sk_|rk_|whsec_/);
      expect(response.headers['cache-control']).toBe('no-store');
    }
  });

  it('refuses editors, authors and contributors with 403 and an anonymous caller with 401', async () => {
    for (const role of ['editor', 'author', 'contributor'] as const) {
      for (const headers of [
        await staffSession(services, role),
        await tokenHeaders(services, role),
      ]) {
        const response = await app.inject({ method: 'GET', url, headers });
        expect(response.statusCode, role).toBe(403);
        for (const secret of secrets) expect(response.body).not.toContain(secret);
      }
    }
    const anonymous = await app.inject({ method: 'GET', url });
    expect(anonymous.statusCode).toBe(401);
  });

  it('reports nothing set up when the app is built without a configuration summary', async () => {
    const bare = await appFor(getDb());
    try {
      const response = await bare.app.inject({
        method: 'GET',
        url,
        headers: await tokenHeaders(bare.services, 'administrator'),
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        services: {
          mail: { isConfigured: false, host: null },
          payments: { isConfigured: false, mode: null, hasWebhookSecret: false },
        },
      });
    } finally {
      await bare.app.close();
    }
  });
});

it('reads test mode and restricted keys from the key prefix, and copes with no SMTP port', () => {
  const status = servicesStatusOf(
    loadConfig({
      SMTP_URL: 'smtp://mail.internal',
      STRIPE_SECRET_KEY: 'rk_test_abc123',
      NODE_ENV: 'test',
    }),
  );
  expect(status).toEqual({
    mail: {
      isConfigured: true,
      host: 'mail.internal',
      port: null,
      isImplicitTls: false,
      fromAddress: 'Masthead <noreply@127.0.0.1>',
    },
    payments: { isConfigured: true, mode: 'test', isRestrictedKey: true, hasWebhookSecret: false },
  });
  expect(JSON.stringify(status)).not.toContain('rk_test_abc123');
  expect(servicesStatusOf(loadConfig({ NODE_ENV: 'test' }))).toMatchObject({
    mail: { isConfigured: false },
    payments: { isConfigured: false, mode: null },
  });
});

/** A staff session's cookie and CSRF headers for a new account of `role`. */
async function staffSession(
  services: Services,
  role: 'administrator' | 'editor' | 'author' | 'contributor',
): Promise<Record<string, string>> {
  const { user } = await services.staff.create({
    email: `${role}-${Math.random().toString(36).slice(2, 8)}@example.org`,
    name: `The ${role}`,
    role,
    password: 'services password 1',
  });
  const session = await services.staffSessions.create(user.id);
  return { cookie: `masthead_staff=${session.secret}`, 'x-csrf-token': session.csrfToken };
}
