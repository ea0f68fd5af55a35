import type { Clock } from '../../platform/clock.js';
import { narrow } from '../../platform/db/index.js';
import type { EventsService, EventsTables, EventType, OutboxEvent } from '../events/index.js';
import type { ReferenceChecks } from './post-validation.js';
import type { PostsDb } from './posts.repository.js';

/** The search index, as posts need it: updated inside the post's own transaction. */
export interface PostIndexer {
  index(
    trx: PostsDb,
    doc: {
      postId: string;
      status: string;
      kind: string;
      publishedAt: string | null;
      title: string;
      dek: string;
      visibility: string;
      excerpt: string;
      bodyText: string;
    },
  ): Promise<void>;
  remove(trx: PostsDb, postId: string): Promise<void>;
}

export interface PostsDeps {
  db: PostsDb;
  clock: Clock;
  events: EventsService;
  refs: ReferenceChecks;
  indexer?: PostIndexer | undefined;
}

/**
 * Runs `work` in one transaction and announces the events it recorded once it has committed,
 * so listeners (page cache) never see an event for a write that rolled back.
 */
export async function inTransaction<T>(
  deps: PostsDeps,
  work: (
    trx: PostsDb,
    record: (
      type: EventType,
      subjectId: string,
      payload: Record<string, unknown>,
      actor: string,
    ) => Promise<void>,
  ) => Promise<T>,
): Promise<T> {
  const recorded: OutboxEvent[] = [];
  const result = await deps.db.transaction().execute(async (trx) => {
    const record = async (
      type: EventType,
      subjectId: string,
      payload: Record<string, unknown>,
      actor: string,
    ) => {
      recorded.push(
        await deps.events.record(narrow(trx).to<EventsTables>(), {
          type,
          subjectId,
          payload,
          actor,
        }),
      );
    };
    return work(trx, record);
  });
  deps.events.announce(recorded);
  return result;
}
