// Embed allow-list. Providers are recognised by URL host; the stored oEmbed `html` is never
// rendered. Players we can build a safe, tracking-light iframe URL for get an iframe, the rest
// (posts on social networks, maps) render as a link card.
import { isHttpUrl, parseUrl } from './safe-urls.js';

export const embedProviders = [
  'youtube',
  'vimeo',
  'x',
  'instagram',
  'tiktok',
  'soundcloud',
  'spotify',
  'datawrapper',
  'flourish',
  'googleMaps',
] as const;

export type EmbedProvider = (typeof embedProviders)[number];

export const embedProviderLabels: Record<EmbedProvider, string> = {
  youtube: 'YouTube',
  vimeo: 'Vimeo',
  x: 'X',
  instagram: 'Instagram',
  tiktok: 'TikTok',
  soundcloud: 'SoundCloud',
  spotify: 'Spotify',
  datawrapper: 'Datawrapper',
  flourish: 'Flourish',
  googleMaps: 'Google Maps',
};

const providerHosts: Record<EmbedProvider, readonly string[]> = {
  youtube: [
    'youtube.com',
    'www.youtube.com',
    'm.youtube.com',
    'youtu.be',
    'www.youtube-nocookie.com',
  ],
  vimeo: ['vimeo.com', 'www.vimeo.com', 'player.vimeo.com'],
  x: ['x.com', 'www.x.com', 'twitter.com', 'www.twitter.com', 'mobile.twitter.com'],
  instagram: ['instagram.com', 'www.instagram.com'],
  tiktok: ['tiktok.com', 'www.tiktok.com', 'vm.tiktok.com'],
  soundcloud: ['soundcloud.com', 'www.soundcloud.com', 'm.soundcloud.com', 'on.soundcloud.com'],
  spotify: ['open.spotify.com'],
  datawrapper: ['datawrapper.dwcdn.net', 'www.datawrapper.de', 'datawrapper.de'],
  flourish: ['public.flourish.studio', 'flo.uri.sh'],
  googleMaps: ['maps.google.com', 'www.google.com', 'google.com', 'maps.app.goo.gl'],
};

/** The provider an embed URL belongs to, or undefined if it is not on the allow-list. */
export function detectEmbedProvider(value: string): EmbedProvider | undefined {
  if (!isHttpUrl(value)) return undefined;
  const url = parseUrl(value);
  if (!url) return undefined;
  const host = url.hostname.toLowerCase();
  for (const provider of embedProviders) {
    if (!providerHosts[provider].includes(host)) continue;
    // google.com hosts much more than maps.
    if (provider === 'googleMaps' && host.endsWith('google.com') && host !== 'maps.google.com') {
      if (!url.pathname.startsWith('/maps')) return undefined;
    }
    return provider;
  }
  return undefined;
}

/**
 * Every origin an embed iframe can load from (the `src`s built below), for the reader site's
 * Content-Security-Policy `frame-src`. Keep in step with the builders.
 */
export const embedFrameOrigins = [
  'https://www.youtube-nocookie.com',
  'https://player.vimeo.com',
  'https://w.soundcloud.com',
  'https://open.spotify.com',
  'https://datawrapper.dwcdn.net',
  'https://flo.uri.sh',
] as const;

export type EmbedFrame = {
  src: string;
  width: number;
  height: number;
  /** Whether the player needs fullscreen (video). */
  isVideo: boolean;
};

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const DIGITS = /^\d{1,20}$/;
const SLUG = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * The iframe for a provider whose player we trust, built only from IDs we extracted and
 * re-validated, never from the stored URL or html. Undefined means: render a link card.
 */
export function embedFrame(provider: EmbedProvider, value: string): EmbedFrame | undefined {
  const url = detectEmbedProvider(value) === provider ? parseUrl(value) : undefined;
  if (!url) return undefined;
  const segments = url.pathname.split('/').filter((segment) => segment !== '');
  switch (provider) {
    case 'youtube':
      return youtubeFrame(url, segments);
    case 'vimeo':
      return vimeoFrame(segments);
    case 'soundcloud':
      return soundcloudFrame(url, segments);
    case 'spotify':
      return spotifyFrame(segments);
    case 'datawrapper':
      return datawrapperFrame(segments);
    case 'flourish':
      return flourishFrame(segments);
    default:
      return undefined;
  }
}

function youtubeFrame(url: URL, segments: string[]): EmbedFrame | undefined {
  const [first, second] = segments;
  const id =
    url.hostname === 'youtu.be'
      ? first
      : first === 'watch'
        ? url.searchParams.get('v')
        : first !== undefined && ['embed', 'shorts', 'live', 'v'].includes(first)
          ? second
          : undefined;
  if (!id || !YOUTUBE_ID.test(id)) return undefined;
  const start = (url.searchParams.get('t') ?? url.searchParams.get('start') ?? '').replace(
    /s$/,
    '',
  );
  const query = DIGITS.test(start) ? `?start=${start}` : '';
  return {
    src: `https://www.youtube-nocookie.com/embed/${id}${query}`,
    width: 560,
    height: 315,
    isVideo: true,
  };
}

function vimeoFrame(segments: string[]): EmbedFrame | undefined {
  // vimeo.com/123, vimeo.com/123/abcdef (unlisted), player.vimeo.com/video/123,
  // vimeo.com/channels/name/123
  const index = segments.findIndex((segment) => DIGITS.test(segment));
  const id = segments[index];
  if (id === undefined) return undefined;
  const hash = segments[index + 1];
  const query = hash !== undefined && /^[0-9a-f]{6,20}$/.test(hash) ? `?h=${hash}&dnt=1` : '?dnt=1';
  return {
    src: `https://player.vimeo.com/video/${id}${query}`,
    width: 640,
    height: 360,
    isVideo: true,
  };
}

function soundcloudFrame(url: URL, segments: string[]): EmbedFrame | undefined {
  // on.soundcloud.com short links need a redirect we cannot follow here.
  if (url.hostname === 'on.soundcloud.com') return undefined;
  if (segments.length < 2 || segments.length > 3 || !segments.every((s) => SLUG.test(s))) {
    return undefined;
  }
  const track = encodeURIComponent(`https://soundcloud.com/${segments.join('/')}`);
  return {
    src: `https://w.soundcloud.com/player/?url=${track}&auto_play=false&visual=false`,
    width: 640,
    height: 166,
    isVideo: false,
  };
}

const SPOTIFY_TYPES = ['track', 'album', 'playlist', 'episode', 'show', 'artist'];

function spotifyFrame(segments: string[]): EmbedFrame | undefined {
  const rest = segments[0]?.startsWith('intl-') ? segments.slice(1) : segments;
  const [kind, id] = rest[0] === 'embed' ? rest.slice(1) : rest;
  if (kind === undefined || !SPOTIFY_TYPES.includes(kind)) return undefined;
  if (id === undefined || !/^[A-Za-z0-9]{22}$/.test(id)) return undefined;
  const height = kind === 'track' || kind === 'episode' ? 152 : 352;
  return {
    src: `https://open.spotify.com/embed/${kind}/${id}`,
    width: 640,
    height,
    isVideo: false,
  };
}

function datawrapperFrame(segments: string[]): EmbedFrame | undefined {
  // datawrapper.dwcdn.net/ABCDE/3/ or www.datawrapper.de/_/ABCDE/
  const [first, second] = segments;
  const id = first === '_' ? second : first;
  if (id === undefined || !/^[A-Za-z0-9]{5}$/.test(id)) return undefined;
  const version = first !== '_' && second !== undefined && DIGITS.test(second) ? `${second}/` : '';
  return {
    src: `https://datawrapper.dwcdn.net/${id}/${version}`,
    width: 640,
    height: 400,
    isVideo: false,
  };
}

function flourishFrame(segments: string[]): EmbedFrame | undefined {
  const [kind, id] = segments;
  if ((kind !== 'visualisation' && kind !== 'story') || id === undefined || !DIGITS.test(id)) {
    return undefined;
  }
  return { src: `https://flo.uri.sh/${kind}/${id}/embed`, width: 640, height: 480, isVideo: false };
}
