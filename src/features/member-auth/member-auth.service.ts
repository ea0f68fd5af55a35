import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { narrow } from '../../platform/db/index.js';
import type { Mailer } from '../../platform/mail/index.js';
import type { Limiter } from '../../platform/limits/index.js';
import { hashToken, randomToken } from '../../platform/security/index.js';
import type { CampaignsService } from '../campaigns/index.js';
import type { EventsService, EventsTables } from '../events/index.js';
import type { Member, MembersService } from '../members/index.js';
import type { NewslettersService } from '../newsletters/index.js';
import type { SettingsService } from '../settings/index.js';
import { clientChecks, emailCheck } from './member-auth-limits.js';
import { emailChangeMail, listConfirmationMail, signInMail } from './member-auth-mail.js';
import { badLinkError, parseEmail, readLinkData, type LinkData } from './sign-in-links.js';
import { memberAuthRepository as repo } from './member-auth.repository.js';
import type { MemberAuthTables } from './member-auth.table.js';
import { createMemberSessionsService } from './member-sessions.service.js';
import { safeReturnPath } from './return-path.js';

/** Links work once, for 15 minutes. */
const linkTtlMs = 15 * 60_000;

type Db = Kysely<MemberAuthTables & EventsTables>;

export type LinkPurpose = 'sign_in' | 'change_email';

/** Where a sign-up form with newsletter choices was. */
export type NewsletterSignupSource = 'signup' | 'newsletters-page' | 'story-page';

/** See createMemberAuthService's `attributeSignup`. */
export type AttributeSignup = (input: {
  fromStory: string | undefined;
  campaignId: string | null;
}) => Promise<(trx: Kysely<EventsTables>) => Promise<void>>;

export interface ConfirmResult {
  member: Member;
  /** The cookie secret of the new session (shown once; only its hash is stored). */
  sessionSecret: string;
  sessionId: string;
  expiresAt: string;
  isNew: boolean;
  /** The safe site path the reader asked to come back to, if any. */
  returnTo: string | undefined;
  purpose: LinkPurpose;
}

/**
 * Passwordless sign-in for readers: an emailed, single-use link that creates the member on
 * first use. Requests get the same answer whether or not the address is a member's (a link is
 * sent either way: following it is how a reader joins), within per-address and per-email limits.
 */
export function createMemberAuthService(deps: {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  members: MembersService;
  settings: SettingsService;
  campaigns: CampaignsService;
  newsletters: Pick<NewslettersService, 'subscribe' | 'subscribeToDefaults' | 'list'>;
  limiter: Limiter;
  /** Opens the sign-in's transaction, so a new member's `member.created` is announced on commit. */
  events: Pick<EventsService, 'withTransaction'>;
  /**
   * Attributes a new member to the story and drive they came from: prepared before the
   * sign-in's transaction, recorded inside it (analytics' conversions; none when unset).
   */
  attributeSignup?: AttributeSignup;
}) {
  const { db, clock, members, limiter } = deps;
  const authDb = narrow(db).to<MemberAuthTables>();
  const sessions = createMemberSessionsService({ db: authDb, clock, members });

  /** The active lists among `ids`, in reader order (unknown and archived ids dropped). */
  async function chosenLists(ids: readonly string[]) {
    const wanted = new Set(ids);
    return (await deps.newsletters.list()).filter((list) => wanted.has(list.id));
  }

  async function issueLink(input: {
    email: string;
    purpose: LinkPurpose;
    data: LinkData;
    publicUrl: string;
  }): Promise<string> {
    const token = randomToken(32);
    const now = clock.now();
    await repo.insertLink(authDb, {
      token_hash: hashToken(token),
      email: input.email,
      purpose: input.purpose,
      data: JSON.stringify(input.data),
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + linkTtlMs).toISOString(),
      used_at: null,
    });
    // Links of this address that expired a day ago only take room.
    await repo.deleteLinksExpiredBefore(
      authDb,
      input.email,
      new Date(now.getTime() - 24 * 3600_000).toISOString(),
    );
    return `${input.publicUrl.replace(/\/+$/, '')}/signin/confirm?token=${encodeURIComponent(token)}`;
  }

  return {
    sessions,

    /**
     * Emails a sign-in link to `email`, member or not (the answer is the same either way).
     * 429 with Retry-After past the per-address or per-email limit; 400 for a malformed email.
     */
    async requestLink(input: {
      email: string;
      ip: string;
      publicUrl: string;
      returnTo?: string | undefined;
      campaignId?: string | undefined;
      /** The reader's last story (the form's hidden `fromStory`, from sessionStorage). */
      fromStory?: string | undefined;
      /**
       * Newsletters chosen on the form (ids of active lists; others are dropped): the member is
       * put on them when the link is used. Undefined: a new member gets the default lists.
       */
      newsletters?: { ids: readonly string[]; source: NewsletterSignupSource } | undefined;
    }): Promise<void> {
      await limiter.take(...clientChecks(input.ip));
      const email = parseEmail(input.email);
      await limiter.take(emailCheck(email));
      const returnTo = safeReturnPath(input.returnTo);
      const campaignId =
        input.campaignId && /^[0-9A-Za-z-]{1,64}$/.test(input.campaignId)
          ? input.campaignId
          : undefined;
      const chosen = input.newsletters ? await chosenLists(input.newsletters.ids) : undefined;
      const link = await issueLink({
        email,
        purpose: 'sign_in',
        data: {
          ...(returnTo ? { returnTo } : {}),
          ...(campaignId ? { campaignId } : {}),
          ...(input.fromStory && /^\/[^/]/.test(input.fromStory)
            ? { fromStory: input.fromStory.slice(0, 300) }
            : {}),
          ...(chosen && input.newsletters
            ? { newsletterIds: chosen.map((l) => l.id), newsletterSource: input.newsletters.source }
            : {}),
        },
        publicUrl: input.publicUrl,
      });
      const { siteName } = await deps.settings.get();
      const names = (chosen ?? []).map((list) => list.name);
      const isListConfirmation = names.length > 0 && input.newsletters?.source !== 'signup';
      await deps.mailer.send({
        to: email,
        ...(isListConfirmation
          ? listConfirmationMail({ siteName, link, listNames: names })
          : signInMail({ siteName, link })),
      });
    },

    /**
     * Sends a confirmation link to a member's new address; the change happens when it is used.
     * Same limits as sign-in links.
     */
    async requestEmailChange(input: {
      memberId: string;
      email: string;
      ip: string;
      publicUrl: string;
    }): Promise<void> {
      await limiter.take(...clientChecks(input.ip));
      const email = parseEmail(input.email);
      await limiter.take(emailCheck(email));
      const link = await issueLink({
        email,
        purpose: 'change_email',
        data: { memberId: input.memberId, returnTo: '/account/' },
        publicUrl: input.publicUrl,
      });
      const { siteName } = await deps.settings.get();
      await deps.mailer.send({ to: email, ...emailChangeMail({ siteName, link }) });
    },

    /**
     * Uses up a link (once: a compare-and-set on `used_at`), joins the reader if new, and opens
     * a session. Unknown, tampered, expired and used links all get the same 400 LINK_INVALID.
     */
    async confirm(token: string): Promise<ConfirmResult> {
      if (typeof token !== 'string' || token.length < 20 || token.length > 100)
        throw badLinkError();
      const now = clock.now().toISOString();
      const tokenHash = hashToken(token);
      const claimed = await repo.claimLink(authDb, tokenHash, now);
      if (!claimed) throw badLinkError();
      const info = readLinkData(claimed.data);
      const purpose: LinkPurpose = claimed.purpose === 'change_email' ? 'change_email' : 'sign_in';

      // A drive that ended (or was deleted) since the link was sent no longer counts the join.
      const campaignId =
        purpose === 'sign_in' &&
        info.campaignId &&
        (await deps.campaigns.running()).some((c) => c.id === info.campaignId)
          ? info.campaignId
          : null;
      // The conversion is prepared (it reads posts) before the transaction, for an address that
      // is not a member's yet; it is written only if this sign-in is what creates the member.
      const attribution =
        purpose === 'sign_in' && deps.attributeSignup && !(await members.byEmail(claimed.email))
          ? await deps.attributeSignup({ fromStory: info.fromStory, campaignId })
          : undefined;
      let changed: Member | undefined;
      if (purpose === 'change_email') {
        if (!info.memberId) throw badLinkError();
        changed = await members.changeEmail(info.memberId, claimed.email);
      }
      // The new member, their first session and their conversion commit together or not at all:
      // a sign-up's attribution cannot be lost between two writes.
      const { member, isNew, session } = await deps.events.withTransaction(db, async (trx) => {
        const shared = narrow(trx).to<EventsTables>();
        const joined = changed
          ? { member: changed, isNew: false }
          : await members.findOrCreate({ email: claimed.email, campaignId }, shared);
        // Other outstanding sign-in links of the address go too: one reader, one way in.
        const auth = narrow(trx).to<MemberAuthTables>();
        await repo.useUpLinksOf(auth, claimed.email, purpose, now);
        const created = await sessions.create(joined.member.id, auth);
        await members.recordEvent(shared, { memberId: joined.member.id, type: 'signed_in' });
        if (joined.isNew) await attribution?.(shared);
        // Double opt-in: the lists ticked on the form start now that the address is proven.
        // Boxes on the sign-in form are for joining: a member who signs in keeps their lists.
        const isJoinChoice = info.newsletterSource === 'signup';
        if (purpose === 'sign_in' && info.newsletterIds && (joined.isNew || !isJoinChoice))
          await deps.newsletters.subscribe(
            {
              memberId: joined.member.id,
              newsletterIds: info.newsletterIds,
              source: info.newsletterSource ?? 'signup',
            },
            shared,
          );
        else if (purpose === 'sign_in' && joined.isNew)
          await deps.newsletters.subscribeToDefaults(
            { memberId: joined.member.id, source: 'signup' },
            shared,
          );
        return { ...joined, session: created };
      });
      return {
        member,
        sessionSecret: session.secret,
        sessionId: session.sessionId,
        expiresAt: session.expiresAt,
        isNew,
        returnTo: safeReturnPath(info.returnTo),
        purpose,
      };
    },

    /** The session behind a cookie secret (sliding its expiry), or undefined. */
    resolveSession: (secret: string) => sessions.resolve(secret),

    signOut: (sessionId: string) => sessions.revoke(sessionId),

    signOutEverywhere: (memberId: string) => sessions.revokeAllFor(memberId),
  };
}

export type MemberAuthService = ReturnType<typeof createMemberAuthService>;
