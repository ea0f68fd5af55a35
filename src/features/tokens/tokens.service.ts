import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { notFound, validationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { hashToken, randomToken } from '../../platform/security/index.js';
import { roleAtLeast, type StaffRole, type StaffTables } from '../staff/index.js';
import {
  tokenPrefixes,
  type ApiToken,
  type ApiTokenKind,
  type CreateTokenInput,
  type TokenCreator,
} from './api-token.js';
import { createTokensRepository } from './tokens.repository.js';
import type { ApiTokensTable, TokensTables } from './tokens.table.js';

type TokenRow = Selectable<ApiTokensTable> & { creator_name?: string | null };

const toApiToken = (row: TokenRow): ApiToken => ({
  id: row.id,
  name: row.name,
  kind: row.kind as ApiTokenKind,
  role: row.role as StaffRole | null,
  prefix: row.prefix,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
  revokedAt: row.revoked_at,
  expiresAt: row.expires_at,
  createdBy:
    row.created_via === 'cli'
      ? { kind: 'cli' }
      : { kind: 'staff', userId: row.created_by, name: row.creator_name ?? null },
});

/**
 * How long a content key, once found valid, is trusted without asking the database. Revoking
 * in this process drops it at once; another process (or the CLI) sees a revocation within this.
 */
export const contentKeyTrustMs = 10_000;
/** What Ghost's Content API clients accept as a key (`@tryghost/content-api` checks it). */
const ghostKeyPattern = /^[0-9a-f]{26}$/;
/** Valid content keys remembered at most (a handful in practice); past it, the memo starts over. */
const maxRememberedKeys = 1_000;

/** The lower of two roles: a token never acts above the person behind it. */
const lowerRole = (a: StaffRole, b: StaffRole): StaffRole => (roleAtLeast(a, b) ? b : a);

export function createTokensService(deps: {
  db: Kysely<TokensTables & StaffTables>;
  clock: Clock;
}) {
  const repository = createTokensRepository(deps.db);
  const nowIso = () => deps.clock.now().toISOString();
  // Content keys are checked on every Content API request (a hot path): valid ones are
  // remembered briefly by hash. Only valid keys are kept, so wrong guesses cannot fill it.
  const validContentKeys = new Map<string, { token: ApiToken; at: number }>();
  const rememberedContentKey = (hash: string): ApiToken | undefined => {
    const entry = validContentKeys.get(hash);
    if (!entry) return undefined;
    const now = deps.clock.now();
    const expired = entry.token.expiresAt !== null && entry.token.expiresAt <= now.toISOString();
    if (expired || now.getTime() - entry.at >= contentKeyTrustMs) {
      validContentKeys.delete(hash);
      return undefined;
    }
    return entry.token;
  };
  const rememberContentKey = (hash: string, token: ApiToken) => {
    if (validContentKeys.size >= maxRememberedKeys) validContentKeys.clear();
    validContentKeys.set(hash, { token, at: deps.clock.now().getTime() });
  };
  // Bumped by each revocation: a check that read the database before it does not remember its answer.
  let revocations = 0;
  const forgetToken = (id: string) => {
    revocations += 1;
    for (const [hash, entry] of validContentKeys) {
      if (entry.token.id === id) validContentKeys.delete(hash);
    }
  };
  return {
    /**
     * Returns the secret once; only its hash is kept. A token made by another token inherits
     * that token's creator (and so dies with the same person).
     */
    async create(
      input: CreateTokenInput,
      creator: TokenCreator = { via: 'cli' },
    ): Promise<{ token: ApiToken; secret: string; ghostKey?: string }> {
      const { name, kind } = input;
      const now = deps.clock.now().toISOString();
      const expiresAt = input.expiresAt ? new Date(input.expiresAt).toISOString() : null;
      if (expiresAt !== null && expiresAt <= now)
        throw validationError([{ field: 'expiresAt', message: 'must be in the future' }]);
      let owner: { created_by: string | null; created_via: string } = {
        created_by: null,
        created_via: 'cli',
      };
      if (creator.via === 'staff') owner = { created_by: creator.userId, created_via: 'staff' };
      if (creator.via === 'token') {
        const parent = await repository.findOwner(creator.tokenId);
        if (!parent) throw notFound('Token');
        owner = parent;
      }
      const role = kind === 'admin' ? (input.role ?? 'editor') : null;
      const secret = randomToken(32, tokenPrefixes[kind]);
      // A content key's second form, for Ghost's clients (26 hex characters, 104 random bits).
      const ghostKey = kind === 'content' ? randomBytes(13).toString('hex') : undefined;
      const row = {
        id: newId(),
        name,
        kind,
        role,
        token_hash: hashToken(secret),
        prefix: secret.slice(0, tokenPrefixes[kind].length + 4),
        created_by: owner.created_by,
        created_via: owner.created_via,
        created_at: now,
        last_used_at: null,
        revoked_at: null,
        expires_at: expiresAt,
        ghost_key_hash: ghostKey === undefined ? null : hashToken(ghostKey),
      };
      await repository.insert(row);
      return { token: toApiToken(row), secret, ...(ghostKey ? { ghostKey } : {}) };
    },

    /**
     * The live token behind a secret of the expected kind, or undefined: not revoked, not
     * expired, and — for a staff member's Admin API token — its creator still active. Its
     * `role` is the one it acts with now: at most its creator's current role.
     */
    async verify(secret: string, kind: ApiTokenKind): Promise<ApiToken | undefined> {
      // A content key also answers to its Ghost form (see create).
      const isGhostKey = kind === 'content' && ghostKeyPattern.test(secret);
      if (!isGhostKey && (!secret.startsWith(tokenPrefixes[kind]) || secret.length > 200))
        return undefined;
      const hash = hashToken(secret);
      if (kind === 'content') {
        const remembered = rememberedContentKey(hash);
        if (remembered) return remembered;
      }
      const revocationsBefore = revocations;
      const row = await repository.findUnrevokedByHash(
        hash,
        kind,
        isGhostKey ? 'ghost_key_hash' : 'token_hash',
      );
      if (!row) return undefined;
      if (row.expires_at !== null && row.expires_at <= nowIso()) return undefined;
      const token = toApiToken(row);
      // Content keys are public by design: they read published content whoever made them.
      if (kind === 'content') {
        if (revocations === revocationsBefore) rememberContentKey(hash, token);
        return token;
      }
      if (row.created_via === 'cli') return token;
      if (row.creator_role === null || row.creator_status !== 'active') return undefined;
      return {
        ...token,
        role: token.role && lowerRole(token.role, row.creator_role as StaffRole),
      };
    },

    async touch(id: string): Promise<void> {
      await repository.touch(id, nowIso());
    },

    /** Every token, newest first, with its creator's name and its last use. */
    async list(): Promise<ApiToken[]> {
      return (await repository.listWithCreators()).map(toApiToken);
    },

    /** Refused from the next request on in this process; elsewhere within `contentKeyTrustMs`. */
    async revoke(id: string): Promise<void> {
      if (!(await repository.revoke(id, nowIso()))) throw notFound('Token');
      forgetToken(id);
    },

    /**
     * Revokes every Admin API token a staff member made, inside the caller's transaction: a
     * token must not outlive its maker's password change or suspension.
     */
    async revokeAdminTokensOf(userId: string, trx: Kysely<TokensTables>): Promise<void> {
      await repository.revokeAdminTokensMadeBy(userId, nowIso(), trx);
    },
  };
}

export type TokensService = ReturnType<typeof createTokensService>;
