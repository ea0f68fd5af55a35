import { describe, expect, it } from 'vitest';
import { bodyOf, valuesOf, type TierFormValues } from './tier-form-values.js';

const paid: TierFormValues = { ...valuesOf(null, 2), name: 'Supporter', monthly: '5' };
const problemsOf = (values: TierFormValues) => {
  const checked = bodyOf(values);
  return 'problems' in checked ? checked.problems.fields : {};
};

describe('the tier form checks what the API checks', () => {
  it('sends amounts in minor units and the position as a number', () => {
    expect(bodyOf({ ...paid, yearly: '50,5' })).toMatchObject({
      body: { monthlyAmount: 500, yearlyAmount: 5050, minimumAmount: null, position: 2 },
    });
  });

  it('refuses an amount below the API’s least (it was sent before and refused there)', () => {
    expect(problemsOf({ ...paid, monthly: '0.20' }).monthlyAmount).toBe(
      'Enter an amount such as 5 or 5.50, at least 0.50.',
    );
    expect(problemsOf({ ...paid, monthly: 'five' }).monthlyAmount).toMatch(/such as 5/);
  });

  it('words each problem for people, under its field', () => {
    const found = problemsOf({ ...paid, name: ' ', currency: 'EU', position: '1001' });
    expect(found).toEqual({
      name: 'Give the tier a name.',
      currency: 'Use a three-letter currency code, such as USD or EUR.',
      position: 'Use a whole number from 0 to 1000.',
    });
    expect(problemsOf({ ...paid, benefits: 'x'.repeat(201) }).benefits).toMatch(/200/);
  });

  it('asks a paid tier for a price, and a free one for none', () => {
    expect(problemsOf({ ...paid, monthly: '' }).monthlyAmount).toMatch(/needs a monthly/);
    expect(bodyOf({ ...paid, monthly: '', isFree: true })).toMatchObject({
      body: { isFree: true, monthlyAmount: null },
    });
  });
});
