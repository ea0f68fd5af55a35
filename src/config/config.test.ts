import { describe, expect, it } from 'vitest';
import { problemsOf } from '../../test/helpers/config-problems.js';
import { loadConfig } from './config.js';

const secretKey = 'prod-key-0123456789abcdefghijklmnopqrstuv';

describe('loadConfig', () => {
  it('starts on the embedded defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ dialect: 'sqlite', file: './data/masthead.db' });
    expect(config.publicUrl).toBe('http://127.0.0.1:3000');
    expect(config.loadDemo).toBe(true);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reports every bad variable at once, one line each, naming it', () => {
    const problems = problemsOf({ PORT: 'abc', DATABASE_URL: 'mysql://x' });
    expect(problems).toHaveLength(2);
    expect(problems.find((p) => p.startsWith('PORT:'))).toMatch(/whole number/);
    expect(problems.find((p) => p.startsWith('DATABASE_URL:'))).toMatch(
      /SQLite file path or a postgres/,
    );
  });

  it('chooses PostgreSQL from a postgres:// URL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@db.example:5432/news' });
    expect(config.database).toEqual({
      dialect: 'postgres',
      url: 'postgres://u@db.example:5432/news',
    });
  });

  it('never echoes a secret back in an error', () => {
    const problems = problemsOf({ STRIPE_SECRET_KEY: 'not-a-key-but-secret-123' });
    expect(problems[0]).toMatch(/^STRIPE_SECRET_KEY:/);
    expect(problems.join('\n')).not.toContain('secret-123');
  });

  it('refuses a HOST or TRUST_PROXY the server could not use, and reads the valid forms', () => {
    const problems = problemsOf({ HOST: 'not a host!', TRUST_PROXY: 'banana' });
    expect(problems.find((p) => p.startsWith('HOST:'))).toMatch(/IP address .* or a host name/);
    expect(problems.find((p) => p.startsWith('TRUST_PROXY:'))).toMatch(/CIDR/);
    expect(problemsOf({ TRUST_PROXY: '10.0.0.0/33' })[0]).toMatch(/^TRUST_PROXY:/);
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: 'news-box.local' }).host).toBe('news-box.local');
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, loopback,::1' }).trustProxy).toEqual([
      '10.0.0.0/8',
      'loopback',
      '::1',
    ]);
  });

  it('asks for the CDN purge settings the chosen provider needs, and refuses a stand-in in production', () => {
    expect(problemsOf({ CDN_PURGE: 'fastly' })).toEqual([
      'FASTLY_API_TOKEN: must be set when CDN_PURGE=fastly',
      'FASTLY_SERVICE_ID: must be set when CDN_PURGE=fastly',
    ]);
    expect(problemsOf({ CDN_PURGE: 'akamai' })[0]).toMatch(/^CDN_PURGE:/);
    const production = problemsOf({
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://news.example.org',
      SECRET_KEYS: 'k'.repeat(40),
      CDN_PURGE: 'cloudflare',
      CLOUDFLARE_API_TOKEN: 'token',
      CLOUDFLARE_ZONE_ID: 'zone',
      CDN_API_BASE: 'http://127.0.0.1:9999',
    });
    expect(production).toEqual([
      'CDN_API_BASE: a CDN stand-in is for tests only; unset it in production',
    ]);
    expect(
      loadConfig({ CDN_PURGE: 'cloudflare', CLOUDFLARE_API_TOKEN: 't', CLOUDFLARE_ZONE_ID: 'z' })
        .cdn,
    ).toEqual({ provider: 'cloudflare', apiToken: 't', zoneId: 'z', apiBase: undefined });
  });

  it('refuses ports out of range and unknown environments', () => {
    const problems = problemsOf({ PORT: '70000', NODE_ENV: 'staging' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['NODE_ENV', 'PORT']);
  });

  it('requires PUBLIC_URL and SECRET_KEYS in production', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
      expect.stringMatching(/^PUBLIC_URL:/),
      expect.stringMatching(/^SECRET_KEYS: must be set in production/),
    ]);
    const config = loadConfig({
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://news.example/',
      SECRET_KEYS: secretKey,
    });
    expect(config.publicUrl).toBe('https://news.example');
    expect(config.isProduction).toBe(true);
  });

  it('points Stripe at a stand-in with STRIPE_API_BASE, and refuses that in production', () => {
    const config = loadConfig({
      STRIPE_SECRET_KEY: 'sk_test_abc',
      STRIPE_API_BASE: 'http://127.0.0.1:4010',
    });
    expect(config.stripe).toMatchObject({ host: '127.0.0.1', port: 4010, protocol: 'http' });
    expect(
      problemsOf({
        NODE_ENV: 'production',
        PUBLIC_URL: 'https://news.example',
        STRIPE_SECRET_KEY: 'sk_live_abc',
        STRIPE_API_BASE: 'http://127.0.0.1:4010',
        SECRET_KEYS: secretKey,
      }),
    ).toEqual([expect.stringMatching(/^STRIPE_API_BASE: .*production/)]);
    expect(problemsOf({ STRIPE_API_BASE: 'http://127.0.0.1:4010' })).toEqual([
      expect.stringMatching(/^STRIPE_SECRET_KEY:/),
    ]);
  });

  it('lets imports download from private addresses with ALLOW_PRIVATE_MEDIA_FETCH (tests), and refuses that in production', () => {
    expect(loadConfig({}).allowPrivateMediaFetch).toBe(false);
    expect(loadConfig({ ALLOW_PRIVATE_MEDIA_FETCH: 'true' }).allowPrivateMediaFetch).toBe(true);
    expect(
      problemsOf({
        NODE_ENV: 'production',
        PUBLIC_URL: 'https://news.example',
        SECRET_KEYS: secretKey,
        ALLOW_PRIVATE_MEDIA_FETCH: 'true',
      }),
    ).toEqual([expect.stringMatching(/^ALLOW_PRIVATE_MEDIA_FETCH: .*production/)]);
  });

  it('reads SECRET_KEYS as a list, first key first, and refuses short or repeated keys without echoing them', () => {
    const other = 'older-key-0123456789abcdefghijklmnopqrstuv';
    expect(loadConfig({ SECRET_KEYS: ` ${secretKey} , ${other} ` }).secretKeys).toEqual([
      secretKey,
      other,
    ]);
    for (const bad of ['too-short', `${secretKey},short`, `${secretKey},${secretKey}`, ',']) {
      const problems = problemsOf({ SECRET_KEYS: bad });
      expect(problems).toEqual([expect.stringMatching(/^SECRET_KEYS: .*at least 32 characters/)]);
      expect(problems[0]).not.toContain('too-short');
    }
  });

  it('keeps the development key in the data folder when SECRET_KEYS is unset', () => {
    const sqlite = loadConfig({ DATABASE_URL: '/srv/news/masthead.db' });
    expect(sqlite.secretKeys).toBeUndefined();
    expect(sqlite.secretKeysFile).toBe('/srv/news/secret-keys');
    expect(loadConfig({}).secretKeysFile).toBe('data/secret-keys');
    expect(
      loadConfig({ DATABASE_URL: 'postgres://u@db/news', MEDIA_DIR: '/srv/news/media' })
        .secretKeysFile,
    ).toBe('/srv/news/secret-keys');
  });

  it('reads SMTP_POOL (default 5) and MAIL_RATE (unset: no limit)', () => {
    expect(loadConfig({})).toMatchObject({ smtpPool: 5, mailRate: undefined });
    expect(loadConfig({ SMTP_POOL: '12', MAIL_RATE: '0.5' })).toMatchObject({
      smtpPool: 12,
      mailRate: 0.5,
    });
    expect(loadConfig({ SMTP_POOL: '50', MAIL_RATE: '40' })).toMatchObject({
      smtpPool: 50,
      mailRate: 40,
    });
  });

  it('refuses an SMTP_POOL outside 1–50 and a MAIL_RATE that is not a positive number, naming them', () => {
    for (const bad of ['0', '51', '2.5', 'five', '-3']) {
      expect(problemsOf({ SMTP_POOL: bad })).toEqual([
        expect.stringMatching(/^SMTP_POOL: .*(whole number|between 1 and 50)/),
      ]);
    }
    for (const bad of ['0', '-1', 'fast', '1e3', '10/s']) {
      expect(problemsOf({ MAIL_RATE: bad })).toEqual([
        expect.stringMatching(/^MAIL_RATE: .*(messages a second|more than 0)/),
      ]);
    }
    expect(
      problemsOf({ SMTP_POOL: '0', MAIL_RATE: '0' })
        .map((p) => p.split(':')[0])
        .sort(),
    ).toEqual(['MAIL_RATE', 'SMTP_POOL']);
    expect(problemsOf({ SMTP_POOL: '99' })[0]).toContain('(got "99")');
  });

  it('reads WORKERS (default 1) and refuses anything but 1–64 processes, naming it', () => {
    expect(loadConfig({}).workers).toBe(1);
    expect(loadConfig({ WORKERS: '4' }).workers).toBe(4);
    for (const bad of ['0', '65', '2.5', 'auto']) {
      expect(problemsOf({ WORKERS: bad })).toEqual([
        expect.stringMatching(/^WORKERS: .*(whole number|between 1 and 64)/),
      ]);
    }
  });

  it('reads DATABASE_READ_URL (a replica, PostgreSQL only) and DATABASE_READ_LAG_MS (default 2000)', () => {
    const primary = 'postgres://u@db.example:5432/news';
    const replica = 'postgres://reader@replica.example:5432/news';
    expect(loadConfig({ DATABASE_URL: primary, DATABASE_READ_URL: replica }).database).toEqual({
      dialect: 'postgres',
      url: primary,
      readReplica: { url: replica, lagMs: 2000 },
    });
    expect(
      loadConfig({ DATABASE_URL: primary, DATABASE_READ_URL: replica, DATABASE_READ_LAG_MS: '500' })
        .database,
    ).toMatchObject({ readReplica: { lagMs: 500 } });
    expect(problemsOf({ DATABASE_READ_URL: replica })).toEqual([
      expect.stringMatching(/^DATABASE_READ_URL: needs a PostgreSQL DATABASE_URL/),
    ]);
    expect(problemsOf({ DATABASE_URL: primary, DATABASE_READ_URL: 'mysql://x' })).toEqual([
      expect.stringMatching(/^DATABASE_READ_URL: must be a postgres:\/\/ URL/),
    ]);
    for (const bad of ['-1', 'soon', '600001']) {
      expect(problemsOf({ DATABASE_URL: primary, DATABASE_READ_LAG_MS: bad })).toEqual([
        expect.stringMatching(/^DATABASE_READ_LAG_MS: /),
      ]);
    }
  });

  it('never echoes a database URL back (it may hold a password)', () => {
    const problems = problemsOf({
      DATABASE_URL: 'mysql://news:hunter2@db.example/news',
      DATABASE_READ_URL: 'mysql://news:hunter3@replica.example/news',
    });
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).not.toMatch(/hunter/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', SMTP_URL: '' }).port).toBe(3000);
  });
});
