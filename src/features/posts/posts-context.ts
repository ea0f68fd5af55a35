import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { narrow } from '../../platform/db/index.js';
import type { AuditRecord, AuditTables } from '../audit/index.js';
import type {
  EventPayloadInputs,
  EventsService,
  EventsTables,
  EventType,
} from '../events/index.js';
import type { ReferenceChecks } from './post-validation.js';
import type { PostsDb } from './posts.repository.js';

/** One post's document in the search index. */
export interface IndexedPost {
  postId: string;
  status: string;
  kind: string;
  publishedAt: string | null;
  title: string;
  dek: string;
  visibility: string;
  excerpt: string;
  bodyText: string;
}

/** The search index, as posts need it: updated inside the post's own transaction. */
export interface PostIndexer {
  index(trx: PostsDb, doc: IndexedPost): Promise<void>;
  /** A bulk import's documents in few statements; without it, `index` is called for each. */
  indexMany?(trx: PostsDb, docs: readonly IndexedPost[]): Promise<void>;
  remove(trx: PostsDb, postId: string): Promise<void>;
  /** The tables the index keeps, whose planner statistics a bulk import refreshes. */
  tables?: readonly string[];
}

export interface PostsDeps {
  db: PostsDb;
  clock: Clock;
  events: EventsService;
  refs: ReferenceChecks;
  indexer?: PostIndexer | undefined;
  /** The editorial audit log, written inside each change's own transaction. */
  audit?: PostAudit | undefined;
}

/** The audit log as posts need it (the audit feature's `record`). */
export interface PostAudit {
  record(trx: Kysely<AuditTables>, entry: AuditRecord): Promise<void>;
}

/** An editorial audit entry about one story: who did what to it (title kept for deleted ones). */
export interface PostAuditEntry {
  action: PostAuditAction;
  post: { id: string; title: string };
  actor: string;
  details?: Record<string, unknown>;
}

export type PostAuditAction =
  | 'post.created'
  | 'post.duplicated'
  | 'post.published'
  | 'post.updated'
  | 'post.unpublished'
  | 'post.scheduled'
  | 'post.schedule_cancelled'
  | 'post.deleted'
  | 'post.correction_added'
  | 'post.correction_withdrawn'
  | 'post.restored';

/** Records one outbox event inside the change's transaction, typed by its kind. */
export type PostEventRecorder = <K extends EventType>(
  type: K,
  subjectId: string,
  payload: EventPayloadInputs[K],
  actor: string,
) => Promise<void>;

/**
 * Runs `work` in one transaction (the events feature's, so its events are announced once it has
 * committed: listeners such as the page cache never see an event for a write that rolled back).
 */
export async function inTransaction<T>(
  deps: PostsDeps,
  work: (
    trx: PostsDb,
    record: PostEventRecorder,
    audit: (entry: PostAuditEntry) => Promise<void>,
  ) => Promise<T>,
): Promise<T> {
  return deps.events.withTransaction(deps.db, async (trx) => {
    const record: PostEventRecorder = async (type, subjectId, payload, actor) => {
      await deps.events.record(narrow(trx).to<EventsTables>(), { type, subjectId, payload, actor });
    };
    const audit = async (entry: PostAuditEntry) => {
      await deps.audit?.record(narrow(trx).to<AuditTables>(), {
        actor: entry.actor,
        action: entry.action,
        subjectType: 'post',
        subjectId: entry.post.id,
        details: { title: entry.post.title, ...entry.details },
      });
    };
    return work(trx, record, audit);
  });
}
