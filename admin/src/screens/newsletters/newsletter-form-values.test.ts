import { describe, expect, it } from 'vitest';
import { bodyOf, valuesOf, type NewsletterFormValues } from './newsletter-form-values.js';

const filled: NewsletterFormValues = { ...valuesOf(null, 3), name: 'Morning Wire' };
const problemsOf = (values: NewsletterFormValues) => {
  const checked = bodyOf(values);
  return 'problems' in checked ? checked.problems.fields : {};
};

describe('the newsletter form checks what the API checks', () => {
  it('sends empty optional text as not set, and the order as a number', () => {
    expect(bodyOf(filled)).toEqual({
      body: {
        name: 'Morning Wire',
        description: '',
        cadence: '',
        digestTime: null,
        senderName: null,
        replyTo: null,
        audience: 'all',
        subscribeOnSignup: false,
        sortOrder: 3,
        design: { showSiteName: true, footerText: '' },
      },
    });
  });

  it('keeps a slug, a digest time, a sender and a header image when given', () => {
    expect(
      bodyOf({
        ...filled,
        slug: 'wire',
        digestTime: '06:30',
        senderName: 'The Desk',
        replyTo: 'desk@newsroom.example',
        headerImageUrl: 'https://img.example/h.png',
      }),
    ).toMatchObject({
      body: {
        slug: 'wire',
        digestTime: '06:30',
        senderName: 'The Desk',
        replyTo: 'desk@newsroom.example',
        design: { headerImageUrl: 'https://img.example/h.png' },
      },
    });
  });

  it('words each problem for people, under its field', () => {
    expect(
      problemsOf({
        ...filled,
        name: ' ',
        digestTime: '7am',
        replyTo: 'desk',
        sortOrder: 'first',
        headerImageUrl: 'ftp://img.example/h.png',
      }),
    ).toEqual({
      name: 'Give the newsletter a name.',
      digestTime: 'Use a time of day such as 07:00, or leave it empty to send story by story.',
      replyTo: 'Use an email address, such as letters@newsroom.example.',
      sortOrder: 'Use a whole number from 0 to 1000.',
      'design.headerImageUrl': 'Use a web address starting with https://.',
    });
    expect(problemsOf({ ...filled, footerText: 'x'.repeat(1001) })['design.footerText']).toMatch(
      /1000/,
    );
  });
});
