import type { AddressInfo, Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { decodeMail } from './mime-decode.js';

/** A message as the in-process SMTP server received it, headers and text parts decoded. */
export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  /** The decoded text/plain part (or the whole decoded body of a single-part message). */
  text: string;
  /** The decoded text/html part ('' when there is none). */
  html: string;
  /**
   * The message's header fields, names in lower case (`message-id`, `list-unsubscribe`,
   * `list-unsubscribe-post`, `list-id`, `from`, `reply-to`, …), unfolded and decoded; the first
   * occurrence of a repeated name.
   */
  headers: Readonly<Record<string, string>>;
  /** When the server had the whole message (Date.now()), to compare arrivals with each other. */
  receivedAt: number;
  raw: string;
}

/**
 * Faults the server injects, chosen by recipient address (the one the client gives at RCPT TO).
 * A message that meets one is not kept in `received`.
 */
export interface SmtpTestServerOptions {
  /** Answer RCPT TO for these addresses with this code (452 mailbox full, 550 no such user, …). */
  rcptReplies?: Readonly<Record<string, number>>;
  /** Read the whole message for these addresses, then answer with this code instead of 250. */
  dataReplies?: Readonly<Record<string, number>>;
  /**
   * Read the whole message for these addresses (the terminating dot included), then drop the
   * connection without answering: the client cannot know whether it was taken.
   */
  dropAfterData?: readonly string[];
  /** Drop the connection at RCPT TO for these addresses, before any of the message is sent. */
  dropAtRcpt?: readonly string[];
}

/** One message's data as the server took it in, and how it answered (accepted or not). */
export interface SmtpTransaction {
  to: string[];
  answer: number | 'dropped';
}

export interface SmtpTestServer {
  readonly url: string;
  readonly received: ReceivedMail[];
  /** Every message whose data arrived, refused and dropped ones included, oldest first. */
  readonly transactions: SmtpTransaction[];
  /** The most client connections open at once so far. */
  readonly peakConnections: number;
  /** Waits until `count` messages have arrived (default: one more than now). */
  waitFor(count?: number, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

const smtpError = (responseCode: number, message: string): Error =>
  Object.assign(new Error(message), { responseCode });

/**
 * An SMTP server on 127.0.0.1 (random port, no auth, no TLS) that keeps what it receives, and
 * answers or drops the recipients named in `options` as told.
 */
export async function startSmtpTestServer(
  options: SmtpTestServerOptions = {},
): Promise<SmtpTestServer> {
  const received: ReceivedMail[] = [];
  const waiters: Array<() => void> = [];
  const transactions: SmtpTransaction[] = [];
  const dropAfterData = new Set(options.dropAfterData ?? []);
  const dropAtRcpt = new Set(options.dropAtRcpt ?? []);
  // The client sockets by their port, so a handler can drop the one its session came over.
  const sockets = new Map<number, Socket>();
  let peakConnections = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onRcptTo(address, session, callback) {
      if (dropAtRcpt.has(address.address)) {
        sockets.get(session.remotePort)?.destroy();
        return;
      }
      const code = options.rcptReplies?.[address.address];
      if (code === undefined) return callback();
      callback(smtpError(code, `Recipient ${address.address} refused by the test server`));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        if (to.some((address) => dropAfterData.has(address))) {
          // The terminating dot has arrived; hang up instead of answering it.
          transactions.push({ to, answer: 'dropped' });
          sockets.get(session.remotePort)?.destroy();
          return;
        }
        const code = to
          .map((address) => options.dataReplies?.[address])
          .find((c) => c !== undefined);
        transactions.push({ to, answer: code ?? 250 });
        if (code !== undefined) {
          callback(smtpError(code, 'Message refused by the test server'));
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const mailFrom = session.envelope.mailFrom;
        received.push({
          from: mailFrom === false ? '' : mailFrom.address,
          to,
          raw,
          receivedAt: Date.now(),
          ...decodeMail(raw),
        });
        for (const wake of waiters.splice(0)) wake();
        callback();
      });
    },
  });
  server.server.on('connection', (socket: Socket) => {
    const port = socket.remotePort;
    if (port === undefined) return;
    sockets.set(port, socket);
    peakConnections = Math.max(peakConnections, sockets.size);
    socket.once('close', () => sockets.delete(port));
  });
  // A client that dies mid-session (a sender killed with SIGKILL) resets its connection:
  // smtp-server reports that as an 'error' event, which would otherwise be thrown.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    transactions,
    get peakConnections() {
      return peakConnections;
    },
    async waitFor(count = received.length + 1, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`no email arrived within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      const message = received[count - 1];
      if (!message) throw new Error('message missing');
      return message;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
