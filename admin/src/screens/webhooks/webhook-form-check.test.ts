import { describe, expect, it } from 'vitest';
import { checkWebhook } from './WebhookForm.js';

const good = {
  name: 'Search index',
  url: 'https://hooks.example.org/masthead',
  events: ['post.published'],
  isActive: true,
};

describe('the webhook form checks what the API checks', () => {
  it('accepts what the API accepts', () => {
    expect(checkWebhook({ ...good, url: '  http://10.0.0.5:8080/in ' })).toEqual({
      fields: {},
      general: [],
    });
  });

  it('refuses an address with a user name and password (the API did, the form did not)', () => {
    expect(checkWebhook({ ...good, url: 'https://me:secret@hooks.example.org/' }).fields.url).toBe(
      'The address must start with https:// (or http://), without a user name or password.',
    );
    expect(checkWebhook({ ...good, url: 'ftp://hooks.example.org/' }).fields.url).toMatch(
      /https:\/\//,
    );
  });

  it('words the missing pieces for people', () => {
    expect(checkWebhook({ ...good, name: ' ', url: '', events: [] }).fields).toEqual({
      name: 'Name it after the system it feeds.',
      url: 'Write the address that receives the events.',
      events: 'Choose at least one event.',
    });
  });
});
