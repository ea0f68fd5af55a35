import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Navigate } from './routes.js';
import { mayOpen, screens, type NavGroup } from './screens.js';
import type { StaffUser } from './types.js';
import { AppLink } from './ui/AppLink.js';

const groups: NavGroup[] = ['Newsroom', 'Audience', 'Team and site'];

/** The nav entry that holds `pathname`: its own path, or the longest one it sits under. */
function currentNav(pathname: string): string | undefined {
  return screens
    .filter(
      (s) =>
        s.nav &&
        // The dashboard is /admin itself, not everything under it.
        (pathname === s.pattern ||
          (s.pattern !== '/admin' && pathname.startsWith(`${s.pattern}/`))),
    )
    .sort((a, b) => b.pattern.length - a.pattern.length)[0]?.pattern;
}

export function Shell(props: {
  user: StaffUser;
  title: string;
  pathname: string;
  navigate: Navigate;
  onSignOut: () => Promise<void>;
  children: ReactNode;
}) {
  useEffect(() => {
    document.title = `${props.title} · Masthead admin`;
  }, [props.title]);

  // On a phone the navigation folds into a menu; any navigation closes it again (set while
  // rendering the new path, so the new screen never draws with the menu open).
  const [menu, setMenu] = useState({ isOpen: false, pathname: props.pathname });
  if (menu.pathname !== props.pathname) setMenu({ isOpen: false, pathname: props.pathname });
  const isMenuOpen = menu.isOpen;
  const setMenuOpen = (isOpen: boolean) => setMenu({ isOpen, pathname: props.pathname });
  const menuButton = useRef<HTMLButtonElement>(null);
  const nav = useRef<HTMLElement>(null);
  // The links come later in the page than the button: opening moves focus to the current one.
  const toggleMenu = () => {
    const willOpen = !isMenuOpen;
    setMenuOpen(willOpen);
    if (willOpen) {
      requestAnimationFrame(() => {
        const links = nav.current;
        const link = links?.querySelector<HTMLElement>('a[aria-current="page"]');
        (link ?? links?.querySelector<HTMLElement>('a'))?.focus();
      });
    }
  };
  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !isMenuOpen) return;
    setMenuOpen(false);
    menuButton.current?.focus();
  };

  const current = currentNav(props.pathname);
  const visible = screens.filter((s) => s.nav && mayOpen(s, props.user.role));

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <button
          ref={menuButton}
          type="button"
          className="secondary menu-button"
          aria-expanded={isMenuOpen}
          aria-controls="admin-nav"
          onClick={toggleMenu}
          onKeyDown={closeOnEscape}
        >
          Menu
        </button>
        <span className="brand">Masthead</span>
        <div className="account">
          <AppLink
            to="/admin/profile"
            navigate={props.navigate}
            className="who"
            aria-current={props.pathname === '/admin/profile' ? 'page' : undefined}
          >
            {props.user.name}
          </AppLink>
          <button type="button" className="secondary" onClick={() => void props.onSignOut()}>
            Sign out
          </button>
        </div>
      </header>
      <div className="frame">
        <nav
          ref={nav}
          aria-label="Admin"
          id="admin-nav"
          className={isMenuOpen ? 'sidebar is-open' : 'sidebar'}
          onKeyDown={closeOnEscape}
        >
          {groups.map((group) => {
            const items = visible.filter((s) => s.nav?.group === group);
            if (items.length === 0) return null;
            return (
              <div key={group} className="nav-group">
                <p className="nav-group-title">{group}</p>
                <ul>
                  {items.map((s) => (
                    <li key={s.pattern}>
                      <AppLink
                        to={s.pattern}
                        navigate={props.navigate}
                        aria-current={current === s.pattern ? 'page' : undefined}
                      >
                        {s.nav?.label}
                      </AppLink>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </nav>
        <main id="main">{props.children}</main>
      </div>
    </div>
  );
}
