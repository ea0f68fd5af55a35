import { describe, expect, it } from 'vitest';
import {
  backoffMs,
  fullAccessFor,
  listHeaders,
  messageIdFor,
  rowAfter,
  sendRules,
} from './email-send.js';

describe('delivery rules', () => {
  const now = new Date('2026-01-15T09:00:00.000Z');

  it('backs off exponentially, capped', () => {
    expect([1, 2, 3, 4, 5, 6, 10].map((a) => backoffMs(a) / 60_000)).toEqual([
      1, 2, 4, 8, 16, 30, 30,
    ]);
  });

  it('turns the mailer’s answer into the row’s next state', () => {
    expect(rowAfter({ status: 'sent', reply: '250 ok' }, 0, now)).toEqual({
      state: 'sent',
      reply: '250 ok',
    });
    expect(rowAfter({ status: 'failed', reply: '550 no' }, 0, now).state).toBe('failed');
    expect(rowAfter({ status: 'uncertain', reply: 'reset' }, 0, now).state).toBe('uncertain');
    expect(rowAfter({ status: 'deferred', reply: '451 later' }, 1, now)).toEqual({
      state: 'queued',
      reply: '451 later',
      attempts: 2,
      retryAt: '2026-01-15T09:02:00.000Z',
    });
    expect(
      rowAfter({ status: 'deferred', reply: '451 later' }, sendRules.maxAttempts - 1, now),
    ).toEqual({
      state: 'failed',
      reply: '451 later (gave up after 5 attempts)',
      attempts: 5,
      retryAt: null,
    });
  });

  it('gives the full story to everyone unless it is paid', () => {
    expect(fullAccessFor(null)).toBe('everyone');
    expect(fullAccessFor('public')).toBe('everyone');
    expect(fullAccessFor('members')).toBe('everyone');
    expect(fullAccessFor('paid')).toBe('paid');
  });

  it('writes RFC 8058 and RFC 2919 headers and a stable Message-ID', () => {
    expect(
      listHeaders({
        newsletter: { name: 'Breaking <News>, "Now"', slug: 'breaking' },
        host: 'news.example.org',
        unsubscribeUrl: 'https://news.example.org/unsubscribe/?t=abc',
      }),
    ).toEqual({
      'List-Unsubscribe': '<https://news.example.org/unsubscribe/?t=abc>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'List-Id': '"Breaking  News , Now" <breaking.list-id.news.example.org>',
    });
    expect(messageIdFor('e1', 'm1', 'news.example.org')).toBe('<e1.m1@news.example.org>');
  });
});
