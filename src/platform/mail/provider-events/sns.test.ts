import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../clock.js';
import { refusalProblem } from './delivery-event.js';
import { createSnsEvents, parseTopicArn, type SnsFetch } from './sns.js';
import {
  makeTestCertificate,
  sesBounce,
  sesComplaint,
  signedSnsMessage,
  testCertUrl,
  testTopicArn,
  type TestCertificate,
} from './sns-test-signer.js';

/** The refusal's problem word, or 'accepted'. */
async function outcomeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return 'accepted';
  } catch (error) {
    const problem = refusalProblem(error);
    if (!problem) throw error;
    return problem;
  }
}

describe('SNS (SES events) verification', () => {
  let amazon: TestCertificate;
  let attacker: TestCertificate;
  let clock: FakeClock;
  let fetched: string[];
  let fetchFromSns: SnsFetch;

  beforeAll(() => {
    amazon = makeTestCertificate();
    attacker = makeTestCertificate();
  });

  beforeEach(() => {
    // The certificates are valid from the real now, so the fake clock starts there.
    clock = new FakeClock(new Date());
    fetched = [];
    fetchFromSns = (url) => {
      fetched.push(url);
      return Promise.resolve(url === testCertUrl ? amazon.certificatePem : '');
    };
  });

  const sns = () => createSnsEvents({ topicArn: testTopicArn, fetchFromSns, clock });
  const body = (input: Partial<Parameters<typeof signedSnsMessage>[0]> = {}) =>
    JSON.stringify(
      signedSnsMessage({
        message: sesBounce({ addresses: ['Reader@Example.org'] }),
        timestamp: clock.now(),
        privateKeyPem: amazon.privateKeyPem,
        ...input,
      }),
    );

  it('derives the pinned host from the topic ARN, and refuses what is not one', () => {
    expect(parseTopicArn(testTopicArn)).toMatchObject({
      region: 'eu-west-1',
      host: 'sns.eu-west-1.amazonaws.com',
    });
    expect(parseTopicArn('arn:aws:sqs:eu-west-1:123456789012:queue')).toBeUndefined();
    expect(parseTopicArn('arn:aws:sns:eu-west-1:12345:topic')).toBeUndefined();
  });

  it('accepts a permanent bounce signed with SignatureVersion 2 (SHA256) and 1 (SHA1)', async () => {
    for (const signatureVersion of ['2', '1'] as const) {
      const outcome = await sns().verify(
        body({
          signatureVersion,
          message: sesBounce({
            addresses: ['Reader@Example.org', '"A Name" <Second@Example.org>'],
            timestamp: '2026-01-15T09:00:00.000Z',
          }),
        }),
      );
      expect(outcome).toEqual({
        type: 'Notification',
        ignored: [],
        events: [
          {
            provider: 'ses',
            kind: 'hard_bounce',
            address: 'reader@example.org',
            detail: 'Permanent/General: smtp; 550 5.1.1 user unknown',
            occurredAt: '2026-01-15T09:00:00.000Z',
          },
          expect.objectContaining({ address: 'second@example.org', kind: 'hard_bounce' }),
        ],
      });
    }
  });

  it('reads complaints, and signs Subject when the message has one', async () => {
    const outcome = await sns().verify(
      body({ message: sesComplaint({ addresses: ['angry@example.org'] }), subject: 'Amazon SES' }),
    );
    expect(outcome).toMatchObject({
      type: 'Notification',
      events: [
        {
          provider: 'ses',
          kind: 'complaint',
          address: 'angry@example.org',
          detail: 'Complaint: abuse',
        },
      ],
    });
  });

  it('ignores transient bounces and other notifications, saying so', async () => {
    const transient = await sns().verify(
      body({ message: sesBounce({ addresses: ['full@example.org'], bounceType: 'Transient' }) }),
    );
    expect(transient).toEqual({
      type: 'Notification',
      events: [],
      ignored: ['Transient bounce (1 recipient(s)): not a hard bounce'],
    });
    const delivery = await sns().verify(
      body({ message: JSON.stringify({ notificationType: 'Delivery' }) }),
    );
    expect(delivery).toMatchObject({ events: [], ignored: [expect.stringContaining('Delivery')] });
  });

  it('refuses a forged message: altered after signing, or signed with another key', async () => {
    const altered = JSON.parse(body()) as Record<string, string>;
    altered.Message = sesBounce({ addresses: ['victim@example.org'] });
    expect(await outcomeOf(sns().verify(JSON.stringify(altered)))).toBe('bad-signature');
    expect(await outcomeOf(sns().verify(body({ privateKeyPem: attacker.privateKeyPem })))).toBe(
      'bad-signature',
    );
    const garbage = JSON.parse(body()) as Record<string, string>;
    garbage.Signature = 'not base64 at all!';
    expect(await outcomeOf(sns().verify(JSON.stringify(garbage)))).toBe('bad-signature');
  });

  it('refuses certificate URLs off the pinned host, or not https, without fetching them', async () => {
    const urls = [
      'http://sns.eu-west-1.amazonaws.com/SimpleNotificationService-1.pem',
      'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-1.pem',
      'https://sns.eu-west-1.amazonaws.com.evil.example/SimpleNotificationService-1.pem',
      'https://evil.example/sns.eu-west-1.amazonaws.com/cert.pem',
      'https://sns.eu-west-1.amazonaws.com:8443/SimpleNotificationService-1.pem',
      'https://user@sns.eu-west-1.amazonaws.com/SimpleNotificationService-1.pem',
      'not a url',
    ];
    for (const certUrl of urls)
      expect(await outcomeOf(sns().verify(body({ certUrl })))).toBe('certificate-url');
    expect(fetched).toEqual([]);
  });

  it('refuses another topic, a stale or future message, and an unknown signature version', async () => {
    expect(
      await outcomeOf(
        sns().verify(body({ topicArn: 'arn:aws:sns:eu-west-1:999999999999:someone-else' })),
      ),
    ).toBe('wrong-topic');
    const signedEarlier = body();
    clock.advance(60 * 60 * 1000 + 1000);
    expect(await outcomeOf(sns().verify(signedEarlier))).toBe('stale');
    expect(
      await outcomeOf(
        sns().verify(body({ timestamp: new Date(clock.now().getTime() + 3600_000) })),
      ),
    ).toBe('stale');
    const v3 = JSON.parse(body()) as Record<string, string>;
    v3.SignatureVersion = '3';
    expect(await outcomeOf(sns().verify(JSON.stringify(v3)))).toBe('unsupported-signature-version');
    expect(fetched).toEqual([]);
  });

  it('refuses bodies that are not SNS messages', async () => {
    expect(await outcomeOf(sns().verify('not json'))).toBe('malformed');
    expect(await outcomeOf(sns().verify('{"Type":"Notification"}'))).toBe('malformed');
    expect(
      await outcomeOf(sns().verify(JSON.stringify({ ...JSON.parse(body()), Type: 'X' }))),
    ).toBe('malformed');
  });

  it('fetches a certificate once, retries one that could not be fetched, refuses an expired one', async () => {
    const verifier = sns();
    await verifier.verify(body());
    await verifier.verify(body());
    expect(fetched).toEqual([testCertUrl]);

    let isDown = true;
    const flaky = createSnsEvents({
      topicArn: testTopicArn,
      clock,
      fetchFromSns: (url) => (isDown ? Promise.reject(new Error('timeout')) : fetchFromSns(url)),
    });
    expect(await outcomeOf(flaky.verify(body()))).toBe('certificate-unavailable');
    // Our failure, not the sender's: 503, so SNS retries (it takes a 4xx as final).
    await expect(flaky.verify(body())).rejects.toMatchObject({ status: 503, code: 'UNAVAILABLE' });
    isDown = false;
    expect(await outcomeOf(flaky.verify(body()))).toBe('accepted');

    const notPem = createSnsEvents({
      topicArn: testTopicArn,
      clock,
      fetchFromSns: () => Promise.resolve('<html>hello</html>'),
    });
    expect(await outcomeOf(notPem.verify(body()))).toBe('certificate-invalid');

    clock.advance(3 * 24 * 60 * 60 * 1000);
    expect(await outcomeOf(verifier.verify(body()))).toBe('certificate-invalid');
  });

  it('answers a subscription confirmation and visits its SubscribeURL only on the pinned host', async () => {
    const verifier = sns();
    const outcome = await verifier.verify(
      body({ type: 'SubscriptionConfirmation', message: 'You have chosen to subscribe…' }),
    );
    expect(outcome.type).toBe('SubscriptionConfirmation');
    if (outcome.type !== 'SubscriptionConfirmation') return;
    expect(outcome.subscribeUrl).toMatch(
      /^https:\/\/sns\.eu-west-1\.amazonaws\.com\/\?Action=ConfirmSubscription&/,
    );
    await verifier.confirmSubscription(outcome.subscribeUrl);
    expect(fetched).toEqual([testCertUrl, outcome.subscribeUrl]);
    for (const url of [
      'https://evil.example/?Action=ConfirmSubscription',
      'http://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription',
      'https://sns.eu-west-1.amazonaws.com/?Action=Publish',
    ])
      expect(await outcomeOf(verifier.confirmSubscription(url))).toBe('subscribe-url');
    expect(fetched).toHaveLength(2);
  });

  it('verifies an unsubscribe confirmation and asks nothing of it', async () => {
    expect(
      await sns().verify(body({ type: 'UnsubscribeConfirmation', message: 'unsubscribed' })),
    ).toEqual({ type: 'UnsubscribeConfirmation' });
  });
});
