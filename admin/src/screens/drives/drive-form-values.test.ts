import { describe, expect, it } from 'vitest';
import { bodyOf, valuesOf } from './drive-form-values.js';

const values = { ...valuesOf(null, 'UTC'), name: 'Spring', headline: 'Help us', goal: '100' };

describe('the drive form checks before sending', () => {
  it('sends a drive the API takes', () => {
    expect(bodyOf(values, 'UTC')).toMatchObject({ body: { name: 'Spring', goal: 100 } });
  });

  it('refuses a text the API cannot render, under its field (it was sent before)', () => {
    const checked = bodyOf(
      {
        ...values,
        headline: 'Reach {goal, number',
        texts: { ...values.texts, ended: '{winners}' },
      },
      'UTC',
    );
    expect('problems' in checked && checked.problems).toMatchObject({
      headline: expect.stringMatching(/^is not a valid message/),
      'texts.ended': expect.stringMatching(/unknown placeholder \{winners\}/),
    });
  });

  it("words the shared schema's refusals for the form, by the API's field names", () => {
    const checked = bodyOf(
      {
        ...values,
        name: '  ',
        goal: '12.5',
        buttons: [{ label: '', url: '//elsewhere.example' }],
      },
      'UTC',
    );
    expect('problems' in checked && checked.problems).toEqual({
      name: 'Give the drive a name.',
      goal: 'Enter a whole number of at least 1.',
      'buttons.0.label': 'Write the button’s text.',
      'buttons.0.url': 'Use a site path such as /membership/ or an http(s) address.',
    });
  });

  it("refuses a goal over the API's largest and a missing time", () => {
    const checked = bodyOf({ ...values, goal: '100000001', startsAt: '' }, 'UTC');
    expect('problems' in checked && checked.problems).toMatchObject({
      goal: 'Enter a whole number of at least 1.',
      startsAt: 'Choose when the drive starts.',
    });
  });

  it('refuses an end before the start once the fields are otherwise right, as the API does', () => {
    const checked = bodyOf(
      { ...values, startsAt: '2026-03-10T09:00', endsAt: '2026-03-01T09:00' },
      'UTC',
    );
    expect('problems' in checked && checked.problems).toEqual({
      endsAt: 'The end must be after the start.',
    });
  });
});
