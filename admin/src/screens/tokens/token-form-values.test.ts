import { describe, expect, it } from 'vitest';
import { checkTokenBody, tokenBodyOf, type TokenFormValues } from './token-form-values.js';

const values: TokenFormValues = {
  name: 'Mobile app',
  kind: 'admin',
  role: 'editor',
  lifetime: 'never',
  expiresInput: '',
};
const now = Date.parse('2026-12-01T10:00:00.000Z');
// The newsroom's zone is UTC+09:00 here; an input that is not a time reads as null.
const fromInput = (value: string) => (value ? `${value}:00+09:00` : null);

describe('the token form checks what the API checks', () => {
  it('sends an admin token with its role and a content key without one', () => {
    const admin = tokenBodyOf(values, { fromInput, now });
    expect(admin).toEqual({ name: 'Mobile app', kind: 'admin', role: 'editor' });
    expect(checkTokenBody(admin)).toEqual({});
    const content = tokenBodyOf({ ...values, kind: 'content' }, { fromInput, now });
    expect(content).toEqual({ name: 'Mobile app', kind: 'content' });
  });

  it('asks for a name', () => {
    const body = tokenBodyOf({ ...values, name: '  ' }, { fromInput, now });
    expect(checkTokenBody(body).name).toBe(
      'Name the token after the app or person that will use it.',
    );
  });

  it('gives a preset lifetime as a time that many days on', () => {
    const body = tokenBodyOf({ ...values, lifetime: '30' }, { fromInput, now });
    expect(body.expiresAt).toBe('2026-12-31T10:00:00.000Z');
    expect(checkTokenBody(body)).toEqual({});
  });

  it('reads a picked time in the newsroom’s zone, and refuses none picked', () => {
    const picked = { ...values, lifetime: 'at' as const, expiresInput: '2027-01-10T09:30' };
    const body = tokenBodyOf(picked, { fromInput, now });
    expect(body.expiresAt).toBe('2027-01-10T09:30:00+09:00');
    expect(checkTokenBody(body)).toEqual({});
    const none = tokenBodyOf({ ...picked, expiresInput: '' }, { fromInput, now });
    expect(checkTokenBody(none)).toEqual({
      expiresAt: 'Choose the date and time the token stops working.',
    });
  });
});
