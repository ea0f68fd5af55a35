import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../errors.js';
import { blockedAddressReason } from './ip-ranges.js';
import { checkOutboundUrl, createOutboundClient, type Resolver } from './outbound.js';

// Only loopback is ever contacted here: every blocked target is refused before connecting, and
// host names other than localhost go through a resolver the test provides.

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

let server: Server;
let port = 0;
const received: Received[] = [];
let behaviour: 'ok' | 'hang' | 'redirect' | 'huge' = 'ok';

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      if (behaviour === 'hang') return;
      if (behaviour === 'redirect') {
        response.writeHead(302, { location: `http://127.0.0.1:${port}/elsewhere` }).end();
        return;
      }
      if (behaviour === 'huge') {
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.end('x'.repeat(1024 * 1024));
        return;
      }
      response.writeHead(202, { 'content-type': 'text/plain' }).end('thanks');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return isAppError(error) ? error.code : `non-AppError: ${String(error)}`;
  }
}

const fixedResolver =
  (addresses: string[]): Resolver =>
  () =>
    Promise.resolve(
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );

describe('blockedAddressReason', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.255', 'carrier-grade NAT'],
    ['0.0.0.0', 'this-network'],
    ['0.1.2.3', 'this-network'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['198.18.0.1', 'benchmarking'],
    ['192.0.2.10', 'documentation'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf::1', 'link-local'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::127.0.0.1', 'loopback'],
    ['64:ff9b::192.168.0.1', 'NAT64'],
    ['2002:a00:1::1', '6to4'],
    ['2001:db8::1', 'documentation'],
    ['not-an-ip', 'not an IP'],
  ])('refuses %s (%s)', (address, why) => {
    expect(blockedAddressReason(address)).toContain(why);
  });

  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700::1111',
    '::ffff:8.8.8.8',
  ])('accepts the public address %s', (address) => {
    expect(blockedAddressReason(address)).toBeUndefined();
  });
});

describe('checkOutboundUrl', () => {
  it('accepts public http and https URLs and refuses other schemes and credentials', () => {
    expect(
      checkOutboundUrl('https://hooks.example.com/in', { allowPrivate: false }),
    ).toBeUndefined();
    expect(
      checkOutboundUrl('http://93.184.216.34:8080/x?y=1', { allowPrivate: false }),
    ).toBeUndefined();
    expect(checkOutboundUrl('ftp://example.com/', { allowPrivate: false })).toMatch(/http/);
    expect(checkOutboundUrl('javascript:alert(1)', { allowPrivate: true })).toMatch(/http/);
    expect(checkOutboundUrl('not a url', { allowPrivate: true })).toMatch(/valid URL/);
    expect(checkOutboundUrl('https://u:p@example.com/', { allowPrivate: true })).toMatch(
      /password/,
    );
  });

  it('refuses literal local targets unless private targets are allowed', () => {
    for (const url of [
      'http://localhost/',
      'http://api.localhost/',
      'http://127.0.0.1/',
      'http://2130706433/',
      'http://0x7f.1/',
      'http://[::1]/',
      'http://[::ffff:10.0.0.1]/',
      'http://169.254.169.254/latest/meta-data/',
    ]) {
      expect(checkOutboundUrl(url, { allowPrivate: false }), url).toBeDefined();
      expect(checkOutboundUrl(url, { allowPrivate: true }), url).toBeUndefined();
    }
  });
});

describe('createOutboundClient', () => {
  it('refuses every blocked range before connecting', async () => {
    const client = createOutboundClient({ allowPrivate: false, timeoutMs: 2000 });
    const before = received.length;
    for (const url of [
      `http://127.0.0.1:${port}/`,
      `http://localhost:${port}/`,
      `http://2130706433:${port}/`,
      'http://10.0.0.1/',
      'http://172.16.5.4/',
      'http://192.168.0.1/',
      'http://169.254.169.254/latest/meta-data/',
      'http://100.64.1.1/',
      'http://0.0.0.0/',
      'http://224.0.0.1/',
      `http://[::1]:${port}/`,
      'http://[::]/',
      'http://[fe80::1]/',
      'http://[fd00::1]/',
      'http://[ff02::1]/',
      `http://[::ffff:127.0.0.1]:${port}/`,
      'http://[::ffff:a9fe:a9fe]/',
    ]) {
      expect(await codeOf(client.post(url, { headers: {}, body: '{}' })), url).toBe('UNSAFE_URL');
    }
    expect(received.length).toBe(before);
  });

  it('refuses a host when any one of its addresses is not public', async () => {
    const client = createOutboundClient({
      allowPrivate: false,
      resolve: fixedResolver(['93.184.216.34', '10.0.0.7']),
    });
    expect(
      await codeOf(client.post('https://hooks.example.test/in', { headers: {}, body: '{}' })),
    ).toBe('UNSAFE_URL');
  });

  it('refuses schemes other than http and https, and URLs with credentials', async () => {
    const client = createOutboundClient({ allowPrivate: true });
    expect(await codeOf(client.post('file:///etc/passwd', { headers: {}, body: '' }))).toBe(
      'UNSAFE_URL',
    );
    expect(
      await codeOf(client.post(`http://a:b@127.0.0.1:${port}/`, { headers: {}, body: '' })),
    ).toBe('UNSAFE_URL');
  });

  it('with private targets allowed, posts the body and headers to a local server', async () => {
    behaviour = 'ok';
    const client = createOutboundClient({ allowPrivate: true });
    const result = await client.post(`http://127.0.0.1:${port}/hook?x=1`, {
      headers: { 'content-type': 'application/json', 'x-test': 'yes' },
      body: '{"hello":"world"}',
    });
    expect(result.status).toBe(202);
    expect(result.bodySnippet).toBe('thanks');
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    const last = received.at(-1);
    expect(last).toMatchObject({
      method: 'POST',
      url: '/hook?x=1',
      body: '{"hello":"world"}',
      headers: { 'content-type': 'application/json', 'x-test': 'yes', 'content-length': '17' },
    });
  });

  it('connects to the vetted address once, keeping the original host name in Host', async () => {
    behaviour = 'ok';
    let lookups = 0;
    const client = createOutboundClient({
      allowPrivate: true,
      resolve: (host) => {
        lookups += 1;
        expect(host).toBe('hooks.example.test');
        return Promise.resolve([{ address: '127.0.0.1', family: 4 }]);
      },
    });
    const result = await client.post(`http://hooks.example.test:${port}/in`, {
      headers: {},
      body: 'x',
    });
    expect(result.status).toBe(202);
    expect(lookups).toBe(1);
    expect(received.at(-1)?.headers.host).toBe(`hooks.example.test:${port}`);
  });

  it('does not follow redirects', async () => {
    behaviour = 'redirect';
    const before = received.length;
    const client = createOutboundClient({ allowPrivate: true });
    const result = await client.post(`http://127.0.0.1:${port}/`, { headers: {}, body: '' });
    expect(result.status).toBe(302);
    expect(received.length).toBe(before + 1);
  });

  it('reads at most maxResponseBytes of the answer', async () => {
    behaviour = 'huge';
    const client = createOutboundClient({ allowPrivate: true, maxResponseBytes: 4096 });
    const result = await client.post(`http://127.0.0.1:${port}/`, { headers: {}, body: '' });
    expect(result.status).toBe(200);
    expect(result.bodySnippet.length).toBeLessThanOrEqual(1024);
  });

  it('downloads with get: the whole answer and its type, refused past maxBytes, private addresses refused, redirects not followed', async () => {
    behaviour = 'ok';
    const client = createOutboundClient({ allowPrivate: true });
    const ok = await client.get(`http://127.0.0.1:${port}/file.jpg`);
    expect({ status: ok.status, body: ok.body.toString() }).toEqual({
      status: 202,
      body: 'thanks',
    });
    expect(received.at(-1)).toMatchObject({ method: 'GET', url: '/file.jpg' });
    behaviour = 'huge';
    expect(await codeOf(client.get(`http://127.0.0.1:${port}/`, { maxBytes: 4096 }))).toBe(
      'FILE_TOO_LARGE',
    );
    behaviour = 'redirect';
    expect((await client.get(`http://127.0.0.1:${port}/`)).status).toBe(302);
    behaviour = 'ok';
    const before = received.length;
    const guarded = createOutboundClient({ allowPrivate: false });
    expect(await codeOf(guarded.get(`http://127.0.0.1:${port}/file.jpg`))).toBe('UNSAFE_URL');
    expect(received.length).toBe(before);
  });

  it('gives up with a timeout error when the server does not answer', async () => {
    behaviour = 'hang';
    const client = createOutboundClient({ allowPrivate: true, timeoutMs: 200 });
    const started = Date.now();
    expect(await codeOf(client.post(`http://127.0.0.1:${port}/`, { headers: {}, body: '' }))).toBe(
      'OUTBOUND_TIMEOUT',
    );
    expect(Date.now() - started).toBeLessThan(5000);
    behaviour = 'ok';
  });

  it('times out a slow resolution without connecting afterwards', async () => {
    const before = received.length;
    const client = createOutboundClient({
      allowPrivate: true,
      timeoutMs: 100,
      resolve: () =>
        new Promise((resolve) =>
          setTimeout(() => resolve([{ address: '127.0.0.1', family: 4 }]), 300),
        ),
    });
    expect(
      await codeOf(client.post(`http://slow.example.test:${port}/`, { headers: {}, body: '' })),
    ).toBe('OUTBOUND_TIMEOUT');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(received.length).toBe(before);
  });

  it('reports a refused connection as an error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const client = createOutboundClient({ allowPrivate: true, timeoutMs: 2000 });
    expect(
      await codeOf(client.post(`http://127.0.0.1:${closedPort}/`, { headers: {}, body: '' })),
    ).toBe('OUTBOUND_FAILED');
  });
});
