import { z } from 'zod';
import { AppError, validationError } from '../../platform/errors.js';
import { idParamsSchema } from '../../shared/contracts/common.js';
import { mediaSchema, mediaUpdateSchema } from '../../shared/contracts/media.js';
import { actorOf } from './authenticate.js';
import type { AdminRoutes } from './admin-api.js';

const metaFields = ['alt', 'caption', 'credit'] as const;

/** Image uploads (multipart field `file`, optional `alt`, `caption`, `credit`) and their metadata. */
export const mediaAdminRoutes: AdminRoutes = ({ route, services }) => {
  route({
    method: 'POST',
    url: '/media',
    tag: 'Media',
    summary:
      'Upload an image (multipart/form-data: file, alt, caption, credit); identical files are deduplicated',
    access: 'media.upload',
    isMultipart: true,
    response: z.object({ media: mediaSchema }),
    successStatus: 201,
    handler: async ({ request, reply }) => {
      if (!request.isMultipart()) {
        throw new AppError({
          code: 'UNSUPPORTED_MEDIA_TYPE',
          status: 415,
          message: 'send multipart/form-data with a field named file',
        });
      }
      let file: { bytes: Buffer; name: string } | undefined;
      const meta: Record<string, string> = {};
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          if (part.fieldname !== 'file' || file) {
            part.file.resume();
            throw validationError([
              { field: part.fieldname, message: 'send exactly one file, in the field named file' },
            ]);
          }
          const bytes = await part.toBuffer();
          if (part.file.truncated)
            throw new AppError({
              code: 'FILE_TOO_LARGE',
              status: 413,
              message: 'file is too large',
              problems: [{ field: 'file', message: 'too large' }],
            });
          file = { bytes, name: part.filename };
        } else if ((metaFields as readonly string[]).includes(part.fieldname)) {
          meta[part.fieldname] = String(part.value);
        } else {
          throw validationError([
            { field: part.fieldname, message: `unknown field: ${part.fieldname}` },
          ]);
        }
      }
      if (!file) throw validationError([{ field: 'file', message: 'is required' }]);
      const actor = actorOf(request);
      const result = await services.media.upload({
        bytes: file.bytes,
        originalName: file.name,
        uploadedBy: actor.userId,
        meta,
      });
      void reply.code(result.isDuplicate ? 200 : 201);
      return { media: result.media };
    },
  });

  route({
    method: 'GET',
    url: '/media/:id',
    tag: 'Media',
    summary: 'Read a media item',
    access: 'posts.read',
    params: idParamsSchema,
    response: z.object({ media: mediaSchema }),
    handler: async ({ params }) => {
      const media = await services.media.byId(params.id);
      if (!media)
        throw new AppError({ code: 'NOT_FOUND', status: 404, message: 'Media not found' });
      return { media };
    },
  });

  route({
    method: 'PATCH',
    url: '/media/:id',
    tag: 'Media',
    summary: 'Edit alt text, caption, credit or focal point',
    access: 'media.edit',
    params: idParamsSchema,
    body: mediaUpdateSchema,
    response: z.object({ media: mediaSchema }),
    handler: async ({ params, body }) => ({
      media: await services.media.updateMeta(params.id, body),
    }),
  });
};
