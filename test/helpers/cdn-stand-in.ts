import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PurgeCall {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface CdnStandIn {
  /** The base URL to give as CDN_API_BASE / apiBase. */
  readonly url: string;
  readonly calls: PurgeCall[];
  /** What the next calls are answered with (status, body); 200 with a success body by default. */
  answerWith(answer: (call: PurgeCall) => { status: number; body?: unknown }): void;
  /** Holds every answer until `release()` (to show a purge never holds up the request). */
  hold(): void;
  release(): void;
  /** Resolves once `count` calls have arrived. */
  waitForCalls(count: number, timeoutMs?: number): Promise<PurgeCall[]>;
  close(): Promise<void>;
}

/**
 * A local stand-in for a CDN's purge API (Fastly's and Cloudflare's cannot be reached from
 * here): records each request as the provider would receive it and answers as told.
 */
export async function startCdnStandIn(): Promise<CdnStandIn> {
  const calls: PurgeCall[] = [];
  let answer = (_call: PurgeCall): { status: number; body?: unknown } => ({
    status: 200,
    body: { success: true, errors: [], messages: [], result: { id: 'purge' } },
  });
  let held: Array<() => void> | undefined;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const call = {
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      calls.push(call);
      const send = () => {
        const { status, body } = answer(call);
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body ?? {}));
      };
      if (held) held.push(send);
      else send();
    });
  });
  const release = () => {
    const waiting = held ?? [];
    held = undefined;
    for (const send of waiting) send();
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    answerWith(next) {
      answer = next;
    },
    hold() {
      held ??= [];
    },
    release,
    async waitForCalls(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (calls.length < count) {
        if (Date.now() > deadline)
          throw new Error(`${calls.length} purge calls arrived, ${count} expected`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return calls;
    },
    async close() {
      release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
