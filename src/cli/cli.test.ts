import { expect, it, describe } from 'vitest';
import { captureIo } from '../../test/helpers/capture-io.js';
import { runCli } from './program.js';

describe('the masthead CLI without a database', () => {
  it('lists every command in --help', async () => {
    const io = captureIo({});
    expect(await runCli(['--help'], io)).toBe(0);
    for (const command of ['start', 'migrate', 'demo', 'user', 'token', 'doctor', 'secrets'])
      expect(io.stdout()).toContain(command);
  });

  it.each([
    ['start'],
    ['migrate'],
    ['demo', 'load'],
    ['demo', 'remove'],
    ['user', 'create'],
    ['token', 'create'],
    ['doctor'],
    ['secrets', 'rotate'],
  ])('has --help for %s', async (...command) => {
    const io = captureIo({});
    expect(await runCli([...command, '--help'], io)).toBe(0);
    expect(io.stdout()).toMatch(/^Usage: masthead /);
  });

  it('reports every bad variable, one line each, and exits non-zero', async () => {
    const io = captureIo({ PORT: 'abc', DATABASE_URL: 'mysql://x' });
    expect(await runCli(['migrate'], io)).toBe(1);
    expect(io.stderr()).toMatch(/^\s+PORT: /m);
    expect(io.stderr()).toMatch(/^\s+DATABASE_URL: /m);
  });

  it('doctor reports configuration problems and fails', async () => {
    const io = captureIo({ PORT: 'abc' });
    expect(await runCli(['doctor'], io)).toBe(1);
    expect(io.stdout()).toMatch(/^FAIL\s+configuration\s+PORT:/m);
  });

  it('refuses an unknown command and a bad --articles count', async () => {
    const unknown = captureIo({});
    expect(await runCli(['publish-everything'], unknown)).not.toBe(0);
    expect(unknown.stderr()).toContain("unknown command 'publish-everything'");
    const bad = captureIo({});
    expect(await runCli(['demo', 'load', '--articles', 'lots'], bad)).not.toBe(0);
    expect(bad.stderr()).toContain('--articles must be a whole number');
  });

  it('says in one line, without a stack or the password, when the database cannot be reached', async () => {
    // Nothing listens on port 9 (discard) on a test machine: the connection is refused.
    const io = captureIo({ DATABASE_URL: 'postgres://news:hunter2@127.0.0.1:9/masthead' });
    expect(await runCli(['migrate'], io)).toBe(1);
    const err = io.stderr();
    expect(err).toMatch(
      /^masthead: cannot reach the database at postgres:\/\/news:\*\*\*@127\.0\.0\.1:9\/masthead \(ECONNREFUSED\)\. Is PostgreSQL running/,
    );
    expect(err).not.toContain('hunter2');
    expect(err).not.toMatch(/\n\s+at /);
    expect(err.trim().split('\n')).toHaveLength(1);
  });
});
