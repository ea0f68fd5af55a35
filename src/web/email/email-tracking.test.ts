import { describe, expect, it } from 'vitest';
import type { EmailTrackingLinks } from '../../features/newsletters/index.js';
import { addEmailTracking } from './email-tracking.js';

const links: EmailTrackingLinks = {
  pixelUrl: (id) => `https://news.example/e/${id}/open.gif`,
  clickUrl: (id, url) =>
    /^https?:\/\//i.test(url)
      ? `https://news.example/r/${id}/SIG?u=${encodeURIComponent(url)}`
      : undefined,
};
const html =
  '<html><body><p><a href="https://a.example/x?y=1&amp;z=2" style="color:red">A</a> ' +
  '<a href="mailto:desk@example.org">M</a> <a href="%%MH_UNSUBSCRIBE_URL%%">U</a> ' +
  '<a class="b" href="%%MH_MANAGE_URL%%">P</a> <img src="https://cdn.example/i.png" alt=""></p></body></html>';
const track = (isTrackingOpens: boolean, isTrackingClicks: boolean) =>
  addEmailTracking(html, { emailId: 'e1', links, isTrackingOpens, isTrackingClicks });

describe('addEmailTracking', () => {
  it('changes nothing with tracking off', () => {
    expect(track(false, false)).toBe(html);
  });

  it('rewrites http(s) links with the decoded URL, leaving mailto, placeholders and images', () => {
    const out = track(false, true);
    expect(out).toContain(
      `<a href="https://news.example/r/e1/SIG?u=${encodeURIComponent('https://a.example/x?y=1&z=2')}" style="color:red">`,
    );
    expect(out).toContain('href="mailto:desk@example.org"');
    expect(out).toContain('href="%%MH_UNSUBSCRIBE_URL%%"');
    expect(out).toContain('href="%%MH_MANAGE_URL%%"');
    expect(out).toContain('src="https://cdn.example/i.png"');
    expect(out).not.toContain('open.gif');
  });

  it('adds the open pixel at the end of the body', () => {
    const out = track(true, false);
    expect(out).toContain(
      '<img src="https://news.example/e/e1/open.gif" width="1" height="1" alt=""></body>',
    );
    expect(out).toContain('href="https://a.example/x?y=1&amp;z=2"');
  });
});
