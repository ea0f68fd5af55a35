import { z } from 'zod';
import type { ServicesOf } from '../../runtime/services.js';
import { webArea } from '../web-area.js';

const paramsSchema = z.object({
  id: z.string().regex(/^[0-9a-f-]{36}$/),
  file: z.string().regex(/^(original\.(jpg|png|gif|webp|avif)|w\d{3,4}\.(jpg|webp))$/),
});

/** Media never changes under an id, so every answer is cacheable for a year. */
const immutable = 'public, max-age=31536000, immutable';

export interface MediaDeps {
  services: ServicesOf<'media'>;
}

/** Library images: originals and their resized copies. */
export const mediaRoutes = webArea<MediaDeps>((app, { services }) => {
  app.get('/media/:id/:file', async (request, reply) => {
    const params = paramsSchema.safeParse(request.params);
    if (!params.success) return reply.callNotFound();
    const { id, file } = params.data;
    if (file.startsWith('original.')) {
      const original = await services.media.original(id);
      if (!original) return reply.callNotFound();
      return reply.type(original.mime).header('cache-control', immutable).send(original.bytes);
    }
    const match = /^w(\d+)\.(jpg|webp)$/.exec(file);
    const width = Number(match?.[1]);
    const format = match?.[2] === 'webp' ? 'webp' : 'jpeg';
    const bytes = await services.media.variant(id, width, format);
    if (!bytes) return reply.callNotFound();
    return reply
      .type(format === 'webp' ? 'image/webp' : 'image/jpeg')
      .header('cache-control', immutable)
      .send(bytes);
  });
});
