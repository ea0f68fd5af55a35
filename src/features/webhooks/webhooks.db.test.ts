import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { useWebhooks } from '../../../test/helpers/webhooks-fixture.js';
import { testKeyring } from '../../../test/helpers/test-keyring.js';
import { verifyWebhookSignature, webhookSecretPurpose } from './index.js';

// The receiver listens on 127.0.0.1 only; services that send to it allow private targets.
describeEachDatabase('webhooks', (getDb) => {
  const w = useWebhooks(getDb);
  const { makeServices, recordEvent, countDeliveries } = w;

  it('turns an outbox event into one delivery per subscribed webhook, even when dispatched twice at once', async () => {
    const { webhooks } = makeServices();
    const a = await webhooks.create({ name: 'A', url: `${w.base}/a`, events: ['post.published'] });
    const b = await webhooks.create({
      name: 'B',
      url: `${w.base}/b`,
      events: ['post.published', 'post.updated'],
    });
    await webhooks.create({ name: 'Members', url: `${w.base}/m`, events: ['member.created'] });
    await webhooks.create({
      name: 'Off',
      url: `${w.base}/off`,
      events: ['post.published'],
      isActive: false,
    });
    const event = await recordEvent('post.published', { slug: 'hello' });

    const [first, second] = await Promise.all([
      makeServices().webhooks.dispatchPending(),
      makeServices().webhooks.dispatchPending(),
    ]);
    expect((first?.deliveries ?? 0) + (second?.deliveries ?? 0)).toBe(2);
    expect(await countDeliveries()).toBe(2);
    expect(await webhooks.dispatchPending()).toEqual({ events: 0, deliveries: 0 });

    for (const hook of [a, b]) {
      const page = await webhooks.deliveries(hook.webhook.id, { limit: 10 });
      expect(page.items).toMatchObject([
        { eventId: event.id, eventType: 'post.published', status: 'pending', attempt: 0 },
      ]);
    }
  });

  it('POSTs a signed JSON body that verifies with the secret, and tampering breaks it', async () => {
    const { webhooks } = makeServices();
    const { webhook, secret } = await webhooks.create({
      name: 'Receiver',
      url: `${w.base}/ok`,
      events: ['post.published'],
    });
    expect(secret).toMatch(/^whsec_/);
    const data = { slug: 'ceasefire', kind: 'article', authorIds: ['a1'], tagIds: ['t1'] };
    const event = await recordEvent('post.published', data);

    const report = await webhooks.runOnce(w.clock.now());
    expect(report).toEqual({
      dispatched: { events: 1, deliveries: 1 },
      delivered: { attempted: 1, succeeded: 1, failed: 0, gaveUp: 0 },
    });
    expect(w.received).toHaveLength(1);
    const request = w.received[0];
    if (!request) throw new Error('no request');
    const [delivery] = (await webhooks.deliveries(webhook.id, { limit: 10 })).items;
    expect(request.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'Masthead-Webhooks/1',
      'x-masthead-event': 'post.published',
      'x-masthead-delivery': delivery?.id,
    });
    expect(JSON.parse(request.body)).toEqual({
      id: event.id,
      type: 'post.published',
      createdAt: event.createdAt,
      data,
    });
    const signature = request.headers['x-masthead-signature'] as string;
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(signature.startsWith(`t=${Math.floor(w.clock.now().getTime() / 1000)},`)).toBe(true);
    const now = w.clock.now();
    expect(verifyWebhookSignature(secret, signature, request.body, 300, now)).toBe(true);
    expect(
      verifyWebhookSignature(secret, signature, request.body.replace('ceasefire', 'war'), 300, now),
    ).toBe(false);
    expect(verifyWebhookSignature(`${secret}x`, signature, request.body, 300, now)).toBe(false);
    expect(
      // One hex digit changed (always to a different one).
      verifyWebhookSignature(
        secret,
        signature.replace(/v1=(.)/, (_, d: string) => `v1=${d === '0' ? '1' : '0'}`),
        request.body,
        300,
        now,
      ),
    ).toBe(false);
    expect(
      verifyWebhookSignature(
        secret,
        signature,
        request.body,
        300,
        new Date(now.getTime() + 600_000),
      ),
    ).toBe(false);
    expect(verifyWebhookSignature(secret, undefined, request.body, 300, now)).toBe(false);

    expect(delivery).toMatchObject({
      status: 'succeeded',
      attempt: 1,
      lastResponseStatus: 200,
      lastError: null,
      nextAttemptAt: null,
    });
    expect(await webhooks.get(webhook.id)).toMatchObject({
      lastStatus: 'succeeded',
      lastDeliveryAt: w.clock.now().toISOString(),
    });

    // After rotation, deliveries are signed with the new secret only.
    const rotated = await webhooks.rotateSecret(webhook.id);
    expect(rotated.secret).not.toBe(secret);
    await recordEvent('post.published', { postId: 'p2' });
    await webhooks.runOnce(w.clock.now());
    const again = w.received[1];
    if (!again) throw new Error('no second request');
    const header = again.headers['x-masthead-signature'] as string;
    expect(verifyWebhookSignature(rotated.secret, header, again.body, 300, now)).toBe(true);
    expect(verifyWebhookSignature(secret, header, again.body, 300, now)).toBe(false);
  });

  it('stores the signing secret encrypted; a cleartext one from before still signs and is encrypted by its next delivery', async () => {
    const { webhooks } = makeServices();
    const { webhook, secret } = await webhooks.create({
      name: 'Old install',
      url: `${w.base}/ok`,
      events: ['member.created'],
    });
    const stored = () =>
      w.db
        .selectFrom('webhooks')
        .select('secret')
        .where('id', '=', webhook.id)
        .executeTakeFirstOrThrow()
        .then((r) => r.secret);
    expect(await stored()).toMatch(/^enc:v1:[0-9a-f]{8}:/);
    expect(await stored()).not.toContain(secret.slice(6));
    // As an install from before encryption left it.
    await w.db.updateTable('webhooks').set({ secret }).where('id', '=', webhook.id).execute();
    await recordEvent('member.created');
    await webhooks.runOnce(w.clock.now());
    const request = w.received[0];
    if (!request) throw new Error('no request');
    const header = request.headers['x-masthead-signature'] as string;
    expect(verifyWebhookSignature(secret, header, request.body, 300, w.clock.now())).toBe(true);
    expect(await stored()).toMatch(/^enc:v1:/);
    expect(testKeyring().decrypt(webhookSecretPurpose, await stored())).toBe(secret);
  });

  it('without private targets allowed, refuses local URLs when saved and when sending', async () => {
    const strict = makeServices(false).webhooks;
    await expect(
      strict.create({ name: 'Local', url: `${w.base}/ok`, events: ['post.published'] }),
    ).rejects.toMatchObject({ status: 400, problems: [{ field: 'url' }] });
    // Saved while allowed (say, before the configuration changed), sent while not.
    const { webhook } = await makeServices().webhooks.create({
      name: 'Local',
      url: `${w.base}/ok`,
      events: ['post.published'],
    });
    await recordEvent('post.published');
    expect((await strict.runOnce(w.clock.now())).delivered).toMatchObject({
      attempted: 1,
      failed: 1,
    });
    expect(w.received).toHaveLength(0);
    const [delivery] = (await strict.deliveries(webhook.id, { limit: 1 })).items;
    expect(delivery?.lastError).toMatch(/^UNSAFE_URL/);
  });

  it('updates and deletes webhooks, and validates what it stores', async () => {
    const { webhooks } = makeServices();
    const { webhook } = await webhooks.create({
      name: 'U',
      url: `${w.base}/ok`,
      events: ['post.published'],
    });
    w.clock.advance(1000);
    const updated = await webhooks.update(webhook.id, {
      events: ['post.updated', 'post.updated', 'post.deleted'],
      isActive: false,
    });
    expect(updated).toMatchObject({
      events: ['post.updated', 'post.deleted'],
      isActive: false,
      updatedAt: w.clock.now().toISOString(),
    });
    await expect(webhooks.update(webhook.id, { events: ['post.exploded'] })).rejects.toMatchObject({
      problems: [{ field: 'events' }],
    });
    await expect(webhooks.update(webhook.id, { url: 'gopher://x' })).rejects.toMatchObject({
      problems: [{ field: 'url' }],
    });
    await recordEvent('post.updated');
    await webhooks.dispatchPending();
    expect(await countDeliveries()).toBe(0);

    await webhooks.update(webhook.id, { isActive: true });
    await recordEvent('post.updated');
    await webhooks.dispatchPending();
    expect(await countDeliveries()).toBe(1);
    await webhooks.remove(webhook.id);
    expect(await countDeliveries()).toBe(0);
    await expect(webhooks.get(webhook.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(webhooks.remove(webhook.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
