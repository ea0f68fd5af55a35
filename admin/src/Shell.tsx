import { useEffect, type ReactNode } from 'react';
import { pathOf, type Screen } from './routes.js';
import type { StaffUser } from './types.js';

const titles: Record<Screen, string> = { stories: 'Stories', 'news-feed': 'News Feed' };

export function Shell(props: {
  user: StaffUser;
  screen: Screen;
  onNavigate: (screen: Screen) => void;
  onSignOut: () => Promise<void>;
  children: ReactNode;
}) {
  useEffect(() => {
    document.title = `${titles[props.screen]} · Masthead admin`;
  }, [props.screen]);

  const link = (screen: Screen, label: string) => (
    <a
      href={pathOf(screen)}
      aria-current={props.screen === screen ? 'page' : undefined}
      onClick={(event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        props.onNavigate(screen);
        // Move focus to the new screen's heading, as a page load would for a screen reader.
        requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());
      }}
    >
      {label}
    </a>
  );

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Masthead</span>
        <nav aria-label="Admin">
          <ul>
            <li>{link('stories', 'Stories')}</li>
            <li>{link('news-feed', 'News Feed')}</li>
          </ul>
        </nav>
        <div className="account">
          <span className="who">{props.user.name}</span>
          <button type="button" className="secondary" onClick={() => void props.onSignOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main">{props.children}</main>
    </div>
  );
}
