import { z } from 'zod';
import {
  correctionParamsSchema,
  correctionSchema,
  correctionWithdrawSchema,
} from '../../shared/contracts/posts.js';
import type { ServicesOf } from '../../runtime/services.js';
import { actorOf } from './authenticate.js';
import type { AdminRoutes } from './admin-api.js';

/**
 * Withdrawing a correction: never a silent delete. The entry stays on the story and in the public
 * record (/corrections/) with a note naming the day it was made and the reason; the audit log
 * keeps the original text (docs/api.md).
 */
export const postCorrectionsAdminRoutes: AdminRoutes<ServicesOf<'posts' | 'settings'>> = ({
  route,
  services,
}) => {
  route({
    method: 'DELETE',
    url: '/posts/:id/corrections/:correctionId',
    tag: 'Posts',
    summary:
      'Withdraw a correction (editors and above): a public note with the required `reason` takes its place',
    access: 'posts.edit.any',
    params: correctionParamsSchema,
    body: correctionWithdrawSchema,
    response: z.object({ correction: correctionSchema }),
    handler: async ({ params, body, request }) => {
      const settings = await services.settings.get();
      return {
        correction: await services.posts.withdrawCorrection(
          actorOf(request),
          params.id,
          params.correctionId,
          {
            reason: body.reason,
            zone: { timezone: settings.timezone, locale: settings.locale },
          },
        ),
      };
    },
  });
};
