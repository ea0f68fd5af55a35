// The Admin API client: typed calls generated from the OpenAPI document (openapi-fetch over
// api-schema.d.ts), JSON over fetch with the staff session cookie, and the session's CSRF token
// on every write. Errors keep the API's shape so forms can show each field's message.

import createClient, {
  type Client,
  type ClientPathsWithMethod,
  type MaybeOptionalInit,
  type MethodResponse,
} from 'openapi-fetch';
import type { ErrorCode } from '@shared/contracts/error-codes.js';
import type { paths } from './api-schema.js';

/** The server's codes, and the client's own for answers that never reached the API. */
export type ApiErrorCode = ErrorCode | 'HTTP_ERROR' | 'NETWORK' | 'ERROR';

export interface ApiErrorItem {
  code: ApiErrorCode;
  message: string;
  field?: string;
  /** Extra facts some errors carry, e.g. a 409's `currentVersion` and the current `post`. */
  meta?: Record<string, unknown>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errors: ApiErrorItem[],
  ) {
    super(errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; '));
    this.name = 'ApiError';
  }

  /** Whether the API answered with this code (screens switch on codes, not on statuses). */
  is(code: ApiErrorCode): boolean {
    return this.errors.some((e) => e.code === code);
  }

  /** The message for one field (`title`, `authorIds.0` …), if the API named it. */
  fieldMessage(field: string): string | undefined {
    return this.errors.find((e) => e.field === field || e.field?.startsWith(`${field}.`))?.message;
  }

  /** Messages that belong to no field the form shows. */
  generalMessages(shownFields: readonly string[]): string[] {
    return this.errors
      .filter(
        (e) => !e.field || !shownFields.some((f) => e.field === f || e.field?.startsWith(`${f}.`)),
      )
      .map((e) => (e.field ? `${e.field}: ${e.message}` : e.message));
  }
}

export const apiBase = '/api/admin/v1';

/**
 * The Admin API's operations below its prefix (`/posts/{id}`, not `/api/admin/v1/posts/{id}`),
 * as generated from its OpenAPI document into api-schema.d.ts (`npm run gen:api`).
 */
export type AdminPaths = {
  [P in keyof paths as P extends `${typeof apiBase}${infer Rest}` ? Rest : never]: paths[P];
};
type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
type PathsOf<M extends Method> = ClientPathsWithMethod<Client<AdminPaths>, M>;
/** The call's options (path and query parameters, body), as openapi-fetch types them. */
type InitOf<M extends Method, P extends PathsOf<M>> = MaybeOptionalInit<AdminPaths[P], M>;
type RequiredKeysOf<T> = { [K in keyof T]: object extends Pick<T, K> ? never : K }[keyof T];
/** The options argument: optional when nothing in it is required (openapi-fetch's InitParam). */
type InitArgs<I> = [RequiredKeysOf<I>] extends [never] | [undefined] ? [init?: I] : [init: I];
/** What a successful call answers: the response schema's output, `undefined` for a 204. */
export type AnswerOf<M extends Method, P extends PathsOf<M>> = [
  MethodResponse<Client<AdminPaths>, M, P>,
] extends [never]
  ? undefined
  : MethodResponse<Client<AdminPaths>, M, P>;

/** The query parameters an operation takes, e.g. `QueryOf<'get', '/members'>`. */
export type QueryOf<M extends Method, P extends PathsOf<M>> = AdminPaths[P][M] extends {
  parameters: { query?: infer Q };
}
  ? NonNullable<Q>
  : never;

/** The JSON body an operation takes, e.g. `BodyOf<'post', '/tiers'>`. */
export type BodyOf<M extends Method, P extends PathsOf<M>> = AdminPaths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

type Call<M extends Method> = <P extends PathsOf<M>, I extends InitOf<M, P>>(
  path: P,
  ...init: InitArgs<I>
) => Promise<AnswerOf<M, P>>;

/**
 * The typed Admin API client: each call names an operation of the OpenAPI document, so its
 * parameters, body and answer are checked by the compiler (renaming a field in a response
 * schema breaks `npm run typecheck`). Answers are the data itself; failures throw ApiError.
 */
export interface ApiClient {
  get: Call<'get'>;
  post: Call<'post'>;
  patch: Call<'patch'>;
  put: Call<'put'>;
  del: Call<'delete'>;
  /** multipart/form-data, e.g. `upload('/media', form)` with a `file` field. */
  upload<P extends PathsOf<'post'>>(
    path: P,
    form: FormData,
    init?: { params?: InitOf<'post', P> extends { params?: infer Q } ? Q : never },
  ): Promise<AnswerOf<'post', P>>;
  setCsrfToken(token: string | null): void;
}

function errorOf(response: Response, body: unknown): ApiError {
  const errors = (body as { errors?: unknown } | null | undefined)?.errors;
  if (Array.isArray(errors) && errors.length > 0)
    return new ApiError(response.status, errors as ApiErrorItem[]);
  return new ApiError(response.status, [
    {
      code: 'HTTP_ERROR',
      message: `The server answered ${response.status} ${response.statusText}`,
    },
  ]);
}

interface RawResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** The answer's data, or the API's errors as an ApiError (NETWORK when no answer came). */
async function unwrap(call: () => Promise<RawResult>): Promise<unknown> {
  let result: RawResult;
  try {
    result = await call();
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError(0, [
      { code: 'NETWORK', message: 'Could not reach the server. Check your connection.' },
    ]);
  }
  if (!result.response.ok) throw errorOf(result.response, result.error);
  return result.response.status === 204 ? undefined : result.data;
}

export function createApiClient(
  fetchImpl: (request: Request) => Promise<Response> = (request) => fetch(request),
): ApiClient {
  let csrfToken: string | null = null;
  const client = createClient<AdminPaths>({
    baseUrl: apiBase,
    fetch: fetchImpl,
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
  });
  // The session's CSRF token goes with every write made with the staff session cookie.
  client.use({
    onRequest: ({ request }) => {
      if (request.method !== 'GET' && csrfToken) request.headers.set('x-csrf-token', csrfToken);
      return request;
    },
  });
  // The generic signatures above are what callers see; inside, one untyped call does them all.
  const untyped = client as unknown as Record<
    'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    (path: string, init?: Record<string, unknown>) => Promise<RawResult>
  >;
  const caller =
    (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE') =>
    (path: string, init?: Record<string, unknown>) =>
      unwrap(() => untyped[method](path, init));
  return {
    get: caller('GET') as ApiClient['get'],
    post: caller('POST') as ApiClient['post'],
    patch: caller('PATCH') as ApiClient['patch'],
    put: caller('PUT') as ApiClient['put'],
    del: caller('DELETE') as ApiClient['del'],
    upload: ((path: string, form: FormData, init?: Record<string, unknown>) =>
      unwrap(() =>
        // FormData goes as it is: the browser sets the multipart content type and boundary.
        untyped.POST(path, { ...init, body: form, bodySerializer: (body: unknown) => body }),
      )) as ApiClient['upload'],
    setCsrfToken: (token) => (csrfToken = token),
  };
}

/** The error's messages as plain text, for a form-level alert. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
