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

export function loggerOptions(options: { level: string; pretty: boolean }): LoggerOptions {
  return {
    level: options.level,
    redact: { paths: redactPaths, censor: '[redacted]' },
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
