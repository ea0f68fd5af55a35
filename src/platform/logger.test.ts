import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loggerOptions, redactUrl } from './logger.js';

describe('log redaction', () => {
  it('keeps the path and parameter names of a URL but never a token, key or signature', () => {
    expect(redactUrl('/signin/confirm?token=abc123&returnTo=%2Faccount%2F')).toBe(
      '/signin/confirm?token=[redacted]&returnTo=%2Faccount%2F',
    );
    expect(redactUrl('/api/content/v1/posts?key=mh_content_secret&limit=5')).toBe(
      '/api/content/v1/posts?key=[redacted]&limit=5',
    );
    expect(redactUrl('/x?T=1&Sig=2&%74oken=3&page=4')).toBe(
      '/x?T=[redacted]&Sig=[redacted]&%74oken=[redacted]&page=4',
    );
    expect(redactUrl('/tag/war/')).toBe('/tag/war/');
  });

  it('applies to every url a log line carries', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = pino(loggerOptions({ level: 'info', pretty: false }), sink);
    log.error({ url: '/signin/confirm?token=live-secret-token', status: 500 }, 'request failed');
    expect(lines.join('')).toContain('token=[redacted]');
    expect(lines.join('')).not.toContain('live-secret-token');
  });
});
