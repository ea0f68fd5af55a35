import { describe, expect, it } from 'vitest';
import {
  accentContrastProblem,
  contrastWithWhite,
  darkenToContrast,
  minimumContrast,
} from './colour-contrast.js';

describe('accent colour contrast with white', () => {
  it('passes the demo and default accents and refuses light ones with a darker shade', () => {
    expect(accentContrastProblem('#b4232a')).toBeNull();
    expect(accentContrastProblem('#b3261e')).toBeNull();
    expect(accentContrastProblem('#f5c211')).toMatch(/below the 4\.5:1/);
    const darker = darkenToContrast('#f5c211')!;
    expect(contrastWithWhite(darker)).toBeGreaterThanOrEqual(minimumContrast);
    expect(accentContrastProblem(darker)).toBeNull();
  });

  it('says nothing about strings that are not colours (the format check does)', () => {
    expect(accentContrastProblem('red')).toBeNull();
    expect(darkenToContrast('red')).toBeNull();
  });
});
