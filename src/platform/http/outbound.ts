import { promises as dns, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';
import { AppError } from '../errors.js';
import { blockedAddressReason } from './ip-ranges.js';

/**
 * An HTTP POST client for URLs that someone else chose (webhook targets), safe against SSRF:
 * only http and https; the host is resolved once and refused if ANY address it resolves to is
 * loopback, private, link-local, CGNAT, unique-local, multicast, unspecified or otherwise not
 * public (unless `allowPrivate`, for development and tests); then the connection goes to that
 * vetted address — the host name is not resolved again, so a DNS answer that changes between
 * the check and the connection (DNS rebinding) cannot redirect it. The Host header and the TLS
 * server name (SNI and certificate check) stay the original host. Redirects are not followed,
 * the whole exchange has a deadline and at most `maxResponseBytes` of the answer are read.
 */

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to every address it has; `dns.promises.lookup(host, { all: true })` by default. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface OutboundClientOptions {
  /** Lets requests reach private and local addresses: development and tests only. */
  allowPrivate: boolean;
  /** Deadline for the whole exchange (resolution, connection, answer); 10 s by default. */
  timeoutMs?: number;
  /** How much of the answer is read at most; 64 KiB by default. */
  maxResponseBytes?: number;
  resolve?: Resolver;
}

export interface OutboundRequest {
  headers: Record<string, string>;
  body: string | Uint8Array;
}

export interface OutboundResponse {
  status: number;
  /** The start of the answer's body as text (at most 1,024 characters). */
  bodySnippet: string;
  durationMs: number;
}

export interface OutboundDownload {
  status: number;
  /** The answer's Content-Type header as sent (say nothing about the bytes: check them). */
  contentType: string;
  body: Buffer;
  durationMs: number;
}

export interface OutboundClient {
  readonly allowPrivate: boolean;
  /** Resolves with any HTTP status (3xx included: redirects are not followed); rejects with an AppError. */
  post(url: string, request: OutboundRequest): Promise<OutboundResponse>;
  /**
   * Downloads a file (an image an import refers to) with the same checks, redirects not
   * followed; an answer larger than `maxBytes` (`maxResponseBytes` by default) is refused with
   * `FILE_TOO_LARGE` as soon as it is known, without reading the rest.
   */
  get(url: string, options?: { maxBytes?: number }): Promise<OutboundDownload>;
}

export const unsafeUrl = (message: string) =>
  new AppError({ code: 'UNSAFE_URL', status: 400, message });

const outboundTimeout = (message: string) =>
  new AppError({ code: 'OUTBOUND_TIMEOUT', status: 504, message });

const outboundFailed = (message: string, cause?: unknown) =>
  new AppError({ code: 'OUTBOUND_FAILED', status: 502, message, cause });

const outboundTooLarge = (message: string) =>
  new AppError({ code: 'FILE_TOO_LARGE', status: 413, message });

const snippetChars = 1024;

interface Deadline {
  isExpired: boolean;
  onExpire?: () => void;
}

interface Target {
  url: URL;
  /** The host without IPv6 brackets. */
  hostname: string;
}

function parseTarget(raw: string): Target | string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not a valid URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http or https URL';
  if (url.username !== '' || url.password !== '') return 'must not contain a user name or password';
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (hostname === '') return 'must name a host';
  return { url, hostname };
}

const isLocalName = (hostname: string) => {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
};

/**
 * What is wrong with a URL before any DNS lookup (syntax, scheme, credentials, and — unless
 * `allowPrivate` — a literal private address or `localhost`), or undefined. For early feedback
 * when a URL is saved; `post` still checks what the host resolves to.
 */
export function checkOutboundUrl(
  raw: string,
  options: { allowPrivate: boolean },
): string | undefined {
  const target = parseTarget(raw);
  if (typeof target === 'string') return target;
  if (options.allowPrivate) return undefined;
  if (isLocalName(target.hostname)) return 'must not point at this machine';
  if (isIP(target.hostname) !== 0) {
    const why = blockedAddressReason(target.hostname);
    if (why) return `must not point at a non-public address (${why})`;
  }
  return undefined;
}

const defaultResolver: Resolver = async (hostname) =>
  (await dns.lookup(hostname, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family,
  }));

export function createOutboundClient(options: OutboundClientOptions): OutboundClient {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxResponseBytes = options.maxResponseBytes ?? 64 * 1024;
  const resolve = options.resolve ?? defaultResolver;

  async function vet(target: Target): Promise<ResolvedAddress> {
    if (!options.allowPrivate && isLocalName(target.hostname)) {
      throw unsafeUrl(`${target.hostname} is this machine`);
    }
    let addresses: ResolvedAddress[];
    try {
      addresses = await resolve(target.hostname);
    } catch (error) {
      throw outboundFailed(`could not resolve ${target.hostname}`, error);
    }
    const first = addresses[0];
    if (!first) throw outboundFailed(`${target.hostname} has no address`);
    if (!options.allowPrivate) {
      for (const { address } of addresses) {
        const why = blockedAddressReason(address);
        if (why) throw unsafeUrl(`${target.hostname} resolves to ${address}: ${why}`);
      }
    }
    return first;
  }

  function send<T>(
    target: Target,
    address: ResolvedAddress,
    request: {
      method: 'GET' | 'POST';
      headers: Record<string, string>;
      body?: string | Uint8Array;
    },
    started: number,
    deadline: Deadline,
    read: ResponseReader<T>,
  ): Promise<T> {
    return new Promise((resolvePromise, reject) => {
      let isSettled = false;
      const settle = (action: () => void) => {
        if (isSettled) return;
        isSettled = true;
        action();
      };
      // Connect to the vetted address whatever name the socket asks for.
      const lookup: LookupFunction = (_hostname, lookupOptions, callback) => {
        if (lookupOptions.all) {
          const all: LookupAddress[] = [{ address: address.address, family: address.family }];
          callback(null, all);
        } else {
          callback(null, address.address, address.family);
        }
      };
      const { url } = target;
      const requestFn = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const body =
        request.body === undefined
          ? undefined
          : typeof request.body === 'string'
            ? Buffer.from(request.body)
            : request.body;
      const outgoing = requestFn({
        protocol: url.protocol,
        hostname: target.hostname,
        port: url.port === '' ? undefined : Number(url.port),
        path: `${url.pathname}${url.search}`,
        method: request.method,
        headers:
          body === undefined
            ? request.headers
            : { ...request.headers, 'content-length': String(body.byteLength) },
        agent: false,
        lookup,
        family: address.family,
      });
      deadline.onExpire = () => {
        settle(() => reject(new Error('deadline expired')));
        outgoing.destroy();
      };
      outgoing.on('error', (error) =>
        settle(() =>
          reject(outboundFailed(`request to ${target.hostname} failed: ${error.message}`, error)),
        ),
      );
      outgoing.on('response', (response: IncomingMessage) =>
        read(response, {
          resolve: (value) => settle(() => resolvePromise(value)),
          reject: (error) =>
            settle(() => {
              reject(error);
              response.destroy();
              outgoing.destroy();
            }),
          stop: () => {
            response.destroy();
            outgoing.destroy();
          },
        }),
      );
      outgoing.end(body);
    });
  }

  /** A POST's answer: its status and the start of its body. */
  const readSnippet =
    (started: number): ResponseReader<OutboundResponse> =>
    (response, { resolve, reject, stop }) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = () =>
        resolve({
          status: response.statusCode ?? 0,
          bodySnippet: Buffer.concat(chunks).toString('utf8').slice(0, snippetChars),
          durationMs: Math.round(performance.now() - started),
        });
      response.on('data', (chunk: Buffer) => {
        const room = maxResponseBytes - size;
        if (room > 0) chunks.push(chunk.subarray(0, room));
        size += chunk.byteLength;
        if (size >= maxResponseBytes) {
          // Enough: the status is what matters; the rest of the answer is not read.
          finish();
          stop();
        }
      });
      response.on('end', finish);
      response.on('error', (error) =>
        reject(outboundFailed(`reading the answer failed: ${error.message}`, error)),
      );
    };

  /** A download: the whole body, refused past `maxBytes`. */
  const readAll =
    (started: number, maxBytes: number, host: string): ResponseReader<OutboundDownload> =>
    (response, { resolve, reject }) => {
      const tooLarge = () =>
        reject(outboundTooLarge(`the answer from ${host} is larger than ${maxBytes} bytes`));
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) return tooLarge();
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.byteLength;
        if (size > maxBytes) return tooLarge();
        chunks.push(chunk);
      });
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          contentType: String(response.headers['content-type'] ?? ''),
          body: Buffer.concat(chunks),
          durationMs: Math.round(performance.now() - started),
        }),
      );
      response.on('error', (error) =>
        reject(outboundFailed(`reading the answer failed: ${error.message}`, error)),
      );
    };

  /** Vets the target and runs the exchange, the whole of it within the deadline. */
  async function exchange<T>(
    raw: string,
    run: (target: Target, address: ResolvedAddress, deadline: Deadline) => Promise<T>,
  ): Promise<T> {
    const target = parseTarget(raw);
    if (typeof target === 'string') throw unsafeUrl(`URL ${target}`);
    const deadline: Deadline = { isExpired: false };
    const timedOut = () =>
      outboundTimeout(`no answer from ${target.hostname} within ${timeoutMs} ms`);
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        deadline.isExpired = true;
        reject(timedOut());
        deadline.onExpire?.();
      }, timeoutMs);
    });
    try {
      const work = (async () => {
        const address = await vet(target);
        // The deadline covers resolution too: a late answer is not used to connect.
        if (deadline.isExpired) throw timedOut();
        return run(target, address, deadline);
      })();
      work.catch(() => undefined);
      return await Promise.race([work, expired]);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    allowPrivate: options.allowPrivate,
    post(raw, request) {
      const started = performance.now();
      return exchange(raw, (target, address, deadline) =>
        send(
          target,
          address,
          { method: 'POST', ...request },
          started,
          deadline,
          readSnippet(started),
        ),
      );
    },
    get(raw, getOptions = {}) {
      const started = performance.now();
      const maxBytes = getOptions.maxBytes ?? maxResponseBytes;
      return exchange(raw, (target, address, deadline) =>
        send(
          target,
          address,
          { method: 'GET', headers: { accept: 'image/*,*/*;q=0.5' } },
          started,
          deadline,
          readAll(started, maxBytes, target.hostname),
        ),
      );
    },
  };
}

type ResponseReader<T> = (
  response: IncomingMessage,
  settle: { resolve: (value: T) => void; reject: (error: Error) => void; stop: () => void },
) => void;
