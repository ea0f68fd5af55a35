import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { useWebhooks } from '../../../test/helpers/webhooks-fixture.js';
import { maxAttempts, retryDelaysMs } from './index.js';

describeEachDatabase('webhooks: delivery, retries and leases', (getDb) => {
  const w = useWebhooks(getDb);
  const { makeServices, recordEvent, countDeliveries } = w;

  it('retries a failing receiver on the backoff schedule, then gives up', async () => {
    const { webhooks } = makeServices();
    const { webhook } = await webhooks.create({
      name: 'Broken',
      url: `${w.base}/fail`,
      events: ['member.created'],
    });
    await recordEvent('member.created');
    await webhooks.dispatchPending();

    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const report = await webhooks.deliverDue(w.clock.now());
      expect(report.attempted, `attempt ${attempt}`).toBe(1);
      expect(w.received).toHaveLength(attempt);
      const [delivery] = (await webhooks.deliveries(webhook.id, { limit: 1 })).items;
      expect(delivery).toMatchObject({
        attempt,
        lastResponseStatus: 500,
        lastError: 'HTTP 500: boom',
      });
      const delay = retryDelaysMs[attempt - 1];
      if (delay === undefined) {
        expect(delivery).toMatchObject({ status: 'giving_up', nextAttemptAt: null });
        expect(report.gaveUp).toBe(1);
        break;
      }
      expect(delivery).toMatchObject({
        status: 'failed',
        nextAttemptAt: new Date(w.clock.now().getTime() + delay).toISOString(),
      });
      // Not due a moment before its time; due exactly then.
      w.clock.advance(delay - 1000);
      expect((await webhooks.deliverDue(w.clock.now())).attempted).toBe(0);
      w.clock.advance(1000);
    }
    expect(w.received).toHaveLength(maxAttempts);
    w.clock.advance(7 * 24 * 3600_000);
    expect((await webhooks.deliverDue(w.clock.now())).attempted).toBe(0);
    expect(await webhooks.get(webhook.id)).toMatchObject({ lastStatus: 'failed' });
  });

  it('sends one request per delivery when two senders run at once', async () => {
    const { webhooks } = makeServices();
    await webhooks.create({ name: 'One', url: `${w.base}/one`, events: ['post.updated'] });
    await webhooks.create({ name: 'Two', url: `${w.base}/two`, events: ['post.updated'] });
    for (let i = 0; i < 4; i++) await recordEvent('post.updated', { i });
    await webhooks.dispatchPending();
    expect(await countDeliveries()).toBe(8);

    const reports = await Promise.all([
      makeServices().webhooks.deliverDue(w.clock.now()),
      makeServices().webhooks.deliverDue(w.clock.now()),
      makeServices().webhooks.deliverDue(w.clock.now()),
    ]);
    expect(reports.reduce((sum, r) => sum + r.attempted, 0)).toBe(8);
    expect(w.received).toHaveLength(8);
    const ids = w.received.map((r) => r.headers['x-masthead-delivery']);
    expect(new Set(ids).size).toBe(8);
    expect((await webhooks.deliverDue(w.clock.now())).attempted).toBe(0);
  });

  it('reclaims a delivery whose sender vanished once its lease runs out', async () => {
    const { webhooks } = makeServices();
    const { webhook } = await webhooks.create({
      name: 'L',
      url: `${w.base}/ok`,
      events: ['post.deleted'],
    });
    await recordEvent('post.deleted');
    await webhooks.dispatchPending();
    // A sender claims the delivery and dies before finishing.
    await w.db
      .updateTable('webhook_deliveries')
      .set({
        status: 'sending',
        attempt: 1,
        next_attempt_at: new Date(w.clock.now().getTime() + 300_000).toISOString(),
      })
      .execute();
    expect((await webhooks.deliverDue(w.clock.now())).attempted).toBe(0);
    w.clock.advance(300_000);
    expect(await webhooks.deliverDue(w.clock.now())).toMatchObject({ attempted: 1, succeeded: 1 });
    const [delivery] = (await webhooks.deliveries(webhook.id, { limit: 1 })).items;
    expect(delivery).toMatchObject({ status: 'succeeded', attempt: 2 });
  });

  it('redelivers a delivery on request', async () => {
    const { webhooks } = makeServices();
    const { webhook } = await webhooks.create({
      name: 'R',
      url: `${w.base}/ok`,
      events: ['post.published'],
    });
    await recordEvent('post.published');
    await webhooks.runOnce(w.clock.now());
    const [delivery] = (await webhooks.deliveries(webhook.id, { limit: 1 })).items;
    if (!delivery) throw new Error('no delivery');

    w.clock.advance(60_000);
    const requeued = await webhooks.redeliver(webhook.id, delivery.id);
    expect(requeued).toMatchObject({ id: delivery.id, status: 'pending', attempt: 0 });
    expect(await webhooks.deliverDue(w.clock.now())).toMatchObject({ attempted: 1, succeeded: 1 });
    expect(w.received).toHaveLength(2);
    expect(w.received[1]?.headers['x-masthead-delivery']).toBe(delivery.id);
    expect(w.received[1]?.body).toBe(w.received[0]?.body);
    await expect(
      webhooks.redeliver(webhook.id, '01900000-0000-7000-8000-000000000000'),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('pages deliveries newest first', async () => {
    const { webhooks } = makeServices();
    const { webhook } = await webhooks.create({
      name: 'P',
      url: `${w.base}/ok`,
      events: ['post.published'],
    });
    for (let i = 0; i < 5; i++) {
      await recordEvent('post.published', { slug: `story-${i}` });
      await webhooks.dispatchPending();
      w.clock.advance(1000);
    }
    const first = await webhooks.deliveries(webhook.id, { limit: 2 });
    const slugs = (page: typeof first) =>
      page.items.map((d) => (d.payload.data as { slug: string }).slug);
    expect(slugs(first)).toEqual(['story-4', 'story-3']);
    expect(first.next).not.toBeNull();
    const second = await webhooks.deliveries(webhook.id, { limit: 2, cursor: first.next ?? '' });
    expect(slugs(second)).toEqual(['story-2', 'story-1']);
    const third = await webhooks.deliveries(webhook.id, { limit: 2, cursor: second.next ?? '' });
    expect(slugs(third)).toEqual(['story-0']);
    expect(third.next).toBeNull();
  });
});
