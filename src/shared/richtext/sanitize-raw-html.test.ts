import { describe, expect, it } from 'vitest';
import { sanitizeRawHtml } from './sanitize-raw-html.js';

describe('sanitizeRawHtml', () => {
  it('keeps structure and formatting', () => {
    const html =
      '<table class="results"><tr><th scope="col" colspan="2">Party</th></tr></table>' +
      '<p><strong>Bold</strong> <a href="https://example.com">link</a> <img src="/a.jpg" alt="A"></p>';
    expect(sanitizeRawHtml(html)).toBe(
      '<table class="results"><tr><th scope="col" colspan="2">Party</th></tr></table>' +
        '<p><strong>Bold</strong> <a href="https://example.com" rel="noopener noreferrer">link</a> ' +
        '<img alt="A" src="/a.jpg" loading="lazy" decoding="async" /></p>',
    );
  });

  it.each([
    ['<script>alert(1)</script>', ''],
    ['<style>body{}</style>', ''],
    ['<iframe src="https://evil.example"></iframe>', ''],
    ['<object data="x"></object><embed src="x">', ''],
    ['<form action="/x"><input name="a"></form>', ''],
    ['<img src="x" onerror="alert(1)">', '<img />'],
    ['<p style="color:red" onclick="x()" id="main">t</p>', '<p>t</p>'],
    ['<a href="javascript:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="java&#x09;script:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="  JAVASCRIPT:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="//evil.example">x</a>', '<a>x</a>'],
    ['<a href="data:text/html,x">x</a>', '<a>x</a>'],
    ['<img src="data:image/svg+xml,<svg onload=alert(1)>">', '<img />'],
    ['<svg><script>alert(1)</script></svg>', ''],
    ['<math><mi xlink:href="javascript:alert(1)">x</mi></math>', 'x'],
    ['<scr<script>ipt>alert(1)</script>', 'ipt&gt;alert(1)'],
    ['"><img src=x onerror=alert(1)>', '"&gt;<img />'],
  ])('strips %s', (input, expected) => {
    expect(sanitizeRawHtml(input)).toBe(expected);
  });
});
