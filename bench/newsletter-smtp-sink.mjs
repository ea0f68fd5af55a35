// The SMTP sink of bench/newsletter-bench.mjs, in a process of its own so that accepting mail
// does not share a CPU budget (event loop) with the sender being measured. It takes every message
// (no auth, no STARTTLS), drains the data stream without keeping it, and counts messages and
// bytes, and messages per recipient address. The parent talks to it over IPC:
//   → { type: 'reset' }                         forget the counts (between the baseline and the engine)
//   → { type: 'report', prefix, domain, count } how the counts compare with the addresses
//                                               `${prefix}${0..count-1}@${domain}`
//   ← { type: 'listening', port } once, then { type: 'report', … } per request
import { SMTPServer } from 'smtp-server';

const perAddress = new Map();
let messages = 0;
let bytes = 0;
let firstAt = 0;
let lastAt = 0;
let connections = 0;
let peakConnections = 0;
let cpuAtReset = process.cpuUsage();

// As little work a message as smtp-server allows, so the sink's CPU stays out of the sender's
// way on a small machine: no auth, no STARTTLS, no logger, no reverse DNS lookup of each
// connection, no SIZE limit; the message body is drained (not parsed, not kept) and its length
// is what smtp-server counted; the recipients are the envelope's RCPT TO addresses.
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  hideSTARTTLS: true,
  disableReverseLookup: true,
  logger: false,
  // The sender opens SMTP_POOL connections and reuses each for 100 messages.
  maxClients: 1000,
  onConnect(_session, callback) {
    connections += 1;
    peakConnections = Math.max(peakConnections, connections);
    callback();
  },
  onClose() {
    connections -= 1;
  },
  // Accepted at once (smtp-server's defaults wait a setImmediate each), so the replies to a
  // pipelined envelope are written together (below).
  onMailFrom(_address, _session, callback) {
    callback();
  },
  onRcptTo(_address, _session, callback) {
    callback();
  },
  onData(stream, session, callback) {
    stream.on('end', () => {
      const now = Date.now();
      if (messages === 0) firstAt = now;
      lastAt = now;
      messages += 1;
      bytes += stream.byteLength ?? 0;
      for (const rcpt of session.envelope.rcptTo) {
        const address = rcpt.address.toLowerCase();
        perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
      }
      callback(null, 'Queued');
    });
    stream.resume();
  },
});
server.on('error', (error) => process.stderr.write(`sink: ${error.message}\n`));
// smtp-server writes each reply to the socket on its own: the three replies to a pipelined
// MAIL FROM, RCPT TO and DATA were three writes (three system calls here, up to three wake-ups
// of the sender). Corked until the commands read together are answered, they leave in one
// write, as a pipelining server such as Postfix flushes its replies once its input is drained.
server.server.on('connection', (socket) => {
  const write = socket.write;
  let isCorked = false;
  const uncork = () => {
    isCorked = false;
    socket.uncork();
  };
  socket.write = function (...args) {
    if (!isCorked) {
      isCorked = true;
      socket.cork();
      process.nextTick(uncork);
    }
    return write.apply(this, args);
  };
});

function report({ prefix, domain, count }) {
  let duplicates = 0;
  let duplicateAddresses = 0;
  let missing = 0;
  let unexpected = 0;
  const examples = { duplicates: [], missing: [], unexpected: [] };
  for (let i = 0; i < count; i += 1) {
    const address = `${prefix}${i}@${domain}`;
    const seen = perAddress.get(address) ?? 0;
    if (seen === 0) {
      missing += 1;
      if (examples.missing.length < 5) examples.missing.push(address);
    } else if (seen > 1) {
      duplicates += seen - 1;
      duplicateAddresses += 1;
      if (examples.duplicates.length < 5) examples.duplicates.push(`${address} ×${seen}`);
    }
  }
  const pattern = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\d+)@`);
  for (const address of perAddress.keys()) {
    const match = pattern.exec(address);
    if (!match || Number(match[1]) >= count || !address.endsWith(`@${domain}`)) {
      unexpected += 1;
      if (examples.unexpected.length < 5) examples.unexpected.push(address);
    }
  }
  return {
    type: 'report',
    messages,
    bytes,
    distinct: perAddress.size,
    duplicates,
    duplicateAddresses,
    missing,
    unexpected,
    examples,
    firstAt,
    lastAt,
    peakConnections,
    cpuMs: (() => {
      const used = process.cpuUsage(cpuAtReset);
      return (used.user + used.system) / 1000;
    })(),
  };
}

process.on('message', (message) => {
  if (message?.type === 'reset') {
    perAddress.clear();
    messages = 0;
    bytes = 0;
    firstAt = 0;
    lastAt = 0;
    peakConnections = connections;
    cpuAtReset = process.cpuUsage();
    process.send?.({ type: 'reset-done' });
  } else if (message?.type === 'report') {
    process.send?.(report(message));
  }
});
process.on('disconnect', () => server.close(() => process.exit(0)));

server.listen(0, '127.0.0.1', () => {
  process.send?.({ type: 'listening', port: server.server.address().port });
});
