// The Admin API client: JSON over fetch with the staff session cookie, and the session's CSRF
// token on every write. Errors keep the API's shape so forms can show each field's message.

import type { ErrorCode } from '../../src/shared/contracts/error-codes.js';

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

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiClient {
  request<T>(method: Method, path: string, body?: unknown): Promise<T>;
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
  del<T>(path: string): Promise<T>;
  /** multipart/form-data, e.g. `upload('/media', form)` with a `file` field. */
  upload<T>(path: string, form: FormData): Promise<T>;
  setCsrfToken(token: string | null): void;
}

async function errorOf(response: Response): Promise<ApiError> {
  try {
    const json = (await response.json()) as { errors?: ApiErrorItem[] };
    if (Array.isArray(json.errors) && json.errors.length > 0)
      return new ApiError(response.status, json.errors);
  } catch {
    // Not JSON: fall through to a generic message.
  }
  return new ApiError(response.status, [
    {
      code: 'HTTP_ERROR',
      message: `The server answered ${response.status} ${response.statusText}`,
    },
  ]);
}

export function createApiClient(fetchImpl: typeof fetch = (...args) => fetch(...args)): ApiClient {
  let csrfToken: string | null = null;
  const request = async <T>(method: Method, path: string, body?: unknown): Promise<T> => {
    const headers: Record<string, string> = { accept: 'application/json' };
    // FormData (uploads) sets its own multipart content type with the boundary.
    const isForm = body instanceof FormData;
    if (body !== undefined && !isForm) headers['content-type'] = 'application/json';
    if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
    let response: Response;
    try {
      response = await fetchImpl(`${apiBase}${path}`, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, [
        { code: 'NETWORK', message: 'Could not reach the server. Check your connection.' },
      ]);
    }
    if (!response.ok) throw await errorOf(response);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  };
  return {
    request,
    get: (path) => request('GET', path),
    post: (path, body) => request('POST', path, body ?? {}),
    patch: (path, body) => request('PATCH', path, body),
    del: (path) => request('DELETE', path),
    upload: (path, form) => request('POST', path, form),
    setCsrfToken: (token) => (csrfToken = token),
  };
}

/** The error's messages as plain text, for a form-level alert. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
