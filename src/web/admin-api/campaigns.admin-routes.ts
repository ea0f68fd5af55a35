import { z } from 'zod';
import { campaignInputSchema, campaignPatchSchema } from '../../features/campaigns/index.js';
import { campaignSchema, campaignStatsSchema } from '../../shared/contracts/campaigns.js';
import { idParamsSchema, listOf } from '../../shared/contracts/common.js';
import type { ServicesOf } from '../../runtime/services.js';
import type { AdminRoutes } from './admin-api.js';

/** Membership drives: list, create, edit, and how one is doing. Changes show on the site at once. */
export const campaignsAdminRoutes: AdminRoutes<ServicesOf<'campaigns' | 'settings'>> = ({
  route,
  services,
}) => {
  const tag = 'Campaigns';
  const access = 'campaigns.manage';
  route({
    method: 'GET',
    url: '/campaigns',
    tag,
    summary: 'List membership drives, the latest start first',
    access,
    response: listOf('campaigns', campaignSchema),
    handler: async () => {
      const campaigns = await services.campaigns.list();
      return { campaigns, meta: { pagination: { next: null, limit: campaigns.length } } };
    },
  });
  route({
    method: 'POST',
    url: '/campaigns',
    tag,
    summary: 'Create a membership drive (goal, metric, startsAt/endsAt, texts, buttons)',
    access,
    body: campaignInputSchema,
    response: z.object({ campaign: campaignSchema }),
    successStatus: 201,
    handler: async ({ body }) => ({ campaign: await services.campaigns.create(body) }),
  });
  route({
    method: 'PATCH',
    url: '/campaigns/:id',
    tag,
    summary: 'Edit a membership drive; the result is checked as a whole',
    access,
    params: idParamsSchema,
    body: campaignPatchSchema,
    response: z.object({ campaign: campaignSchema }),
    handler: async ({ params, body }) => ({
      campaign: await services.campaigns.update(params.id, body),
    }),
  });
  route({
    method: 'GET',
    url: '/campaigns/:id/stats',
    tag,
    summary:
      'Current value, goal and percent, the value per day since the start, conversions attributed to the drive, and the projected day the goal is reached (pace of the last 7 days)',
    access,
    params: idParamsSchema,
    response: campaignStatsSchema,
    handler: async ({ params }) =>
      services.campaigns.stats(params.id, (await services.settings.get()).timezone),
  });
};
