import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../clock.js';
import { refusalProblem } from './delivery-event.js';
import { createMailgunEvents, mailgunSignature, type RememberToken } from './mailgun.js';

const signingKey = 'key-0123456789abcdef0123456789abcdef';

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

describe('Mailgun webhook verification', () => {
  let clock: FakeClock;
  let seen: Set<string>;
  const rememberToken: RememberToken = (token) => {
    const isNew = !seen.has(token);
    seen.add(token);
    return Promise.resolve(isNew);
  };

  beforeEach(() => {
    clock = new FakeClock('2026-01-15T09:00:00.000Z');
    seen = new Set();
  });

  const mailgun = (key = signingKey) =>
    createMailgunEvents({ signingKey: key, rememberToken, clock });

  /** A webhook body signed with `key`, as Mailgun sends it. */
  function webhook(
    eventData: Record<string, unknown>,
    options: { key?: string; at?: Date; token?: string } = {},
  ) {
    const timestamp = String(Math.floor((options.at ?? clock.now()).getTime() / 1000));
    const token = options.token ?? randomBytes(25).toString('hex');
    return {
      signature: {
        timestamp,
        token,
        signature: mailgunSignature(options.key ?? signingKey, timestamp, token),
      },
      'event-data': eventData,
    };
  }

  const permanentFailure = {
    event: 'failed',
    severity: 'permanent',
    recipient: 'Gone@Example.org',
    timestamp: 1768467600.5,
    reason: 'bounce',
    'delivery-status': { code: 550, description: '5.1.1 The email account does not exist' },
  };

  it('reads a permanent failure as a hard bounce and a complaint as a complaint', async () => {
    expect(await mailgun().verify(webhook(permanentFailure))).toEqual({
      events: [
        {
          provider: 'mailgun',
          kind: 'hard_bounce',
          address: 'gone@example.org',
          detail: 'Permanent failure (bounce): 550 5.1.1 The email account does not exist',
          occurredAt: '2026-01-15T09:00:00.500Z',
        },
      ],
      ignored: [],
    });
    expect(
      await mailgun().verify(webhook({ event: 'complained', recipient: 'spam@example.org' })),
    ).toEqual({
      events: [
        {
          provider: 'mailgun',
          kind: 'complaint',
          address: 'spam@example.org',
          detail: 'Complaint',
          occurredAt: '2026-01-15T09:00:00.000Z',
        },
      ],
      ignored: [],
    });
  });

  it('ignores temporary failures and other events, saying so', async () => {
    const temporary = await mailgun().verify(
      webhook({ ...permanentFailure, severity: 'temporary' }),
    );
    expect(temporary).toEqual({
      events: [],
      ignored: ['Mailgun failed (temporary) event: not a hard bounce or complaint'],
    });
    expect(
      (await mailgun().verify(webhook({ event: 'delivered', recipient: 'a@example.org' }))).events,
    ).toEqual([]);
  });

  it('refuses a forged signature: another key, or a signature for other values', async () => {
    expect(
      await outcomeOf(mailgun().verify(webhook(permanentFailure, { key: 'guessed-key' }))),
    ).toBe('bad-signature');
    const moved = webhook(permanentFailure);
    moved.signature.timestamp = String(Number(moved.signature.timestamp) + 1);
    expect(await outcomeOf(mailgun().verify(moved))).toBe('bad-signature');
    // Nothing forged is remembered (an attacker cannot fill the token store).
    expect(seen.size).toBe(0);
  });

  it('refuses a timestamp older than 15 minutes or in the future', async () => {
    const old = new Date(clock.now().getTime() - 15 * 60 * 1000 - 1000);
    expect(await outcomeOf(mailgun().verify(webhook(permanentFailure, { at: old })))).toBe('stale');
    const ahead = new Date(clock.now().getTime() + 10 * 60 * 1000);
    expect(await outcomeOf(mailgun().verify(webhook(permanentFailure, { at: ahead })))).toBe(
      'stale',
    );
    const recent = new Date(clock.now().getTime() - 14 * 60 * 1000);
    expect(await outcomeOf(mailgun().verify(webhook(permanentFailure, { at: recent })))).toBe(
      'accepted',
    );
  });

  it('refuses a replayed token', async () => {
    const body = webhook(permanentFailure);
    expect(await outcomeOf(mailgun().verify(body))).toBe('accepted');
    expect(await outcomeOf(mailgun().verify(body))).toBe('replayed');
  });

  it('refuses bodies that are not signed Mailgun webhooks', async () => {
    expect(await outcomeOf(mailgun().verify(undefined))).toBe('malformed');
    expect(await outcomeOf(mailgun().verify({ 'event-data': permanentFailure }))).toBe('malformed');
    const short = webhook(permanentFailure);
    short.signature.signature = short.signature.signature.slice(0, 40);
    expect(await outcomeOf(mailgun().verify(short))).toBe('malformed');
  });
});
