import { z } from 'zod';
import type { ServicesOf } from '../../runtime/services.js';
import { fileStream } from '../api-route.js';
import type { AdminRoutes } from './admin-api.js';
import { actorOf } from './authenticate.js';
import { requestMeta } from './staff-route-helpers.js';

const exportQuerySchema = z.strictObject({
  format: z.enum(['masthead', 'ghost', 'ghost-json'], {
    error: 'format must be masthead, ghost or ghost-json',
  }),
});

/**
 * The whole newsroom as a download (issue #15 item 4): the owner's alone, since it holds every
 * member's email address; each one is on the audit log (decisions 0019 and 0020).
 */
export const exportsAdminRoutes: AdminRoutes<ServicesOf<'audit' | 'newsroomExports'>> = ({
  route,
  services,
}) => {
  route({
    method: 'GET',
    url: '/export',
    tag: 'Settings',
    summary:
      'Download the whole newsroom: format=masthead (the archive `masthead import masthead` restores, .tar.gz), ghost (a Ghost 5.x import with images under content/images/ and members.csv, .tar.gz) or ghost-json (the Ghost JSON alone). Owner only; streamed; on the audit log.',
    access: 'newsroom.export',
    query: exportQuerySchema,
    response: fileStream,
    handler: async ({ request, reply, query }) => {
      const actor = actorOf(request);
      const download = await services.newsroomExports.download(query.format);
      await services.audit.log({
        actor: actor.label,
        action: 'newsroom.exported',
        subjectType: 'newsroom',
        details: {
          via: 'admin',
          format: query.format,
          file: download.fileName,
          ...download.summary,
        },
        ip: requestMeta(request).ip,
      });
      void reply
        .type(download.contentType)
        .header('content-disposition', `attachment; filename="${download.fileName}"`)
        .header('cache-control', 'no-store');
      return download.body;
    },
  });
};
