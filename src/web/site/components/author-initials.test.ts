import { describe, expect, it } from 'vitest';
import { initialsOf } from './story-parts.js';

describe('the initials shown on an author card without a photo', () => {
  it('takes the first and last names’ first letters, in capitals', () => {
    expect(initialsOf('Ines Carvalho')).toBe('IC');
    expect(initialsOf('  maría  josé de la   cruz ')).toBe('MC');
    expect(initialsOf('Desk')).toBe('D');
    expect(initialsOf('Олена Коваль')).toBe('ОК');
    expect(initialsOf('')).toBe('');
  });
});
