import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { hashToken, randomToken, safeEqual } from '../../platform/security/index.js';
import { audienceOf, type Audience, type Member, type MembersService } from '../members/index.js';
import { memberAuthRepository as repo } from './member-auth.repository.js';
import type { MemberAuthTables } from './member-auth.table.js';

/** Member sessions last 30 days from their last use. */
const idleMs = 30 * 24 * 3600 * 1000;
/** The expiry slides at most this often, so reading pages does not write on every request. */
const slideEveryMs = 3600 * 1000;

/** How long the browser keeps the member cookie (renewed whenever the expiry slides). */
export const memberSessionMaxAgeSeconds = idleMs / 1000;

export interface MemberSession {
  sessionId: string;
  member: Member;
  /** What the member may read now (member, or paid while paid access lasts). */
  audience: Exclude<Audience, 'anonymous'>;
  expiresAt: string;
  /** True when this request slid the expiry: the caller re-sends the cookie with a fresh Max-Age. */
  isRenewed: boolean;
}

/**
 * The token a signed-in reader's forms carry (CSRF): derived from the session secret, so it
 * needs no storage and is useless without the HttpOnly cookie it comes from.
 */
export const formTokenFor = (secret: string): string => hashToken(`form:${secret}`).slice(0, 43);

export const isFormTokenValid = (secret: string, token: string | undefined): boolean =>
  token !== undefined && safeEqual(formTokenFor(secret), token);

/** Member sessions: a random secret in the cookie, its SHA-256 in `member_sessions`. */
export function createMemberSessionsService(deps: {
  db: Kysely<MemberAuthTables>;
  clock: Clock;
  members: MembersService;
}) {
  const { db, clock } = deps;
  return {
    /** A new session for the member (pass `trx` to make it part of a larger write). */
    async create(memberId: string, trx: Kysely<MemberAuthTables> = db) {
      const secret = randomToken(32);
      const now = clock.now();
      const row = {
        id: newId(),
        token_hash: hashToken(secret),
        member_id: memberId,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + idleMs).toISOString(),
        last_seen_at: now.toISOString(),
      };
      await repo.insertSession(trx, row);
      // The member's long-expired sessions are of no use to anyone.
      await repo.deleteSessionsExpiredBefore(trx, memberId, now.toISOString());
      return { secret, sessionId: row.id, expiresAt: row.expires_at };
    },

    /** The live session behind a cookie secret, sliding its expiry; undefined when unknown or expired. */
    async resolve(secret: string): Promise<MemberSession | undefined> {
      if (secret.length < 20 || secret.length > 100) return undefined;
      const now = clock.now();
      const row = await repo.liveSession(db, hashToken(secret), now.toISOString());
      if (!row) return undefined;
      const member = await deps.members.byId(row.member_id);
      if (!member) return undefined;
      let expiresAt = row.expires_at;
      const isRenewed = now.getTime() - Date.parse(row.last_seen_at) > slideEveryMs;
      if (isRenewed) {
        expiresAt = new Date(now.getTime() + idleMs).toISOString();
        await repo.slideSession(db, row.id, now.toISOString(), expiresAt);
      }
      const audience = audienceOf(member, now) === 'paid' ? 'paid' : 'member';
      return { sessionId: row.id, member, audience, expiresAt, isRenewed };
    },

    async revoke(sessionId: string): Promise<void> {
      await repo.deleteSession(db, sessionId);
    },

    /** Sign out everywhere: every session of the member goes. Returns how many ended. */
    revokeAllFor(memberId: string, trx: Kysely<MemberAuthTables> = db): Promise<number> {
      return repo.deleteSessionsOf(trx, memberId);
    },
  };
}

export type MemberSessionsService = ReturnType<typeof createMemberSessionsService>;
