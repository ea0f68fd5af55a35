import { idParamsSchema, listOf } from '../../shared/contracts/common.js';
import { apiTokenSchema, tokenCreatedSchema } from '../../shared/contracts/tokens.js';
import { createTokenInputSchema } from '../../features/tokens/index.js';
import { noContent } from '../api-route.js';
import type { ServicesOf } from '../../runtime/services.js';
import type { AdminRoutes } from './admin-api.js';
import { actorOf } from './authenticate.js';
import { requestMeta } from './staff-route-helpers.js';

/** Admin API tokens and Content API keys: administrators only; a secret is shown once. */
export const tokensAdminRoutes: AdminRoutes<ServicesOf<'audit' | 'tokens'>> = ({
  route,
  services,
}) => {
  route({
    method: 'GET',
    url: '/tokens',
    tag: 'Tokens',
    summary: 'List API tokens and content keys (never their secrets)',
    access: 'tokens.manage',
    response: listOf('tokens', apiTokenSchema),
    handler: async () => {
      const tokens = await services.tokens.list();
      return { tokens, meta: { pagination: { next: null, limit: tokens.length } } };
    },
  });
  route({
    method: 'POST',
    url: '/tokens',
    tag: 'Tokens',
    summary: 'Create a token; its secret is in this answer only',
    access: 'tokens.manage',
    body: createTokenInputSchema,
    response: tokenCreatedSchema,
    successStatus: 201,
    handler: async ({ body, request }) => {
      const actor = actorOf(request);
      // Made by a person, it dies with them; made by a token, with that token's creator.
      const created = await services.tokens.create(
        body,
        actor.userId
          ? { via: 'staff', userId: actor.userId }
          : actor.tokenId
            ? { via: 'token', tokenId: actor.tokenId }
            : { via: 'cli' },
      );
      await services.audit.log({
        actor: actor.label,
        action: 'token.created',
        subjectType: 'api_token',
        subjectId: created.token.id,
        details: { name: created.token.name, kind: created.token.kind, role: created.token.role },
        ip: requestMeta(request).ip,
      });
      return created;
    },
  });
  route({
    method: 'DELETE',
    url: '/tokens/:id',
    tag: 'Tokens',
    summary: 'Revoke a token',
    access: 'tokens.manage',
    params: idParamsSchema,
    response: noContent,
    successStatus: 204,
    handler: async ({ params, request }) => {
      await services.tokens.revoke(params.id);
      await services.audit.log({
        actor: actorOf(request).label,
        action: 'token.revoked',
        subjectType: 'api_token',
        subjectId: params.id,
        ip: requestMeta(request).ip,
      });
    },
  });
};
