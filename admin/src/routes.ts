// The app's few screens, addressed by path under /admin/ so that reloads and links work (the
// server answers every such path with the app's index.html).

export type Screen = 'stories' | 'news-feed';

const base = '/admin/';
const paths: Record<Screen, string> = { stories: base, 'news-feed': `${base}news-feed/new` };

export const pathOf = (screen: Screen): string => paths[screen];

export function screenOf(pathname: string): Screen {
  return pathname.replace(/\/+$/, '') === paths['news-feed'] ? 'news-feed' : 'stories';
}
