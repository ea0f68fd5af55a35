import type { FastifyInstance, FastifyPluginAsync, FastifyPluginOptions } from 'fastify';

/**
 * An area of the app (admin API, content API, site pages, membership, feeds, media …) as a
 * Fastify plugin: `buildApp` registers each with `app.register(area, options)`, and the options
 * type names only the services the area uses. The area gets its own encapsulated scope, so its
 * hooks, parsers and decorations stay inside it.
 */
export function webArea<Options extends FastifyPluginOptions>(
  register: (app: FastifyInstance, options: Options) => void | Promise<void>,
): FastifyPluginAsync<Options> {
  return async (app, options) => {
    await register(app, options);
  };
}
