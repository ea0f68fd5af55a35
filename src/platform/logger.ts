import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/** Keys whose values never reach a log line, wherever they appear in a logged object. */
const redactPaths = [
  'password',
  '*.password',
  'token',
  '*.token',
  'secret',
  '*.secret',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-masthead-key"]',
  'res.headers["set-cookie"]',
];

/**
 * Query parameters that carry a credential in a URL: magic-link and reset tokens, Content API
 * keys, signed-link parameters. A logged URL keeps its path and the names, never these values.
 */
const secretParams = /^(token|t|key|api_key|access_token|code|secret|sig|signature|session)$/i;

/** A URL (path and query, as Fastify has it) with every credential parameter's value redacted. */
export function redactUrl(url: unknown): unknown {
  if (typeof url !== 'string') return url;
  const q = url.indexOf('?');
  if (q === -1) return url;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq === -1 ? pair : pair.slice(0, eq);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        // An undecodable name is logged as sent.
      }
      return eq !== -1 && secretParams.test(decoded) ? `${name}=[redacted]` : pair;
    })
    .join('&');
  return `${url.slice(0, q)}?${query}`;
}

export function loggerOptions(options: { level: string; pretty: boolean }): LoggerOptions {
  return {
    level: options.level,
    redact: { paths: redactPaths, censor: '[redacted]' },
    // Every `url` field of a log line (request failures, slow requests) goes through redactUrl.
    serializers: { url: redactUrl },
    ...(options.pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname', singleLine: true },
          },
        }
      : {}),
  };
}

/** JSON lines in production; readable lines in development. */
export function createLogger(options: { level: string; pretty: boolean }): Logger {
  return pino(loggerOptions(options));
}

/** Where a service tells the operator about something to fix without failing the request (pino fits). */
export interface WarningLog {
  warn(details: Record<string, unknown>, message: string): void;
}
