import {
  fillBulkMessage,
  type BulkMailer,
  type BulkOutcome,
  type FilledBulkMessage,
} from './bulk-mailer.js';

/**
 * What the memory mailer answers for one address, in order: each entry is used once, and once
 * the script runs out the message is sent. `{ deferred: 2 }` is two 4xx answers then a 250.
 */
export type ScriptedOutcome =
  | { readonly deferred: number; readonly reply?: string }
  | { readonly failed: true; readonly reply?: string; readonly responseCode?: number }
  | { readonly uncertain: true; readonly reply?: string };

export interface MemoryBulkMailer extends BulkMailer {
  /**
   * Every message the "server" accepted or that may have reached it (uncertain), oldest first,
   * filled in as its recipient reads it.
   */
  readonly delivered: FilledBulkMessage[];
  /** Every call to send, whatever its outcome, oldest first. */
  readonly attempts: Array<{ message: FilledBulkMessage; outcome: BulkOutcome }>;
  /** How many messages are being sent right now, and the most there ever were at once. */
  readonly inFlight: { now: number; peak: number };
  /** Scripts the answers for an address (lower-cased), replacing any script it had. */
  script(address: string, outcome: ScriptedOutcome): void;
  /** Messages delivered to an address. */
  deliveredTo(address: string): FilledBulkMessage[];
  /** Forgets what was sent and every script. */
  clear(): void;
}

export interface MemoryBulkMailerOptions {
  /** Messages in flight at once (the port's SMTP_POOL); default 5. */
  poolSize?: number;
  /** Milliseconds each send takes, so tests see concurrency and can interrupt a send. */
  delayMs?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A BulkMailer for tests and development: keeps what it "delivers", answers per address as
 * scripted (deferred n times, failed, uncertain), and counts the messages in flight at once so a
 * test can check that its caller kept within `poolSize`.
 */
export function createMemoryBulkMailer(options: MemoryBulkMailerOptions = {}): MemoryBulkMailer {
  const poolSize = options.poolSize ?? 5;
  const delivered: FilledBulkMessage[] = [];
  const attempts: Array<{ message: FilledBulkMessage; outcome: BulkOutcome }> = [];
  const scripts = new Map<string, { outcome: ScriptedOutcome; deferredLeft: number }>();
  const inFlight = { now: 0, peak: 0 };

  function answer(message: FilledBulkMessage): BulkOutcome {
    const entry = scripts.get(message.to.toLowerCase());
    const outcome = entry?.outcome;
    if (entry && outcome && 'deferred' in outcome && entry.deferredLeft > 0) {
      entry.deferredLeft -= 1;
      return {
        status: 'deferred',
        reply: outcome.reply ?? '451 4.3.0 Try again later',
        responseCode: 451,
      };
    }
    if (outcome && 'failed' in outcome)
      return {
        status: 'failed',
        reply: outcome.reply ?? '550 5.1.1 Mailbox does not exist',
        responseCode: outcome.responseCode ?? 550,
      };
    if (outcome && 'uncertain' in outcome)
      return { status: 'uncertain', reply: outcome.reply ?? 'connection lost after DATA' };
    return { status: 'sent', reply: `250 2.0.0 Ok: queued as ${attempts.length + 1}` };
  }

  return {
    poolSize,
    delivered,
    attempts,
    inFlight,
    async send(sent) {
      const message = fillBulkMessage(sent);
      inFlight.now += 1;
      inFlight.peak = Math.max(inFlight.peak, inFlight.now);
      try {
        if (options.delayMs) await sleep(options.delayMs);
        const outcome = answer(message);
        attempts.push({ message, outcome });
        if (outcome.status === 'sent' || outcome.status === 'uncertain') delivered.push(message);
        return outcome;
      } finally {
        inFlight.now -= 1;
      }
    },
    script(address, outcome) {
      scripts.set(address.toLowerCase(), {
        outcome,
        deferredLeft: 'deferred' in outcome ? outcome.deferred : 0,
      });
    },
    deliveredTo(address) {
      const wanted = address.toLowerCase();
      return delivered.filter((m) => m.to.toLowerCase() === wanted);
    },
    clear() {
      delivered.length = 0;
      attempts.length = 0;
      scripts.clear();
      inFlight.peak = inFlight.now;
    },
    close: () => Promise.resolve(),
  };
}
