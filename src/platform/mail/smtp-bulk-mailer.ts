import { Buffer } from 'node:buffer';
import { Readable } from 'node:stream';
import type Nodemailer from 'nodemailer';
import type { NodemailerError, SendMailOptions } from 'nodemailer';
import { loadOnFirstUse } from '../load-on-first-use.js';
import {
  fillBulkMessage,
  type BulkMailer,
  type BulkMessage,
  type BulkOutcome,
  type BulkTemplate,
} from './bulk-mailer.js';
import { composeMimeTemplate, mailOptionsOf, type MimeTemplate } from './mime-template.js';

/** nodemailer, loaded when SMTP is configured (not by every start: issue #14, cold start). */
const nodemailer = loadOnFirstUse<typeof Nodemailer>('nodemailer');

export interface SmtpBulkMailerOptions {
  /** SMTP_URL: `smtp://user:pass@host:587` or `smtps://…`. */
  readonly url: string;
  /** MAIL_FROM, e.g. `Masthead <noreply@example.org>`: its address is every message's sender. */
  readonly from: string;
  /** SMTP_POOL: connections (and so messages in flight) at once. */
  readonly poolSize: number;
  /** MAIL_RATE: messages a second across the whole pool; unset, as fast as the pool goes. */
  readonly ratePerSecond?: number | undefined;
}

/** Messages one connection carries before the pool opens a fresh one (nodemailer's default). */
const maxMessagesPerConnection = 100;

/**
 * Whether the connection has taken the whole of one message's content. Set by the stream plugin
 * below, read when nodemailer reports an error without a server reply.
 */
interface Handover {
  isDataHandedOver: boolean;
}

/**
 * sendMail's options carry the message's Handover to the stream plugin (nodemailer ignores the
 * key), and for a message filled from a template its bytes, ready to go (see the plugin).
 */
type TrackedSendMailOptions = SendMailOptions & {
  readonly mastheadHandover?: Handover;
  readonly mastheadBytes?: Buffer;
};

/**
 * A message's bytes as one chunk, then the end: what nodemailer's own stream of a raw message
 * carries (its raw content, then a CRLF if it did not end with a line break), without the two
 * PassThroughs, the LastNewline transform and the `pipeline` it builds per message — whose
 * AbortController, aborted when the message ends, makes a DOMException with a stack trace every
 * time (~10 % of the sender's CPU in a profile of a send).
 */
function streamOf(bytes: Buffer): Readable {
  const stream = new Readable({ read() {} });
  stream.push(bytes);
  stream.push(null);
  return stream;
}

/** A filled-in message as the bytes nodemailer would have streamed for it as `raw`. */
function bytesOf(raw: string): Buffer {
  return Buffer.from(raw.endsWith('\n') ? raw : raw.endsWith('\r') ? `${raw}\n` : `${raw}\r\n`);
}

/** The address in MAIL_FROM (`Name <a@b>` or a bare `a@b`). */
function addressOf(from: string): string {
  return /<([^<>]+)>\s*$/.exec(from)?.[1]?.trim() ?? from.trim();
}

/**
 * A pool of SMTP connections (nodemailer's pooled transport) for newsletters, apart from the
 * transactional mailer's transport so sign-in links never queue behind a send. Every `send` is
 * answered with what became of that one message (see BulkOutcome), never with an exception.
 */
export function createSmtpBulkMailer(options: SmtpBulkMailerOptions): BulkMailer {
  const transport = nodemailer().createTransport({
    url: options.url,
    pool: true,
    maxConnections: options.poolSize,
    maxMessages: maxMessagesPerConnection,
  });

  /*
   * "Before" or "after" the data. nodemailer's SMTP connection (smtp-connection/index.js) reports
   * a server refusal with the reply on the error (`responseCode`, `response`, `command`: MAIL
   * FROM, RCPT TO or DATA), so those are the server's word. A broken connection, a timeout or a
   * refused connect is ECONNECTION / ESOCKET / ETIMEDOUT with no reply at all, and with the same
   * `command: 'CONN'` whether it happened at the greeting or while waiting for the answer to the
   * message: the error alone cannot tell them apart. The message's own stream can: the pool
   * (smtp-pool/pool-resource.js) makes one per attempt with `mail.message.createReadStream()`,
   * and the connection pipes it into the SMTP data stream only after the server's 354 to DATA;
   * the data stream appends the terminating dot only once that stream has ended. So until the
   * stream has emitted 'end', the server cannot have taken the message (it keeps nothing without
   * the dot): a failure then is `deferred`. After 'end', the message may have reached the server
   * whole: a failure with no reply is `uncertain` (cautious by a few buffered bytes: the dot may
   * not have left yet). We watch the stream nodemailer really hands to the connection, after any
   * DKIM or line-ending step, which read the message ahead of the connection; a `processFunc`
   * would sit before those. (The pool also silently retries, on another connection, a message
   * of which a reused connection read nothing — that never reaches us.)
   */
  transport.use('stream', (mail, done) => {
    const { mastheadHandover: handover, mastheadBytes: bytes } =
      mail.data as TrackedSendMailOptions;
    if (handover) {
      const message = mail.message;
      const createReadStream = message.createReadStream.bind(message);
      message.createReadStream = (streamOptions) => {
        handover.isDataHandedOver = false;
        const stream = bytes ? streamOf(bytes) : createReadStream(streamOptions);
        stream.once('end', () => {
          handover.isDataHandedOver = true;
        });
        return stream;
      };
    }
    done();
  });

  const slots = createSlots(options.poolSize);
  const pace = options.ratePerSecond === undefined ? undefined : createPacer(options.ratePerSecond);
  const inFlight = new Set<Promise<BulkOutcome>>();
  const senderAddress = addressOf(options.from);
  let isClosed = false;

  const from = { header: options.from, address: senderAddress };
  // One composed message per template (a send and access level), for as long as the caller
  // keeps the template; a template that cannot be one (null) has each message composed whole.
  const templates = new WeakMap<BulkTemplate, Promise<MimeTemplate | null>>();
  function templateFor(message: BulkMessage): Promise<MimeTemplate | null> {
    let composed = templates.get(message.template);
    if (!composed) {
      composed = composeMimeTemplate(message, mailOptionsOf(fillBulkMessage(message), from)).catch(
        () => null,
      );
      templates.set(message.template, composed);
    }
    return composed;
  }

  async function deliver(message: BulkMessage): Promise<BulkOutcome> {
    const handover: Handover = { isDataHandedOver: false };
    try {
      const template = await templateFor(message);
      let mail: TrackedSendMailOptions;
      if (template && template.fits(message)) {
        // A raw message is streamed by the pool like any other (mail.message.createReadStream),
        // so the stream plugin above tracks its hand-off the same way. nodemailer still gets
        // it as `raw` (its Message-ID and envelope checks run as ever); the plugin sends the
        // same bytes in one chunk.
        const raw = template.fill(message, new Date());
        mail = {
          envelope: { from: template.envelopeFrom, to: [message.to] },
          raw,
          messageId: message.messageId,
          mastheadHandover: handover,
          mastheadBytes: bytesOf(raw),
        };
      } else {
        mail = { ...mailOptionsOf(fillBulkMessage(message), from), mastheadHandover: handover };
      }
      const info = await transport.sendMail(mail);
      return outcomeOfInfo(message.to, info);
    } catch (error) {
      return outcomeOfError(error as NodemailerError, handover.isDataHandedOver);
    }
  }

  return {
    poolSize: options.poolSize,
    async send(message) {
      if (isClosed) return closedOutcome;
      const release = await slots.acquire();
      try {
        if (isClosed) return closedOutcome;
        if (pace) await pace();
        if (isClosed) return closedOutcome;
        const delivery = deliver(message);
        inFlight.add(delivery);
        try {
          return await delivery;
        } finally {
          inFlight.delete(delivery);
        }
      } finally {
        release();
      }
    },
    async close() {
      isClosed = true;
      slots.cancelWaiting();
      pace?.cancel();
      // Messages already handed to a connection finish, so their outcome is known.
      await Promise.allSettled([...inFlight]);
      transport.close();
    },
  };
}

const closedOutcome: BulkOutcome = { status: 'deferred', reply: 'The bulk mailer was closed' };

/** A resolved sendMail: sent, unless the server refused the (only) recipient at RCPT. */
function outcomeOfInfo(
  to: string,
  info: { response?: string; accepted?: unknown[]; rejected?: unknown[]; [key: string]: unknown },
): BulkOutcome {
  const reply = info.response ?? '';
  const isRejected =
    (info.rejected ?? []).includes(to) ||
    (info.accepted !== undefined && info.accepted.length === 0);
  if (!isRejected) return { status: 'sent', reply };
  // An envelope partly refused still resolves; we send one recipient a message, so this is it.
  const rejectedErrors = (info['rejectedErrors'] ?? []) as NodemailerError[];
  const refusal = rejectedErrors.find((e) => e.recipient === to) ?? rejectedErrors[0];
  const code = refusal?.responseCode;
  const refusalReply = refusal?.response ?? reply;
  if (code !== undefined && refusal?.permanent === false)
    return { status: 'deferred', reply: refusalReply, responseCode: code };
  return {
    status: 'failed',
    reply: refusalReply,
    ...(code === undefined ? {} : { responseCode: code, isRecipientRefused: true }),
  };
}

/**
 * A rejected sendMail. With a server reply: a 5xx to MAIL FROM, RCPT TO or the message (EENVELOPE,
 * EMESSAGE) is `failed`; a 4xx is `deferred`, and so is 503 (bad sequence of commands: the session
 * was in the wrong state, not a verdict on the message; nodemailer marks it `permanent: false`),
 * and so is a 5xx to anything else (greeting, EHLO, AUTH: our server refusing us, not a bounce).
 * Without a reply: `uncertain` once the data was handed over, else `deferred`, except nodemailer
 * refusing the message itself (invalid address, over the server's SIZE), which no retry mends.
 */
function outcomeOfError(error: NodemailerError, isDataHandedOver: boolean): BulkOutcome {
  const reply = error.response ?? error.message;
  const isAboutMessage = error.code === 'EENVELOPE' || error.code === 'EMESSAGE';
  const code = error.responseCode;
  if (code !== undefined) {
    if (isAboutMessage && error.permanent === true)
      return {
        status: 'failed',
        reply,
        responseCode: code,
        // A refusal at RCPT TO is about the address (a hard bounce); at MAIL FROM it is about us.
        ...(/^RCPT/i.test(error.command ?? '') ? { isRecipientRefused: true } : {}),
      };
    return { status: 'deferred', reply, responseCode: code };
  }
  if (isDataHandedOver) return { status: 'uncertain', reply };
  if (isAboutMessage) return { status: 'failed', reply };
  return { status: 'deferred', reply };
}

/** At most `size` holders at once, first come first served. */
function createSlots(size: number) {
  let free = size;
  const waiting: Array<(release: (() => void) | undefined) => void> = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next(release);
    else free++;
  };
  return {
    acquire(): Promise<() => void> {
      if (free > 0) {
        free--;
        return Promise.resolve(release);
      }
      return new Promise((resolve) => waiting.push((r) => resolve(r ?? (() => undefined))));
    },
    /** Waiters get a slot that holds nothing; they find the mailer closed. */
    cancelWaiting() {
      for (const wake of waiting.splice(0)) wake(undefined);
    },
  };
}

/**
 * MAIL_RATE for the whole pool: message n starts no sooner than 1/rate seconds after message
 * n-1, evenly spaced, no burst. nodemailer's own `rateLimit` does not do this for a pool: it
 * counts messages per window, but opens new connections and hands them a message without asking
 * the limiter (only a connection that finished one waits), and releases every waiting connection
 * at once when the window ends, so up to `maxConnections` messages leave together whatever the
 * limit; nor does it take fractions (0.5 a second).
 */
function createPacer(ratePerSecond: number) {
  const interval = 1000 / ratePerSecond;
  let next = 0;
  const timers = new Set<{ timer: NodeJS.Timeout; wake: () => void }>();
  const wait = (): Promise<void> => {
    const now = Date.now();
    const at = Math.max(now, next);
    next = at + interval;
    if (at <= now) return Promise.resolve();
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          timers.delete(entry);
          resolve();
        }, at - now),
        wake: resolve,
      };
      timers.add(entry);
    });
  };
  return Object.assign(wait, {
    cancel() {
      for (const entry of timers) {
        clearTimeout(entry.timer);
        entry.wake();
      }
      timers.clear();
    },
  });
}
