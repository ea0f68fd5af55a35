import { z } from 'zod';
import { AppError, notFound, validationError } from '../../platform/errors.js';
import { idParamsSchema, listOf } from '../../shared/contracts/common.js';
import {
  mediaListQuerySchema,
  mediaSchema,
  mediaUpdateSchema,
} from '../../shared/contracts/media.js';
import { parseInput } from '../http-input.js';
import { actorOf } from './authenticate.js';
import { noContent } from '../api-route.js';
import type { ServicesOf } from '../../runtime/services.js';
import type { AdminRoutes } from './admin-api.js';

const metaFields = ['alt', 'caption', 'credit'] as const;

/**
 * The media library: image uploads (multipart field `file`, optional `alt`, `caption`,
 * `credit`), listing and search, metadata edits and deletion.
 */
export const mediaAdminRoutes: AdminRoutes<ServicesOf<'media'>> = ({ route, services }) => {
  route({
    method: 'GET',
    url: '/media',
    tag: 'Media',
    summary:
      'List the media library, newest first; q searches alt text, caption, credit and file name (cursor pagination)',
    access: 'posts.read',
    query: mediaListQuerySchema,
    response: listOf('media', mediaSchema),
    handler: async ({ query }) => {
      const page = await services.media.list(query);
      return { media: page.items, meta: { pagination: { next: page.next, limit: page.limit } } };
    },
  });

  route({
    method: 'POST',
    url: '/media',
    tag: 'Media',
    summary:
      'Upload an image (multipart/form-data: file, alt, caption, credit); an identical file answers with the existing item and isDuplicate: true',
    access: 'media.upload',
    isMultipart: true,
    response: z.object({ media: mediaSchema, isDuplicate: z.boolean() }),
    successStatus: 201,
    handler: async ({ request }) => {
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
        // Multipart fields skip the JSON body's parse: the same schema as PATCH, parsed here.
        meta: parseInput(mediaUpdateSchema, meta),
      });
      return { media: result.media, isDuplicate: result.isDuplicate };
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
      if (!media) throw notFound('Media');
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

  route({
    method: 'DELETE',
    url: '/media/:id',
    tag: 'Media',
    summary:
      'Delete a media item and its files; posts, tags and authors that used it as their image lose it',
    access: 'media.edit',
    params: idParamsSchema,
    response: noContent,
    successStatus: 204,
    handler: async ({ params }) => {
      await services.media.remove(params.id);
    },
  });
};
