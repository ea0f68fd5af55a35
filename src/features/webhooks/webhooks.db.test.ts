import type { Kysely } from 'kysely';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { testKeyring } from '../../../test/helpers/test-keyring.js';
import { FakeClock } from '../../platform/clock.js';
import { narrow } from '../../platform/db/index.js';
import { createOutboundClient } from '../../platform/http/outbound.js';
import { createEventsService, type EventsTables, type EventType } from '../events/index.js';
import {
  createWebhooksService,
  maxAttempts,
  retryDelaysMs,
  verifyWebhookSignature,
  webhookSecretPurpose,
} from './index.js';
import type { WebhooksTables } from './webhooks.table.js';

// The receiver listens on 127.0.0.1 only; services that send to it allow private targets.

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

let receiver: Server;
let base = '';
let received: Received[] = [];

beforeAll(async () => {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '';
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString() });
      const status = path.startsWith('/fail') ? 500 : 200;
      // A little latency, so that concurrent senders really overlap.
      setTimeout(() => response.writeHead(status).end(status === 200 ? 'ok' : 'boom'), 20);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});

afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

describeEachDatabase('webhooks', (getDb) => {
  let clock: FakeClock;
  let db: Kysely<WebhooksTables & EventsTables>;

  const makeServices = (allowPrivate = true) => {
    const events = createEventsService({ db: narrow(db).to<EventsTables>(), clock });
    const webhooks = createWebhooksService({
      keyring: testKeyring(),
      db,
      clock,
      events,
      outbound: createOutboundClient({ allowPrivate, timeoutMs: 5000 }),
    });
    return { events, webhooks };
  };

  const recordEvent = async (type: EventType, payload: Record<string, unknown> = {}) =>
    makeServices().events.record(narrow(db).to<EventsTables>(), {
      type,
      subjectId: 'subject-1',
      payload,
      actor: 'test',
    });

  const countDeliveries = async () =>
    Number(
      (
        await db
          .selectFrom('webhook_deliveries')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeEach(async () => {
    await getDb().truncate();
    db = getDb().database.db as Kysely<WebhooksTables & EventsTables>;
    clock = new FakeClock('2026-11-27T12:00:00.000Z');
    received = [];
  });

  it('turns an outbox event into one delivery per subscribed webhook, even when dispatched twice at once', async () => {
    const { webhooks } = makeServices();
    const a = await webhooks.create({ name: 'A', url: `${base}/a`, events: ['post.published'] });
    const b = await webhooks.create({
      name: 'B',
      url: `${base}/b`,
      events: ['post.published', 'post.updated'],
    });
    await webhooks.create({ name: 'Members', url: `${base}/m`, events: ['member.created'] });
    await webhooks.create({
      name: 'Off',
      url: `${base}/off`,
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
      url: `${base}/ok`,
      events: ['post.published'],
    });
    expect(secret).toMatch(/^whsec_/);
    const data = { slug: 'ceasefire', kind: 'article', authorIds: ['a1'], tagIds: ['t1'] };
    const event = await recordEvent('post.published', data);

    const report = await webhooks.runOnce(clock.now());
    expect(report).toEqual({
      dispatched: { events: 1, deliveries: 1 },
      delivered: { attempted: 1, succeeded: 1, failed: 0, gaveUp: 0 },
    });
    expect(received).toHaveLength(1);
    const request = received[0];
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
    expect(signature.startsWith(`t=${Math.floor(clock.now().getTime() / 1000)},`)).toBe(true);
    const now = clock.now();
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
      lastDeliveryAt: clock.now().toISOString(),
    });

    // After rotation, deliveries are signed with the new secret only.
    const rotated = await webhooks.rotateSecret(webhook.id);
    expect(rotated.secret).not.toBe(secret);
    await recordEvent('post.published', { postId: 'p2' });
    await webhooks.runOnce(clock.now());
    const again = received[1];
    if (!again) throw new Error('no second request');
    const header = again.headers['x-masthead-signature'] as string;
    expect(verifyWebhookSignature(rotated.secret, header, again.body, 300, now)).toBe(true);
    expect(verifyWebhookSignature(secret, header, again.body, 300, now)).toBe(false);
  });

  it('stores the signing secret encrypted; a cleartext one from before still signs and is encrypted by its next delivery', async () => {
    const { webhooks } = makeServices();
    const { webhook, secret } = await webhooks.create({
      name: 'Old install',
      url: `${base}/ok`,
      events: ['member.created'],
    });
    const stored = () =>
      db
        .selectFrom('webhooks')
        .select('secret')
        .where('id', '=', webhook.id)
        .executeTakeFirstOrThrow()
        .then((r) => r.secret);
    expect(await stored()).toMatch(/^enc:v1:[0-9a-f]{8}:/);
    expect(await stored()).not.toContain(secret.slice(6));
    // As an install from before encryption left it.
    await db.updateTable('webhooks').set({ secret }).where('id', '=', webhook.id).execute();
    await recordEvent('member.created');
    await webhooks.runOnce(clock.now());
    const request = received[0];
    if (!request) throw new Error('no request');
    const header = request.headers['x-masthead-signature'] as string;
    expect(verifyWebhookSignature(secret, header, request.body, 300, clock.now())).toBe(true);
    expect(await stored()).toMatch(/^enc:v1:/);
    expect(testKeyring().decrypt(webhookSecretPurpose, await stored())).toBe(secret);
  });

  it('retries a failing receiver on the backoff schedule, then gives up', async () => {
    const { webhooks } = makeServices();
    const { webhook } = await webhooks.create({
      name: 'Broken',
      url: `${base}/fail`,
      events: ['member.created'],
    });
    await recordEvent('member.created');
    await webhooks.dispatchPending();

    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const report = await webhooks.deliverDue(clock.now());
      expect(report.attempted, `attempt ${attempt}`).toBe(1);
      expect(received).toHaveLength(attempt);
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
        nextAttemptAt: new Date(clock.now().getTime() + delay).toISOString(),
      });
      // Not due a moment before its time; due exactly then.
      clock.advance(delay - 1000);
      expect((await webhooks.deliverDue(clock.now())).attempted).toBe(0);
      clock.advance(1000);
    }
    expect(received).toHaveLength(maxAttempts);
    clock.advance(7 * 24 * 3600_000);
    expect((await webhooks.deliverDue(clock.now())).attempted).toBe(0);
    expect(await webhooks.get(webhook.id)).toMatchObject({ lastStatus: 'failed' });
  });

  it('sends one request per delivery when two senders run at once', async () => {
    const { webhooks } = makeServices();
    await webhooks.create({ name: 'One', url: `${base}/one`, events: ['post.updated'] });
    await webhooks.create({ name: 'Two', url: `${base}/two`, events: ['post.updated'] });
    for (let i = 0; i < 4; i++) await recordEvent('post.updated', { i });
    await webhooks.dispatchPending();
    expect(await countDeliveries()).toBe(8);

    const reports = await Promise.all([
      makeServices().webhooks.deliverDue(clock.now()),
      makeServices().webhooks.deliverDue(clock.now()),
      makeServices().webhooks.deliverDue(clock.now()),
    ]);
    expect(reports.reduce((sum, r) => sum + r.attempted, 0)).toBe(8);
    expect(received).toHaveLength(8);
    const ids = received.map((r) => r.headers['x-masthead-delivery']);
    expect(new Set(ids).size).toBe(8);
    expect((await webhooks.deliverDue(clock.now())).attempted).toBe(0);
  });

  it('reclaims a delivery whose sender vanished once its lease runs out', async () => {
    const { webhooks } = makeServices();
    const { webhook } = await webhooks.create({
      name: 'L',
      url: `${base}/ok`,
      events: ['post.deleted'],
    });
    await recordEvent('post.deleted');
    await webhooks.dispatchPending();
    // A sender claims the delivery and dies before finishing.
    await db
      .updateTable('webhook_deliveries')
      .set({
        status: 'sending',
        attempt: 1,
        next_attempt_at: new Date(clock.now().getTime() + 300_000).toISOString(),
      })
      .execute();
    expect((await webhooks.deliverDue(clock.now())).attempted).toBe(0);
    clock.advance(300_000);
    expect(await webhooks.deliverDue(clock.now())).toMatchObject({ attempted: 1, succeeded: 1 });
    const [delivery] = (await webhooks.deliveries(webhook.id, { limit: 1 })).items;
    expect(delivery).toMatchObject({ status: 'succeeded', attempt: 2 });
  });

  it('redelivers a delivery on request', async () => {
    const { webhooks } = makeServices();
    const { webhook } = await webhooks.create({
      name: 'R',
      url: `${base}/ok`,
      events: ['post.published'],
    });
    await recordEvent('post.published');
    await webhooks.runOnce(clock.now());
    const [delivery] = (await webhooks.deliveries(webhook.id, { limit: 1 })).items;
    if (!delivery) throw new Error('no delivery');

    clock.advance(60_000);
    const requeued = await webhooks.redeliver(webhook.id, delivery.id);
    expect(requeued).toMatchObject({ id: delivery.id, status: 'pending', attempt: 0 });
    expect(await webhooks.deliverDue(clock.now())).toMatchObject({ attempted: 1, succeeded: 1 });
    expect(received).toHaveLength(2);
    expect(received[1]?.headers['x-masthead-delivery']).toBe(delivery.id);
    expect(received[1]?.body).toBe(received[0]?.body);
    await expect(
      webhooks.redeliver(webhook.id, '01900000-0000-7000-8000-000000000000'),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('pages deliveries newest first', async () => {
    const { webhooks } = makeServices();
    const { webhook } = await webhooks.create({
      name: 'P',
      url: `${base}/ok`,
      events: ['post.published'],
    });
    for (let i = 0; i < 5; i++) {
      await recordEvent('post.published', { slug: `story-${i}` });
      await webhooks.dispatchPending();
      clock.advance(1000);
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

  it('without private targets allowed, refuses local URLs when saved and when sending', async () => {
    const strict = makeServices(false).webhooks;
    await expect(
      strict.create({ name: 'Local', url: `${base}/ok`, events: ['post.published'] }),
    ).rejects.toMatchObject({ status: 400, problems: [{ field: 'url' }] });
    // Saved while allowed (say, before the configuration changed), sent while not.
    const { webhook } = await makeServices().webhooks.create({
      name: 'Local',
      url: `${base}/ok`,
      events: ['post.published'],
    });
    await recordEvent('post.published');
    expect((await strict.runOnce(clock.now())).delivered).toMatchObject({
      attempted: 1,
      failed: 1,
    });
    expect(received).toHaveLength(0);
    const [delivery] = (await strict.deliveries(webhook.id, { limit: 1 })).items;
    expect(delivery?.lastError).toMatch(/^UNSAFE_URL/);
  });

  it('updates and deletes webhooks, and validates what it stores', async () => {
    const { webhooks } = makeServices();
    const { webhook } = await webhooks.create({
      name: 'U',
      url: `${base}/ok`,
      events: ['post.published'],
    });
    clock.advance(1000);
    const updated = await webhooks.update(webhook.id, {
      events: ['post.updated', 'post.updated', 'post.deleted'],
      isActive: false,
    });
    expect(updated).toMatchObject({
      events: ['post.updated', 'post.deleted'],
      isActive: false,
      updatedAt: clock.now().toISOString(),
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
