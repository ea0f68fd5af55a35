import type { Kysely, Selectable } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { notFound, zodValidationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { hashToken, randomToken } from '../../platform/security/index.js';
import type { StaffRole } from '../staff/index.js';
import {
  createTokenInputSchema,
  tokenPrefixes,
  type ApiToken,
  type ApiTokenKind,
} from './api-token.js';
import type { ApiTokensTable, TokensTables } from './tokens.table.js';

const toApiToken = (row: Selectable<ApiTokensTable>): ApiToken => ({
  id: row.id,
  name: row.name,
  kind: row.kind as ApiTokenKind,
  role: row.role as StaffRole | null,
  prefix: row.prefix,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
  revokedAt: row.revoked_at,
});

export function createTokensService(deps: { db: Kysely<TokensTables>; clock: Clock }) {
  const { db } = deps;
  return {
    /** Returns the secret once; only its hash is kept. */
    async create(
      input: unknown,
      createdBy: string | null = null,
    ): Promise<{ token: ApiToken; secret: string }> {
      const parsed = createTokenInputSchema.safeParse(input);
      if (!parsed.success) {
        throw zodValidationError(parsed.error);
      }
      const { name, kind } = parsed.data;
      const role = kind === 'admin' ? (parsed.data.role ?? 'editor') : null;
      const secret = randomToken(32, tokenPrefixes[kind]);
      const row = {
        id: newId(),
        name,
        kind,
        role,
        token_hash: hashToken(secret),
        prefix: secret.slice(0, tokenPrefixes[kind].length + 4),
        created_by: createdBy,
        created_at: deps.clock.now().toISOString(),
        last_used_at: null,
        revoked_at: null,
      };
      await db.insertInto('api_tokens').values(row).execute();
      return { token: toApiToken(row), secret };
    },

    /** The live token behind a secret of the expected kind, or undefined. */
    async verify(secret: string, kind: ApiTokenKind): Promise<ApiToken | undefined> {
      if (!secret.startsWith(tokenPrefixes[kind]) || secret.length > 200) return undefined;
      const row = await db
        .selectFrom('api_tokens')
        .selectAll()
        .where('token_hash', '=', hashToken(secret))
        .where('kind', '=', kind)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return row && toApiToken(row);
    },

    async touch(id: string): Promise<void> {
      await db
        .updateTable('api_tokens')
        .set({ last_used_at: deps.clock.now().toISOString() })
        .where('id', '=', id)
        .execute();
    },

    async list(): Promise<ApiToken[]> {
      const rows = await db
        .selectFrom('api_tokens')
        .selectAll()
        .orderBy('created_at', 'desc')
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
