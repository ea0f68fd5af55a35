import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { MediaFile } from '../../features/media/index.js';
import type { ServicesOf } from '../../runtime/services.js';
import { parseRangeHeader } from '../range-header.js';
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

/**
 * A stored file streamed out, never buffered: the whole file (200), the one range asked for
 * (206 with Content-Range), or 416 when that range lies outside the file.
 */
function sendFile(reply: FastifyReply, file: MediaFile) {
  reply.header('accept-ranges', 'bytes').header('cache-control', immutable).type(file.mime);
  if (!file.body) {
    return reply.code(416).header('content-range', `bytes */${file.size}`).send();
  }
  if (file.range) {
    const { start, end } = file.range;
    return reply
      .code(206)
      .header('content-range', `bytes ${start}-${end}/${file.size}`)
      .header('content-length', end - start + 1)
      .send(file.body);
  }
  return reply.header('content-length', file.size).send(file.body);
}

/** Library images: originals and their resized copies, read from media storage. */
export const mediaRoutes = webArea<MediaDeps>((app, { services }) => {
  app.get('/media/:id/:file', async (request, reply) => {
    const params = paramsSchema.safeParse(request.params);
    if (!params.success) return reply.callNotFound();
    const { id, file } = params.data;
    const range = parseRangeHeader(request.headers.range);
    const match = /^w(\d+)\.(jpg|webp)$/.exec(file);
    const found = match
      ? await services.media.openVariant(
          id,
          Number(match[1]),
          match[2] === 'webp' ? 'webp' : 'jpeg',
          range,
        )
      : await services.media.openOriginal(id, range);
    if (!found) return reply.callNotFound();
    return sendFile(reply, found);
  });
});
