import type { Kysely } from 'kysely';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import {
  createEventsService,
  type EventsTables,
  type EventType,
} from '../../src/features/events/index.js';
import { createWebhooksService } from '../../src/features/webhooks/index.js';
import type { WebhooksTables } from '../../src/features/webhooks/webhooks.table.js';
import { FakeClock } from '../../src/platform/clock.js';
import { narrow } from '../../src/platform/db/index.js';
import { createOutboundClient } from '../../src/platform/http/outbound.js';
import type { TestDatabase } from './test-database.js';
import { testKeyring } from './test-keyring.js';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A webhook receiver on 127.0.0.1 (paths starting /fail answer 500, every answer after 20 ms so
 * concurrent senders really overlap) and the webhooks service over the suite's database, emptied
 * before each test with a fake clock. Services built here allow private targets unless told, as
 * the receiver is local. Fields are set from `beforeAll`/`beforeEach` on.
 */
export function useWebhooks(getDb: () => TestDatabase) {
  let receiver: Server;
  const w = {
    base: '',
    received: [] as Received[],
    clock: new FakeClock('2026-11-27T12:00:00.000Z'),
    db: undefined as unknown as Kysely<WebhooksTables & EventsTables>,
  };

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const path = request.url ?? '';
        w.received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString() });
        const status = path.startsWith('/fail') ? 500 : 200;
        setTimeout(() => response.writeHead(status).end(status === 200 ? 'ok' : 'boom'), 20);
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    w.base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  });
  beforeEach(async () => {
    await getDb().truncate();
    w.db = getDb().database.db as Kysely<WebhooksTables & EventsTables>;
    w.clock = new FakeClock('2026-11-27T12:00:00.000Z');
    w.received = [];
  });

  const makeServices = (allowPrivate = true) => {
    const events = createEventsService({ db: narrow(w.db).to<EventsTables>(), clock: w.clock });
    const webhooks = createWebhooksService({
      keyring: testKeyring(),
      db: w.db,
      clock: w.clock,
      events,
      outbound: createOutboundClient({ allowPrivate, timeoutMs: 5000 }),
    });
    return { events, webhooks };
  };

  const recordEvent = async (type: EventType, payload: Record<string, unknown> = {}) =>
    makeServices().events.record(narrow(w.db).to<EventsTables>(), {
      type,
      subjectId: 'subject-1',
      payload,
      actor: 'test',
    });

  const countDeliveries = async () =>
    Number(
      (
        await w.db
          .selectFrom('webhook_deliveries')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  return Object.assign(w, { makeServices, recordEvent, countDeliveries });
}
