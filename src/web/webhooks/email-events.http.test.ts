import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { mkdtempSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { testKeyring } from '../../../test/helpers/test-keyring.js';
import { appFor } from '../../../test/helpers/test-runtime.js';
import { FakeClock } from '../../platform/clock.js';
import { mailgunSignature } from '../../platform/mail/provider-events/index.js';
import {
  makeTestCertificate,
  sesBounce,
  signedSnsMessage,
  testCertUrl,
  testTopicArn,
  type TestCertificate,
} from '../../platform/mail/provider-events/sns-test-signer.js';
import { LocalDiskStorage } from '../../platform/storage/index.js';
import type { AppTables } from '../../runtime/app-database.js';
import { createServices, type Services } from '../../runtime/services.js';

const mailgunKey = 'key-0123456789abcdef0123456789abcdef';

describeEachDatabase('Delivery-event webhooks (SES through SNS, Mailgun)', (getDb) => {
  let amazon: TestCertificate;
  let attacker: TestCertificate;
  let clock: FakeClock;
  let app: FastifyInstance;
  let bare: FastifyInstance;
  let services: Services;
  let db: Kysely<AppTables>;
  const fetched: string[] = [];

  beforeAll(async () => {
    amazon = makeTestCertificate();
    attacker = makeTestCertificate();
    // The certificate is valid from the real now; the fake clock starts there.
    clock = new FakeClock(new Date());
    db = getDb().database.db as Kysely<AppTables>;
    services = createServices(
      {
        db,
        clock,
        storage: new LocalDiskStorage(mkdtempSync(join(tmpdir(), 'masthead-media-'))),
        keyring: testKeyring(),
      },
      {
        emailEvents: {
          sesTopicArn: testTopicArn,
          mailgunSigningKey: mailgunKey,
          fetchFromSns: (url) => {
            fetched.push(url);
            return Promise.resolve(url === testCertUrl ? amazon.certificatePem : 'ok');
          },
        },
      },
    );
    ({ app } = await appFor(getDb(), { services, clock, db, mediaDir: '' }));
    // The same app with no provider configured.
    ({ app: bare } = await appFor(getDb()));
  });

  afterAll(async () => {
    await app?.close();
    await bare?.close();
  });

  let memberId: string;
  beforeEach(async () => {
    await getDb().truncate();
    fetched.length = 0;
    const at = clock.now().toISOString();
    await db
      .insertInto('newsletters')
      .values(
        ['daily', 'breaking'].map((slug) => ({
          id: `nl-${slug}`,
          name: slug,
          slug,
          description: '',
          cadence: '',
          digest_time: null,
          sender_name: null,
          reply_to: null,
          audience: 'all',
          subscribe_on_signup: 0,
          status: 'active',
          sort_order: 0,
          design: '{}',
          created_at: at,
          updated_at: at,
        })),
      )
      .execute();
    const { member } = await services.members.findOrCreate({ email: 'reader@example.org' });
    memberId = member.id;
    await db
      .insertInto('newsletter_subscriptions')
      .values(
        ['nl-daily', 'nl-breaking'].map((newsletterId) => ({
          member_id: member.id,
          newsletter_id: newsletterId,
          status: 'subscribed',
          source: 'signup',
          changed_at: at,
        })),
      )
      .execute();
  });

  const subscriptionStatuses = async () =>
    (
      await db
        .selectFrom('newsletter_subscriptions')
        .select(['status', 'source'])
        .where('member_id', '=', memberId)
        .execute()
    ).map((s) => `${s.status}/${s.source}`);

  const postSns = (target: FastifyInstance, message: Record<string, string>) =>
    target.inject({
      method: 'POST',
      url: '/webhooks/email/ses',
      // SNS posts JSON labelled text/plain.
      headers: {
        'content-type': 'text/plain; charset=UTF-8',
        'x-amz-sns-message-type': message.Type,
      },
      payload: JSON.stringify(message),
    });

  const bounceFor = (
    address: string,
    overrides: Partial<Parameters<typeof signedSnsMessage>[0]> = {},
  ) =>
    signedSnsMessage({
      message: sesBounce({ addresses: [address] }),
      timestamp: clock.now(),
      privateKeyPem: amazon.privateKeyPem,
      ...overrides,
    });

  it('refuses a forged SNS message with 403 naming the problem, and suppresses nothing', async () => {
    const forged = await postSns(
      app,
      bounceFor('reader@example.org', { privateKeyPem: attacker.privateKeyPem }),
    );
    expect(forged.statusCode).toBe(403);
    expect(forged.json()).toEqual({
      errors: [
        {
          code: 'INVALID_SIGNATURE',
          message: 'SNS: the signature does not match the message',
          meta: { problem: 'bad-signature' },
        },
      ],
    });
    const offHost = await postSns(
      app,
      bounceFor('reader@example.org', {
        certUrl: 'https://attacker.example/SimpleNotificationService-1.pem',
      }),
    );
    expect(offHost.statusCode).toBe(403);
    expect(offHost.json().errors[0].meta).toEqual({ problem: 'certificate-url' });
    const notJson = await app.inject({
      method: 'POST',
      url: '/webhooks/email/ses',
      headers: { 'content-type': 'text/plain' },
      payload: 'hello',
    });
    expect(notJson.statusCode).toBe(403);
    expect(await services.suppressions.isSuppressed('reader@example.org')).toBe(false);
    expect(await subscriptionStatuses()).toEqual(['subscribed/signup', 'subscribed/signup']);
    expect(fetched).toEqual([testCertUrl]);
  });

  it('records a signed hard bounce: 200, the address suppressed, the member unsubscribed', async () => {
    const response = await postSns(app, bounceFor('Reader@Example.org'));
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.json()).toEqual({ received: true, action: 'recorded', suppressed: 1 });
    expect(await services.suppressions.why('reader@example.org')).toMatchObject({
      reason: 'hard_bounce',
      source: 'ses',
    });
    expect(await subscriptionStatuses()).toEqual(['unsubscribed/bounce', 'unsubscribed/bounce']);
    // SNS retries what it did not see answered: the same message again changes nothing.
    const again = await postSns(app, bounceFor('reader@example.org'));
    expect(again.json()).toEqual({ received: true, action: 'recorded', suppressed: 0 });
  });

  it('confirms the topic subscription through the pinned host', async () => {
    const response = await postSns(
      app,
      signedSnsMessage({
        type: 'SubscriptionConfirmation',
        message: 'You have chosen to subscribe to the topic…',
        timestamp: clock.now(),
        privateKeyPem: amazon.privateKeyPem,
      }),
    );
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ action: 'subscription-confirmed' });
    expect(fetched[fetched.length - 1]).toMatch(
      /^https:\/\/sns\.eu-west-1\.amazonaws\.com\/\?Action=ConfirmSubscription&/,
    );
  });

  it('records a signed Mailgun complaint and refuses its replay and a forgery', async () => {
    const timestamp = String(Math.floor(clock.now().getTime() / 1000));
    const token = randomBytes(25).toString('hex');
    const payload = {
      signature: { timestamp, token, signature: mailgunSignature(mailgunKey, timestamp, token) },
      'event-data': {
        event: 'complained',
        recipient: 'reader@example.org',
        timestamp: Number(timestamp),
      },
    };
    const post = (body: unknown) =>
      app.inject({ method: 'POST', url: '/webhooks/email/mailgun', payload: body as object });
    const first = await post(payload);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ received: true, action: 'recorded', suppressed: 1 });
    expect(await subscriptionStatuses()).toEqual([
      'unsubscribed/complaint',
      'unsubscribed/complaint',
    ]);

    const replay = await post(payload);
    expect(replay.statusCode).toBe(403);
    expect(replay.json().errors[0]).toMatchObject({
      code: 'INVALID_SIGNATURE',
      meta: { problem: 'replayed' },
    });
    const forged = await post({
      ...payload,
      signature: { ...payload.signature, token: randomBytes(25).toString('hex') },
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().errors[0].meta).toEqual({ problem: 'bad-signature' });
  });

  it('answers 404 for a provider that is not configured', async () => {
    const ses = await postSns(bare, bounceFor('reader@example.org'));
    expect(ses.statusCode).toBe(404);
    const mailgun = await bare.inject({
      method: 'POST',
      url: '/webhooks/email/mailgun',
      payload: { signature: {} },
    });
    expect(mailgun.statusCode).toBe(404);
    expect(mailgun.json().errors[0].code).toBe('NOT_FOUND');
    expect(await services.suppressions.isSuppressed('reader@example.org')).toBe(false);
  });
});
