import { describe, expect, it } from 'vitest';
import {
  compilePersonalization,
  type EmailTrackingLinks,
} from '../../features/newsletters/index.js';
import { addEmailTracking } from './email-tracking.js';

const links: EmailTrackingLinks = {
  pixelUrl: (id, token) => `https://news.example/e/${id}/open.gif${token ? `?m=${token}` : ''}`,
  clickUrl: (id, url, token) =>
    /^https?:\/\//i.test(url)
      ? `https://news.example/r/${id}/SIG?u=${encodeURIComponent(url)}${token ? `&m=${token}` : ''}`
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

  it('without the per-member opt-in, no URL has a per-recipient part', () => {
    const out = addEmailTracking(html, {
      emailId: 'e1',
      links,
      isTrackingOpens: true,
      isTrackingClicks: true,
      isTrackingMembers: false,
    });
    expect(out).not.toContain('m=');
    expect(out).not.toContain('%%MH_TRACKING_TOKEN%%');
  });

  it('with it, the pixel and each link carry the token placeholder, filled per recipient', () => {
    const out = addEmailTracking(html, {
      emailId: 'e1',
      links,
      isTrackingOpens: true,
      isTrackingClicks: true,
      isTrackingMembers: true,
    });
    expect(out).toContain(
      '<img src="https://news.example/e/e1/open.gif?m=%%MH_TRACKING_TOKEN%%" width="1" height="1" alt="">',
    );
    expect(out).toContain(
      `href="https://news.example/r/e1/SIG?u=${encodeURIComponent('https://a.example/x?y=1&z=2')}&amp;m=%%MH_TRACKING_TOKEN%%"`,
    );
    // The unsubscribe and manage placeholders stay as they were.
    expect(out).toContain('href="%%MH_UNSUBSCRIBE_URL%%"');
    const filled = compilePersonalization(
      out,
      true,
    )({
      unsubscribeUrl: 'https://news.example/unsubscribe/?t=u',
      manageUrl: 'https://news.example/account/',
      memberName: '',
      trackingToken: 'm1.SIGNED',
    });
    expect(filled).toContain('open.gif?m=m1.SIGNED"');
    expect(filled).toContain('&amp;m=m1.SIGNED"');
    expect(filled).not.toContain('%%MH_');
  });
});
