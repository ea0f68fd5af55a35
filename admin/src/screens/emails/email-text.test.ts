import { describe, expect, it } from 'vitest';
import { memberActivityText } from './email-text.js';

describe('a member’s opens and clicks of an email, in words', () => {
  it('says what was tracked, and nothing for what was not', () => {
    expect(memberActivityText({ opens: 0, clicks: 0 })).toBe('no open seen · no clicks');
    expect(memberActivityText({ opens: 1, clicks: 1 })).toBe('opened once · 1 click');
    expect(memberActivityText({ opens: 2, clicks: null })).toBe('opened twice');
    expect(memberActivityText({ opens: null, clicks: 1200 })).toBe('1,200 clicks');
    expect(memberActivityText({ opens: 3, clicks: 2 })).toBe('opened 3 times · 2 clicks');
    expect(memberActivityText({ opens: null, clicks: null })).toBe('');
  });
});
