import { describe, expect, it } from 'vitest';
import { isSafeImageSrc, isSafeLinkHref } from './safe-urls.js';

describe('isSafeLinkHref', () => {
  it.each([
    'https://example.com',
    'http://example.com/a?b=c#d',
    'HTTPS://EXAMPLE.COM/',
    'mailto:tips@example.org',
    'mailto:a@b.c?subject=Hello%20there',
    '/2024/04/story',
    '/',
    '/search?q=x#results',
  ])('accepts %s', (href) => {
    expect(isSafeLinkHref(href)).toBe(true);
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'javascript\u0000:alert(1)',
    '\u200bjavascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    '//evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    'https:evil.example',
    'https:/evil.example',
    'https://',
    'https://user:pass@evil.example',
    'https://bank.example@evil.example',
    'relative/path',
    '#anchor',
    '',
    'https://exa mple.com',
    'https://example.com/\u2028',
    `https://example.com/${'a'.repeat(3000)}`,
    'mailto:',
  ])('rejects %j', (href) => {
    expect(isSafeLinkHref(href)).toBe(false);
  });
});

describe('isSafeImageSrc', () => {
  it('accepts http(s) and site paths only', () => {
    expect(isSafeImageSrc('https://cdn.example.org/a.jpg')).toBe(true);
    expect(isSafeImageSrc('/media/a.jpg')).toBe(true);
    expect(isSafeImageSrc('mailto:a@b.c')).toBe(false);
    expect(isSafeImageSrc('data:image/png;base64,AAAA')).toBe(false);
    expect(isSafeImageSrc('//cdn.example.org/a.jpg')).toBe(false);
  });
});
