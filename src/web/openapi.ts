import { z } from 'zod';
import { csvStream, fileStream, type RegisteredRoute, type RouteRegistry } from './api-route.js';
import { errorCodes } from '../shared/contracts/error-codes.js';

type JsonSchema = Record<string, unknown>;

/** A Zod schema as OpenAPI 3.1 (JSON Schema 2020-12) wants it: no $schema, unrepresentable parts open. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const converted = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  }) as JsonSchema;
  const { $schema: _ignored, ...rest } = converted;
  return rest;
}

function parametersOf(schema: z.ZodType | undefined, location: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input');
  const properties = (object.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((object.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || required.has(name),
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
    schema: property,
  }));
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Errors' } } },
});

function operationOf(route: RegisteredRoute, security: JsonSchema[]): JsonSchema {
  const { spec } = route;
  const success = String(spec.successStatus ?? 200);
  const operation: JsonSchema = {
    summary: spec.summary,
    tags: [spec.tag],
    operationId: `${spec.method.toLowerCase()}${route.path.replace(/[^a-zA-Z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
    parameters: [...parametersOf(spec.params, 'path'), ...parametersOf(spec.query, 'query')],
    responses: {
      [success]:
        success === '204'
          ? { description: 'Done' }
          : {
              description: 'Success',
              content:
                spec.response === csvStream
                  ? { 'text/csv': { schema: { type: 'string' } } }
                  : spec.response === fileStream
                    ? {
                        'application/octet-stream': {
                          schema: { type: 'string', format: 'binary' },
                        },
                      }
                    : { 'application/json': { schema: jsonSchema(spec.response, 'output') } },
            },
      '400': errorResponse('Invalid input; each error names its field'),
      ...(spec.access === 'public'
        ? {}
        : {
            '401': errorResponse('Not signed in'),
            '403': errorResponse('Not allowed for this role'),
          }),
      '404': errorResponse('Not found'),
    },
    ...(spec.access === 'public' ? { security: [] } : { security }),
  };
  if (spec.body) {
    operation.requestBody = {
      required: true,
      content: { 'application/json': { schema: jsonSchema(spec.body, 'input') } },
    };
  } else if (spec.isMultipart) {
    operation.requestBody = {
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            required: ['file'],
            properties: {
              file: { type: 'string', contentMediaType: 'application/octet-stream' },
              alt: { type: 'string' },
              caption: { type: 'string' },
              credit: { type: 'string' },
            },
          },
        },
      },
    };
  }
  return operation;
}

/** The OpenAPI 3.1 document of one API, generated from the same Zod schemas that validate it. */
export function buildOpenApiDocument(options: {
  title: string;
  description: string;
  serverUrl: string;
  registry: RouteRegistry;
  securitySchemes: Record<string, JsonSchema>;
}): JsonSchema {
  const security = Object.keys(options.securitySchemes).map((name) => ({ [name]: [] }));
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of options.registry.routes) {
    const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operationOf(route, security);
  }
  return {
    openapi: '3.1.0',
    info: { title: options.title, version: '1.0.0', description: options.description },
    servers: [{ url: options.serverUrl }],
    paths,
    components: {
      securitySchemes: options.securitySchemes,
      schemas: {
        Errors: {
          type: 'object',
          required: ['errors'],
          properties: {
            errors: {
              type: 'array',
              items: {
                type: 'object',
                required: ['code', 'message'],
                properties: {
                  code: { type: 'string', enum: [...errorCodes] },
                  message: { type: 'string' },
                  field: { type: 'string' },
                  meta: { type: 'object' },
                },
              },
            },
          },
        },
      },
    },
  };
}
