import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export interface SignedIn {
  /** The Cookie header value for the session. */
  cookie: string;
  csrfToken: string;
  /** Headers for a cookie-authenticated write (cookie + X-CSRF-Token). */
  headers: Record<string, string>;
  response: LightMyRequestResponse;
}

/** The `name=value` part of the response's Set-Cookie header. */
export function cookieOf(response: LightMyRequestResponse): string {
  const header = response.headers['set-cookie'];
  const first = Array.isArray(header) ? header[0] : header;
  return (first ?? '').split(';')[0] ?? '';
}

/** Signs in through POST /api/admin/v1/session and returns what a browser would keep. */
export async function signInOverHttp(
  app: FastifyInstance,
  email: string,
  password: string,
): Promise<SignedIn> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/admin/v1/session',
    payload: { email, password },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`);
  const { csrfToken } = response.json<{ csrfToken: string }>();
  const cookie = cookieOf(response);
  return { cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken }, response };
}
