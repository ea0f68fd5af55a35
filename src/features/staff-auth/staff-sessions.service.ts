import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { hashToken, randomToken } from '../../platform/security/index.js';
import { narrow } from '../../platform/db/index.js';
import type { AuthorsService } from '../authors/index.js';
import type { StaffService, StaffUser } from '../staff/index.js';
import type { RunStaffAuthTransaction, StaffAuthTransaction } from './staff-auth.transaction.js';
import { createStaffSessionsRepository } from './staff-sessions.repository.js';
import type { StaffSessionsTables } from './staff-sessions.table.js';

/** Sessions last two weeks from their last use, and at most 90 days from sign-in. */
const idleMs = 14 * 24 * 3600 * 1000;
const maxLifeMs = 90 * 24 * 3600 * 1000;

/** The sliding expiry, never past the session's 90th day. */
const expiryFrom = (now: Date, createdAt: string) =>
  new Date(Math.min(now.getTime() + idleMs, new Date(createdAt).getTime() + maxLifeMs));

/** How long the browser keeps the session cookie (the server-side expiry slides within it). */
export const sessionCookieMaxAgeSeconds = idleMs / 1000;

export interface ResolvedSession {
  sessionId: string;
  user: StaffUser;
  authorId: string | null;
  csrfToken: string;
}

/** Staff sign-in sessions: the cookie holds a random secret; the table holds its hash. */
export function createStaffSessionsService(deps: {
  db: Kysely<StaffSessionsTables>;
  clock: Clock;
  staff: StaffService;
  authors: Pick<AuthorsService, 'byUserId'>;
  /** Ending every session also ends the person's tokens, in one transaction. */
  transact: RunStaffAuthTransaction;
}) {
  const { clock } = deps;
  const repository = createStaffSessionsRepository(deps.db);

  /**
   * Sign out everywhere: every session of the user goes (but `except`), and so does every
   * Admin API token they made — a token must not outlive a password change, a suspension or
   * a "sign out everywhere" (pass `tx` inside a transaction). Returns the sessions ended.
   */
  async function revokeAllFor(
    userId: string,
    tx?: StaffAuthTransaction,
    options: { except?: string } = {},
  ): Promise<number> {
    if (!tx) return deps.transact((own) => revokeAllFor(userId, own, options));
    const ended = await repository.deleteAllOf(
      userId,
      options.except,
      narrow(tx.db).to<StaffSessionsTables>(),
    );
    await tx.revokeAdminTokensOf(userId);
    return ended;
  }
  return {
    async create(userId: string, meta: { ip?: string; userAgent?: string } = {}) {
      const secret = randomToken(32);
      const csrfToken = randomToken(24);
      const now = clock.now();
      const row = {
        id: newId(),
        token_hash: hashToken(secret),
        user_id: userId,
        csrf_token: csrfToken,
        ip: (meta.ip ?? '').slice(0, 64),
        user_agent: (meta.userAgent ?? '').slice(0, 300),
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + idleMs).toISOString(),
        last_seen_at: now.toISOString(),
      };
      await repository.insert(row);
      return { secret, csrfToken, sessionId: row.id, expiresAt: row.expires_at };
    },

    /** The live session behind a cookie secret, sliding its expiry; undefined when unknown or expired. */
    async resolve(secret: string): Promise<ResolvedSession | undefined> {
      if (secret.length < 20 || secret.length > 100) return undefined;
      const now = clock.now();
      const row = await repository.findLive(hashToken(secret), {
        now: now.toISOString(),
        createdAfter: new Date(now.getTime() - maxLifeMs).toISOString(),
      });
      if (!row) return undefined;
      const user = await deps.staff.byId(row.user_id);
      if (!user || user.status !== 'active') return undefined;
      // Slide the expiry at most once an hour, so reads do not write on every request.
      if (now.getTime() - new Date(row.last_seen_at).getTime() > 3600 * 1000) {
        await repository.slide(row.id, {
          lastSeenAt: now.toISOString(),
          expiresAt: expiryFrom(now, row.created_at).toISOString(),
        });
      }
      const author = await deps.authors.byUserId(user.id);
      return { sessionId: row.id, user, authorId: author?.id ?? null, csrfToken: row.csrf_token };
    },

    async revoke(sessionId: string): Promise<void> {
      await repository.delete(sessionId);
    },

    /** The CSRF token of a live session (for GET /session). */
    csrfTokenOf: (sessionId: string): Promise<string | undefined> =>
      repository.findCsrfToken(sessionId),

    revokeAllFor,
  };
}

export type StaffSessionsService = ReturnType<typeof createStaffSessionsService>;
