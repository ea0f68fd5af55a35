// The routes a hostile-input run attacks, enumerated from the Fastify instance itself (its
// printRoutes() tree), so a route added tomorrow is attacked tomorrow without editing the suite.
// API routes carry their declared Zod schemas (the registries behind the OpenAPI documents),
// from which the parameter and field names — and a valid baseline body — are read.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { migrations } from '../../migrations/index.js';
import { migrateToLatest, openDatabase } from '../../src/platform/db/index.js';
import type { RegisteredRoute } from '../../src/web/api-route.js';
import type { TestDatabase } from '../helpers/test-database.js';
import { appFor } from '../helpers/test-runtime.js';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  format?: string;
  minimum?: number;
  minLength?: number;
  minItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

export interface AttackRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Fastify style: `/api/admin/v1/posts/:id`, `/tag/:slug/`, `/admin/*`. */
  path: string;
  /** The declared API route, when it is one. */
  api?: {
    isPublic: boolean;
    isMultipart: boolean;
    query: string[];
    body?: JsonSchema;
  };
}

/**
 * Reads Fastify's printRoutes({ commonPrefix: false }) tree: each line is a radix-tree edge
 * (`├── api/admin/v1/me (GET, HEAD, PATCH)`), indented four characters a level; a route's path
 * is its edges joined (`me` + `dia` is `media`).
 */
export function parseRouteTree(tree: string): Array<{ method: string; path: string }> {
  const stack: string[] = [];
  const routes: Array<{ method: string; path: string }> = [];
  for (const line of tree.split('\n')) {
    const match = /^(.*?)(?:├── |└── )(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    stack.length = depth;
    stack.push(match[2] ?? '');
    for (const method of (match[3] ?? '').split(', ').filter(Boolean))
      routes.push({ method, path: stack.join('') });
  }
  return routes;
}

const schemaOf = (schema: z.ZodType): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchema & { $schema?: string };
  return rest;
};

/** Every route the app serves but HEAD and OPTIONS, with the API's declared inputs. */
export async function enumerateRoutes(): Promise<AttackRoute[]> {
  const dir = mkdtempSync(join(tmpdir(), 'masthead-routes-'));
  const file = join(dir, 'routes.db');
  const database = openDatabase({ dialect: 'sqlite', file });
  try {
    await migrateToLatest(database.db, migrations, {});
    const testDb: TestDatabase = {
      database,
      target: { dialect: 'sqlite', file },
      dialect: 'sqlite',
      truncate: () => Promise.resolve(),
    };
    const { app } = await appFor(testDb);
    try {
      const declared = new Map<string, RegisteredRoute>();
      for (const route of [...app.adminRoutes.routes, ...app.contentRoutes.routes])
        declared.set(`${route.method} ${route.path}`, route);
      return parseRouteTree(app.printRoutes({ commonPrefix: false }))
        .filter(({ method }) => method !== 'HEAD' && method !== 'OPTIONS')
        .map(({ method, path }) => {
          const route = declared.get(`${method} ${path}`);
          const spec = route?.spec;
          return {
            method: method as AttackRoute['method'],
            path,
            ...(spec
              ? {
                  api: {
                    isPublic: spec.access === 'public',
                    isMultipart: spec.isMultipart === true,
                    query: Object.keys((spec.query ? schemaOf(spec.query) : {}).properties ?? {}),
                    ...(spec.body ? { body: schemaOf(spec.body) } : {}),
                  },
                }
              : {}),
          };
        });
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

let sampleCount = 0;

/** A plausible valid value for a JSON schema: the baseline a hostile field is swapped into. */
export function validSample(schema: JsonSchema | undefined): unknown {
  if (!schema) return undefined;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const choice = schema.anyOf ?? schema.oneOf;
  if (choice) return validSample(choice.find((s) => s.type !== 'null') ?? choice[0]);
  if (schema.allOf) return validSample(schema.allOf[0]);
  const type = Array.isArray(schema.type)
    ? schema.type.find((t) => t !== 'null')
    : (schema.type ?? (schema.properties ? 'object' : undefined));
  sampleCount += 1;
  switch (type) {
    case 'string':
      if (schema.format === 'email') return `hostile-${sampleCount}@example.org`;
      if (schema.format === 'date-time') return new Date(Date.now() + 86_400_000).toISOString();
      if (schema.format === 'uri' || schema.format === 'url') return 'https://example.org/';
      return `Hostile check ${sampleCount}`.padEnd(schema.minLength ?? 0, 'x');
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    case 'array':
      return schema.minItems ? [validSample(schema.items)] : [];
    case 'object':
      return Object.fromEntries(
        (schema.required ?? []).map((name) => [name, validSample(schema.properties?.[name])]),
      );
    default:
      return undefined;
  }
}
