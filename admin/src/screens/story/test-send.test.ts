import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api.js';
import { checkTestAddresses, testAddressesOf, testSendProblem } from './test-send.js';

describe('the test send’s addresses', () => {
  it('reads addresses separated by commas, spaces or new lines', () => {
    expect(testAddressesOf(' ana@example.org,  ben@example.org\ncy@example.org; ')).toEqual([
      'ana@example.org',
      'ben@example.org',
      'cy@example.org',
    ]);
  });

  it('takes one to five addresses, as the API does', () => {
    expect(checkTestAddresses(['ana@example.org'])).toBeUndefined();
    expect(checkTestAddresses([])).toBe('Write at least one address to send the test to.');
    const six = [1, 2, 3, 4, 5, 6].map((n) => `s${n}@example.org`);
    expect(checkTestAddresses(six)).toBe('A test goes to at most 5 addresses; this names 6.');
  });

  it('names the address that is not one', () => {
    expect(checkTestAddresses(['ana@example.org', 'ben@'])).toBe('“ben@” is not an email address.');
  });

  it('puts the API’s refusal of an address under the field, and the rest in the alert', () => {
    const refused = new ApiError(400, [
      { code: 'VALIDATION_FAILED', field: 'emails.1', message: 'must be an email address' },
    ]);
    expect(testSendProblem(refused, ['a@example.org', 'b@x'])).toEqual({
      addresses: '“b@x” is not an email address.',
    });
    const noServer = new ApiError(503, [
      { code: 'MAIL_NOT_CONFIGURED', message: 'Newsletters cannot be sent: no mail server.' },
    ]);
    expect(testSendProblem(noServer, ['a@example.org'])).toEqual({
      general: 'Newsletters cannot be sent: no mail server.',
    });
  });
});
