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
});
