import { describe, expect, it } from 'vitest';
import { detectEmbedProvider, embedFrame, embedFrameOrigins } from './embed-providers.js';

describe('detectEmbedProvider', () => {
  it.each([
    ['https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'youtube'],
    ['https://youtu.be/dQw4w9WgXcQ', 'youtube'],
    ['https://vimeo.com/76979871', 'vimeo'],
    ['https://twitter.com/a/status/1', 'x'],
    ['https://x.com/a/status/1', 'x'],
    ['https://www.instagram.com/p/abc/', 'instagram'],
    ['https://www.tiktok.com/@a/video/1', 'tiktok'],
    ['https://soundcloud.com/artist/track', 'soundcloud'],
    ['https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC', 'spotify'],
    ['https://datawrapper.dwcdn.net/AbC12/3/', 'datawrapper'],
    ['https://public.flourish.studio/visualisation/123456/', 'flourish'],
    ['https://www.google.com/maps/place/Somewhere', 'googleMaps'],
    ['https://maps.app.goo.gl/abc', 'googleMaps'],
  ])('%s is %s', (url, provider) => {
    expect(detectEmbedProvider(url)).toBe(provider);
  });

  it.each([
    'https://evil.example/watch?v=dQw4w9WgXcQ',
    'https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ',
    'https://www.google.com/search?q=maps',
    'javascript:alert(1)//youtube.com',
    '//www.youtube.com/watch?v=dQw4w9WgXcQ',
  ])('rejects %s', (url) => {
    expect(detectEmbedProvider(url)).toBeUndefined();
  });
});

describe('embedFrame', () => {
  it('builds privacy-enhanced player URLs from the extracted ID only', () => {
    expect(embedFrame('youtube', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s')?.src).toBe(
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=42',
    );
    expect(embedFrame('youtube', 'https://youtu.be/dQw4w9WgXcQ')?.src).toBe(
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
    );
    expect(embedFrame('youtube', 'https://www.youtube.com/shorts/dQw4w9WgXcQ')?.src).toBe(
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
    );
    expect(embedFrame('vimeo', 'https://vimeo.com/76979871')?.src).toBe(
      'https://player.vimeo.com/video/76979871?dnt=1',
    );
    expect(
      embedFrame('spotify', 'https://open.spotify.com/intl-de/album/4aawyAB9vmqN3uQ7FjRGTy')?.src,
    ).toBe('https://open.spotify.com/embed/album/4aawyAB9vmqN3uQ7FjRGTy');
    expect(embedFrame('datawrapper', 'https://www.datawrapper.de/_/AbC12/')?.src).toBe(
      'https://datawrapper.dwcdn.net/AbC12/',
    );
    expect(
      embedFrame('flourish', 'https://public.flourish.studio/visualisation/123456/')?.src,
    ).toBe('https://flo.uri.sh/visualisation/123456/embed');
    expect(embedFrame('soundcloud', 'https://soundcloud.com/artist/track')?.src).toBe(
      'https://w.soundcloud.com/player/?url=https%3A%2F%2Fsoundcloud.com%2Fartist%2Ftrack&auto_play=false&visual=false',
    );
  });

  it('gives no frame for social posts, bad IDs or a mismatched provider', () => {
    expect(embedFrame('x', 'https://x.com/a/status/1')).toBeUndefined();
    expect(embedFrame('youtube', 'https://www.youtube.com/watch?v=%22onload%3D')).toBeUndefined();
    expect(embedFrame('youtube', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ"')).toBeUndefined();
    expect(embedFrame('vimeo', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ')).toBeUndefined();
  });
});

describe('embedFrameOrigins', () => {
  it('holds the origin of every player frame we build, so the reader CSP lets them load', () => {
    const samples = [
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      'https://vimeo.com/76979871',
      'https://soundcloud.com/artist/track',
      'https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC',
      'https://datawrapper.dwcdn.net/AbC12/3/',
      'https://public.flourish.studio/visualisation/123456/',
    ];
    for (const url of samples) {
      const provider = detectEmbedProvider(url);
      const frame = provider && embedFrame(provider, url);
      expect(frame, url).toBeDefined();
      expect(embedFrameOrigins as readonly string[]).toContain(new URL(frame!.src).origin);
    }
  });
});
