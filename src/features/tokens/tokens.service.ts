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

/** The lower of two roles: a token never acts above the person behind it. */
const lowerRole = (a: StaffRole, b: StaffRole): StaffRole => (roleAtLeast(a, b) ? b : a);

export function createTokensService(deps: {
  db: Kysely<TokensTables & StaffTables>;
  clock: Clock;
}) {
  const { db } = deps;
  return {
    /**
     * Returns the secret once; only its hash is kept. A token made by another token inherits
     * that token's creator (and so dies with the same person).
     */
    async create(
      input: CreateTokenInput,
      creator: TokenCreator = { via: 'cli' },
    ): Promise<{ token: ApiToken; secret: string }> {
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
        const parent = await db
          .selectFrom('api_tokens')
          .select(['created_by', 'created_via'])
          .where('id', '=', creator.tokenId)
          .executeTakeFirst();
        if (!parent) throw notFound('Token');
        owner = parent;
      }
      const role = kind === 'admin' ? (input.role ?? 'editor') : null;
      const secret = randomToken(32, tokenPrefixes[kind]);
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
      };
      await db.insertInto('api_tokens').values(row).execute();
      return { token: toApiToken(row), secret };
    },

    /**
     * The live token behind a secret of the expected kind, or undefined: not revoked, not
     * expired, and — for a staff member's Admin API token — its creator still active. Its
     * `role` is the one it acts with now: at most its creator's current role.
     */
    async verify(secret: string, kind: ApiTokenKind): Promise<ApiToken | undefined> {
      if (!secret.startsWith(tokenPrefixes[kind]) || secret.length > 200) return undefined;
      const row = await db
        .selectFrom('api_tokens')
        .leftJoin('staff_users', 'staff_users.id', 'api_tokens.created_by')
        .selectAll('api_tokens')
        .select([
          'staff_users.role as creator_role',
          'staff_users.status as creator_status',
          'staff_users.name as creator_name',
        ])
        .where('api_tokens.token_hash', '=', hashToken(secret))
        .where('api_tokens.kind', '=', kind)
        .where('api_tokens.revoked_at', 'is', null)
        .executeTakeFirst();
      if (!row) return undefined;
      if (row.expires_at !== null && row.expires_at <= deps.clock.now().toISOString())
        return undefined;
      const token = toApiToken(row);
      // Content keys are public by design: they read published content whoever made them.
      if (kind === 'content' || row.created_via === 'cli') return token;
      if (row.creator_role === null || row.creator_status !== 'active') return undefined;
      return {
        ...token,
        role: token.role && lowerRole(token.role, row.creator_role as StaffRole),
      };
    },

    async touch(id: string): Promise<void> {
      await db
        .updateTable('api_tokens')
        .set({ last_used_at: deps.clock.now().toISOString() })
        .where('id', '=', id)
        .execute();
    },

    /** Every token, newest first, with its creator's name and its last use. */
    async list(): Promise<ApiToken[]> {
      const rows = await db
        .selectFrom('api_tokens')
        .leftJoin('staff_users', 'staff_users.id', 'api_tokens.created_by')
        .selectAll('api_tokens')
        .select('staff_users.name as creator_name')
        .orderBy('api_tokens.created_at', 'desc')
        .execute();
      return rows.map(toApiToken);
    },

    async revoke(id: string): Promise<void> {
      const result = await db
        .updateTable('api_tokens')
        .set({ revoked_at: deps.clock.now().toISOString() })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw notFound('Token');
    },
  };
}

export type TokensService = ReturnType<typeof createTokensService>;
