import type { Recipient } from './email-send-message.js';
import { createStepWriter, type Feed } from './email-send-pipeline.js';
import type { ClaimedRecipient, RecipientOutcome } from './email-send.repository.js';

/** One claimed recipient ready to go, and how to build their message. */
export interface SendItem<M> {
  emailId: string;
  recipient: ClaimedRecipient;
  build: (recipient: Recipient) => M;
}

/** A lane's write: the hand-off of a row (no outcome), or the answer for one (outcome). */
export interface LaneStep {
  emailId: string;
  memberId: string;
  outcome?: RecipientOutcome;
}

/** How a step's row is named in the set `store` resolves with. */
export const stepKey = (emailId: string, memberId: string): string => `${emailId}/${memberId}`;

/**
 * Sends what `feed` hands out over `poolSize` lanes, the pool never waiting for a batch. Each
 * lane stores the answer to its last message together with the hand-off of its next one (and
 * `store` puts the steps of lanes that finish at once in one write), then sends only once that
 * is stored. So each lane has at most one row in handing at any moment: a crash leaves at most
 * `poolSize` rows uncertain, and every other answer the server gave is recorded.
 * Resolves with the number of messages handed to the mailer; throws the first error once every
 * lane has stopped (after an error nothing more is claimed; what is queued still goes).
 */
export async function runLanes<M>(options: {
  feed: Feed<SendItem<M>>;
  poolSize: number;
  /** Stores steps in one write; resolves with the `stepKey`s of the rows moved to handing. */
  store: (steps: LaneStep[]) => Promise<Set<string>>;
  /** Hands a message to the mailer; resolves with what its row should record. */
  handOff: (recipient: ClaimedRecipient, message: M) => Promise<RecipientOutcome>;
  signal?: AbortSignal | undefined;
}): Promise<number> {
  const { feed, signal } = options;
  const steps = createStepWriter(options.store);
  const errors: unknown[] = [];
  let handed = 0;

  const lane = async (): Promise<void> => {
    // The last message's answer, not yet stored: it goes with the next hand-off.
    let answer: LaneStep | undefined;
    for (;;) {
      // Stopping leaves the rest claimed; its lease's end puts them back in the queue.
      let next = signal?.aborted ? undefined : feed.takeNow();
      if (!next && answer) {
        // Nothing ready to go with it: the answer is stored now, not held back.
        const last = answer;
        answer = undefined;
        await steps.submit([last]).catch((error: unknown) => void errors.push(error));
      }
      if (!next && !signal?.aborted) {
        try {
          next = await feed.take();
        } catch (error) {
          errors.push(error);
          return;
        }
      }
      if (!next) return;
      try {
        const { emailId, recipient } = next;
        // Built before the row moves, so a bad link or template never leaves a row in handing.
        const message = next.build(recipient);
        const step: LaneStep = { emailId, memberId: recipient.memberId };
        const stored = answer ? [answer, step] : [step];
        answer = undefined;
        // Not moved: no longer this worker's (its lease was taken over, or a cancel).
        if (!(await steps.submit(stored)).has(stepKey(emailId, recipient.memberId))) continue;
        handed += 1;
        answer = { ...step, outcome: await options.handOff(recipient, message) };
      } catch (error) {
        errors.push(error);
        feed.stop();
      }
    }
  };

  await Promise.all(Array.from({ length: Math.max(1, options.poolSize) }, lane));
  if (errors.length > 0) throw errors[0];
  return handed;
}
