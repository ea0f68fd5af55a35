import { adminApiPrefix } from './admin-api/admin-api.js';
import { contentApiPrefix } from './content/content-api.js';
import { buildOpenApiDocument } from './openapi.js';
import { webArea } from './web-area.js';

/** Serves both APIs' OpenAPI documents, built once from the registered routes. */
export const openApiRoutes = webArea<{ publicUrl: string }>((app, options) => {
  let admin: unknown;
  let content: unknown;
  app.get(`${adminApiPrefix}/openapi.json`, { config: { isPublic: true } }, () => {
    admin ??= buildOpenApiDocument({
      title: 'Masthead Admin API',
      description:
        'Write and manage newsroom content. Authenticate with `Authorization: Bearer <token>` or a staff session cookie plus `X-CSRF-Token` on writes.',
      serverUrl: options.publicUrl,
      registry: app.adminRoutes,
      securitySchemes: {
        bearerToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'An Admin API token from `masthead token create`',
        },
        staffSession: { type: 'apiKey', in: 'cookie', name: 'masthead_staff' },
      },
    });
    return admin;
  });
  app.get(`${contentApiPrefix}/openapi.json`, () => {
    content ??= buildOpenApiDocument({
      title: 'Masthead Content API',
      description:
        'Read published content. Authenticate with a content key: `?key=` or `X-Masthead-Key`.',
      serverUrl: options.publicUrl,
      registry: app.contentRoutes,
      securitySchemes: {
        contentKeyQuery: { type: 'apiKey', in: 'query', name: 'key' },
        contentKeyHeader: { type: 'apiKey', in: 'header', name: 'X-Masthead-Key' },
      },
    });
    return content;
  });
});
