import { describe, expect, it } from 'vitest';
import { problemsOf } from '../../test/helpers/config-problems.js';
import { loadConfig } from './config.js';

const token = 'a-metrics-token-0123456789';

describe('metrics configuration', () => {
  it('is off with neither METRICS_TOKEN nor METRICS_PORT', () => {
    expect(loadConfig({}).metrics).toBeUndefined();
  });

  it('serves on the site with a token, or on its own port (loopback unless METRICS_HOST)', () => {
    expect(loadConfig({ METRICS_TOKEN: token }).metrics).toEqual({ token, listen: undefined });
    expect(loadConfig({ METRICS_PORT: '9464' }).metrics).toEqual({
      token: undefined,
      listen: { port: 9464, host: '127.0.0.1' },
    });
    expect(
      loadConfig({ METRICS_PORT: '9464', METRICS_HOST: '10.0.0.5', METRICS_TOKEN: token }).metrics,
    ).toEqual({ token, listen: { port: 9464, host: '10.0.0.5' } });
  });

  it('refuses a short token, a bad port, a host without a port and the app port, without echoing the token', () => {
    const problems = problemsOf({
      METRICS_TOKEN: 'short',
      METRICS_HOST: 'not a host!',
    });
    expect(problems.find((p) => p.startsWith('METRICS_TOKEN:'))).toMatch(/at least 16/);
    expect(problems.join('\n')).not.toContain('short"');
    expect(problems.find((p) => p.startsWith('METRICS_HOST:'))).toMatch(/IP address/);
    expect(problemsOf({ METRICS_PORT: '70000' })[0]).toMatch(/^METRICS_PORT: .*65535/);
    expect(problemsOf({ METRICS_HOST: '127.0.0.1' })).toEqual([
      'METRICS_PORT: must be set when METRICS_HOST is set',
    ]);
    expect(problemsOf({ METRICS_PORT: '3000' })).toEqual([
      'METRICS_PORT: must differ from PORT (metrics get a port of their own)',
    ]);
    expect(problemsOf({ METRICS_TOKEN: 'has a space in it 0123' })[0]).toMatch(/spaces/);
  });
});
