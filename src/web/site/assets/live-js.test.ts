import { Window, type HTMLAnchorElement, type HTMLButtonElement } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { readerJs } from './asset-routes.js';
import { liveJs } from './live-js.js';

/** The browser's EventSource as far as the script uses it; the test plays the server. */
class StandInEventSource {
  static made: StandInEventSource[] = [];
  readyState = 1;
  isClosed = false;
  private readonly listeners = new Map<string, Array<(event: { data: string }) => void>>();
  constructor(readonly url: string) {
    StandInEventSource.made.push(this);
  }
  addEventListener(name: string, listener: (event: { data: string }) => void): void {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
  }
  close(): void {
    this.isClosed = true;
    this.readyState = 2;
  }
  emit(name: string, data: unknown = {}): void {
    for (const listener of this.listeners.get(name) ?? []) listener({ data: JSON.stringify(data) });
  }
}

const article = (id: string, text: string) =>
  `<article id="update-${id}" class="live-update"><p>${text}</p></article>`;

const page = `
  <main>
    <div data-live-stream="/ceasefire-talks/live"><a href="/ceasefire-talks/">Reload for new updates</a></div>
    <ol data-live-updates>
      <li id="update-02"><p>Second, already on the page</p></li>
      <li id="update-01"><p>First, already on the page</p></li>
    </ol>
  </main>`;

let windows: Window[] = [];
afterEach(async () => {
  await Promise.all(windows.map((w) => w.happyDOM.close()));
  windows = [];
  StandInEventSource.made = [];
});

function load(options: { hasEventSource?: boolean; html?: string } = {}) {
  const window = new Window({ url: 'https://news.example/ceasefire-talks/' });
  windows.push(window);
  window.document.body.innerHTML = options.html ?? page;
  if (options.hasEventSource !== false)
    (window as unknown as { EventSource: unknown }).EventSource = StandInEventSource;
  // The same script sends the analytics beacon; there is no server here to receive it (happy-dom
  // would try, and report the aborted request as an unhandled error when the window closes).
  (window.navigator as unknown as { sendBeacon: () => boolean }).sendBeacon = () => true;
  window.eval(readerJs);
  const document = window.document;
  const stream = StandInEventSource.made.at(-1);
  const ids = () => [...document.querySelectorAll('[data-live-updates] > *')].map((n) => n.id);
  const bar = () => document.querySelector('.live-bar button') as HTMLButtonElement;
  const link = () => document.querySelector('[data-live-stream] a') as HTMLAnchorElement;
  return { window, document, stream, ids, bar, link };
}

describe('live page script', () => {
  it('leaves the page and its reload link alone in a browser without EventSource', () => {
    const { document, link } = load({ hasEventSource: false });
    expect(StandInEventSource.made).toHaveLength(0);
    expect(link().hidden).toBe(false);
    expect(document.querySelector('.live-bar')).toBeNull();
  });

  it('follows the page’s stream and hides the reload link', () => {
    const { stream, link, document } = load();
    expect(stream?.url).toBe('/ceasefire-talks/live');
    expect(link().hidden).toBe(true);
    const region = document.querySelector('.live-bar');
    expect(region?.getAttribute('aria-live')).toBe('polite');
  });

  it('announces new updates in a polite bar without moving the text, and inserts them at the top when pressed', () => {
    const { stream, ids, bar, document } = load();
    expect(bar().hidden).toBe(true);
    stream!.emit('update', { id: '03', html: article('03', 'Sirens in the north') });
    expect(bar().hidden).toBe(false);
    expect(bar().textContent).toBe('1 new update');
    stream!.emit('update', { id: '04', html: article('04', 'All clear') });
    expect(bar().textContent).toBe('2 new updates');
    // Nothing moved under the reader yet.
    expect(ids()).toEqual(['update-02', 'update-01']);

    bar().click();
    expect(ids()).toEqual(['update-04', 'update-03', 'update-02', 'update-01']);
    expect(document.getElementById('update-03')?.textContent).toBe('Sirens in the north');
    expect(bar().hidden).toBe(true);
    expect(document.activeElement?.id).toBe('update-04');
  });

  it('inserts waiting updates by the time they were posted, whatever order they arrived in', () => {
    const { stream, ids, bar } = load();
    stream!.emit('update', {
      id: '04',
      html: article('04', 'Later'),
      publishedAt: '2026-12-07T19:04:00Z',
    });
    stream!.emit('update', {
      id: '03',
      html: article('03', 'Earlier'),
      publishedAt: '2026-12-07T19:03:00Z',
    });
    bar().click();
    expect(ids()).toEqual(['update-04', 'update-03', 'update-02', 'update-01']);
  });

  it('does not count an update already on the page or already waiting', () => {
    const { stream, ids, bar } = load();
    stream!.emit('update', { id: '02', html: '<li id="update-02"><p>Second</p></li>' });
    expect(bar().hidden).toBe(true);
    stream!.emit('update', { id: '03', html: article('03', 'Third') });
    stream!.emit('update', { id: '03', html: article('03', 'Third') });
    expect(bar().textContent).toBe('1 new update');
    bar().click();
    expect(ids()).toEqual(['update-03', 'update-02', 'update-01']);
  });

  it('replaces a changed update in place, and a waiting one before it is shown', () => {
    const { stream, document, bar, ids } = load();
    stream!.emit('update-changed', {
      id: '01',
      html: '<li id="update-01"><p>First, corrected</p></li>',
    });
    expect(document.getElementById('update-01')?.textContent).toBe('First, corrected');
    expect(ids()).toEqual(['update-02', 'update-01']);
    stream!.emit('update', { id: '03', html: article('03', 'Draft wording') });
    stream!.emit('update-changed', { id: '03', html: article('03', 'Final wording') });
    expect(bar().textContent).toBe('1 new update');
    bar().click();
    expect(document.getElementById('update-03')?.textContent).toBe('Final wording');
  });

  it('removes a deleted update, shows its removal note when there is one, and uncounts a waiting one', () => {
    const { stream, document, bar, ids } = load();
    stream!.emit('update-deleted', { id: '02', html: '' });
    expect(ids()).toEqual(['update-01']);
    stream!.emit('update-deleted', {
      id: '01',
      html: '<li id="update-01"><p>An update was removed.</p></li>',
    });
    expect(document.getElementById('update-01')?.textContent).toBe('An update was removed.');
    stream!.emit('update', { id: '03', html: article('03', 'Third') });
    stream!.emit('update', { id: '04', html: article('04', 'Fourth') });
    stream!.emit('update-deleted', { id: '03', html: '' });
    expect(bar().textContent).toBe('1 new update');
    bar().click();
    expect(ids()).toEqual(['update-04', 'update-01']);
  });

  it('stops following when coverage ends, shows the notice and keeps the waiting updates', () => {
    const { stream, document, bar } = load();
    stream!.emit('update', { id: '03', html: article('03', 'Last one') });
    stream!.emit('ended', {
      id: 'ended',
      html: '<p class="live-ended">This live page has ended</p>',
    });
    expect(stream!.isClosed).toBe(true);
    expect(document.querySelector('.live-ended')?.textContent).toBe('This live page has ended');
    expect(bar().textContent).toBe('1 new update');
  });

  it('brings the reload link back when the stream is refused for good', () => {
    const { stream, link } = load();
    stream!.readyState = 2;
    stream!.emit('error');
    expect(link().hidden).toBe(false);
  });

  it('ignores events whose data it cannot read', () => {
    const { stream, bar } = load();
    for (const listener of ['update', 'update-changed', 'update-deleted']) {
      (
        stream as unknown as { listeners: Map<string, Array<(e: { data: string }) => void>> }
      ).listeners
        .get(listener)!
        .forEach((l) => l({ data: 'not json' }));
    }
    expect(bar().hidden).toBe(true);
  });

  it('does nothing on pages without a live stream, and stays small', () => {
    load({ html: '<main><p>An ordinary story</p></main>' });
    expect(StandInEventSource.made).toHaveLength(0);
    expect(Buffer.byteLength(liveJs)).toBeLessThan(4 * 1024);
  });
});
