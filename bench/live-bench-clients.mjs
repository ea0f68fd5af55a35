// SSE readers for bench/live-bench.mjs: a forked process holding many raw TCP connections (no
// EventSource, no HTTP client: a request line, then a substring search per chunk), so a couple
// of processes hold 5,000 readers. Talks to the parent over IPC:
//   parent → { type: 'connect', port, path, count }   child → { type: 'connected', open }
//   parent → { type: 'expect', id }                    child → { type: 'expecting', id }, then
//                                                      child → { type: 'arrived', id, times }
// `times` are wall-clock ms (performance.timeOrigin + now) at which each reader saw the event,
// comparable with the parent's across processes on one machine.
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';

const now = () => performance.timeOrigin + performance.now();
/** @type {import('node:net').Socket[]} */
const sockets = [];
let expected;
let times = [];
let seen = new Set();

function open(port, path) {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let tail = '';
    let isOpen = false;
    socket.setEncoding('latin1');
    socket.on('connect', () =>
      socket.write(`GET ${path} HTTP/1.1\r\nHost: bench\r\nAccept: text/event-stream\r\n\r\n`),
    );
    socket.on('data', (chunk) => {
      const text = tail + chunk;
      if (!isOpen && text.includes('\r\n\r\n')) {
        isOpen = true;
        resolve(text.startsWith('HTTP/1.1 200') ? socket : undefined);
      }
      if (expected !== undefined && !seen.has(socket) && text.includes(expected)) {
        seen.add(socket);
        times.push(now());
        if (seen.size === sockets.length) report();
      }
      tail = text.slice(-128);
    });
    socket.on('error', () => resolve(undefined));
  });
}

function report() {
  process.send({ type: 'arrived', id: expected, times });
  expected = undefined;
  times = [];
  seen = new Set();
}

process.on('message', async (message) => {
  if (message.type === 'connect') {
    // In batches, so the listen backlog is never the limit.
    for (let done = 0; done < message.count; done += 250) {
      const batch = Math.min(250, message.count - done);
      const opened = await Promise.all(
        Array.from({ length: batch }, () => open(message.port, message.path)),
      );
      for (const socket of opened) if (socket) sockets.push(socket);
    }
    process.send({ type: 'connected', open: sockets.length });
  } else if (message.type === 'expect') {
    expected = `"mark":"${message.id}"`;
    process.send({ type: 'expecting', id: message.id });
  } else if (message.type === 'close') {
    for (const socket of sockets) socket.destroy();
    process.exit(0);
  }
});
