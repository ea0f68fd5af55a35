import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useCallback, useEffect, useState } from 'react';
import { ApiError, type ApiClient } from './api.js';
import { matchPath, type Navigate, type Params } from './routes.js';
import { mayOpen, publicScreens, screens } from './screens.js';
import { Shell } from './Shell.js';
import { NewsroomClockProvider } from './ui/newsroom-clock.js';
import { SignIn } from './SignIn.js';
import { sessionHint as hint } from './session-hint.js';
import type { Session } from './types.js';

type SessionState =
  { kind: 'loading' } | { kind: 'signed-out' } | { kind: 'signed-in'; session: Session };

interface Location {
  pathname: string;
  search: string;
}

const here = (): Location => ({
  pathname: window.location.pathname.replace(/\/+$/, '') || '/',
  search: window.location.search,
});

/** The screen for a path, with its params; the first matching pattern wins. */
function find<T extends { pattern: string }>(
  list: readonly T[],
  pathname: string,
): { def: T; params: Params } | null {
  for (const def of list) {
    const params = matchPath(def.pattern, pathname);
    if (params) return { def, params };
  }
  return null;
}

export function App({ api }: { api: ApiClient }) {
  const [state, setState] = useState<SessionState>(() =>
    hint.get() ? { kind: 'loading' } : { kind: 'signed-out' },
  );
  const [location, setLocation] = useState<Location>(here);
  const [loadError, setLoadError] = useState<string | null>(null);
  const queryClient = useQueryClient();

  const signedIn = useCallback(
    (session: Session) => {
      api.setCsrfToken(session.csrfToken);
      hint.set(true);
      setState({ kind: 'signed-in', session });
    },
    [api],
  );

  useEffect(() => {
    if (!hint.get()) return;
    let cancelled = false;
    api
      .get('/session')
      .then((session) => !cancelled && signedIn(session))
      .catch((error: unknown) => {
        if (cancelled) return;
        if (!(error instanceof ApiError && error.is('UNAUTHORIZED')))
          setLoadError(error instanceof Error ? error.message : String(error));
        else hint.set(false);
        setState({ kind: 'signed-out' });
      });
    return () => {
      cancelled = true;
    };
  }, [api, signedIn]);

  useEffect(() => {
    const onPop = () => setLocation(here());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const navigate: Navigate = useCallback((path, options) => {
    const url = new URL(path, window.location.origin);
    if (`${window.location.pathname}${window.location.search}` !== `${url.pathname}${url.search}`) {
      if (options?.replace) window.history.replaceState(null, '', url.pathname + url.search);
      else window.history.pushState(null, '', url.pathname + url.search);
    }
    setLocation(here());
    window.scrollTo(0, 0);
    // Move focus to the new screen's heading, as a page load would for a screen reader.
    const focusHeading = (tries: number) => {
      const heading = document.querySelector<HTMLElement>('main h1');
      if (heading) heading.focus();
      else if (tries > 0) setTimeout(() => focusHeading(tries - 1), 50);
    };
    requestAnimationFrame(() => focusHeading(20));
  }, []);

  const onUserChanged = useCallback(
    (user: Session['user']) =>
      setState((current) =>
        current.kind === 'signed-in'
          ? { kind: 'signed-in', session: { ...current.session, user } }
          : current,
      ),
    [],
  );

  const signOut = useCallback(async () => {
    try {
      await api.del('/session');
    } catch {
      // Signed out already (or the session expired): the sign-in screen is right either way.
    }
    api.setCsrfToken(null);
    hint.set(false);
    // The next person to sign in on this browser must not see this one's answers.
    queryClient.clear();
    setState({ kind: 'signed-out' });
  }, [api, queryClient]);

  const publicScreen = find(publicScreens, location.pathname);
  if (publicScreen) {
    const Screen = publicScreen.def.component;
    return (
      <main id="main" className="public-screen">
        <Suspense fallback={<Loading />}>
          <Screen api={api} search={location.search} navigate={navigate} />
        </Suspense>
      </main>
    );
  }

  if (state.kind === 'loading') return <Loading />;
  if (state.kind === 'signed-out')
    return <SignIn api={api} onSignedIn={signedIn} notice={loadError} />;

  const session = state.session;
  const match = find(screens, location.pathname);
  const allowed = match && mayOpen(match.def, session.user.role);
  const Screen = match?.def.component;
  return (
    <Shell
      user={session.user}
      title={match?.def.title ?? 'Not found'}
      pathname={location.pathname}
      navigate={navigate}
      onSignOut={signOut}
    >
      {!match || !Screen ? (
        <section>
          <h1 tabIndex={-1}>Not found</h1>
          <p>There is no admin screen at this address.</p>
        </section>
      ) : !allowed ? (
        <section>
          <h1 tabIndex={-1}>{match.def.title}</h1>
          <p>Your role ({session.user.role}) cannot open this screen.</p>
        </section>
      ) : (
        <NewsroomClockProvider api={api} pathname={location.pathname}>
          <Suspense fallback={<Loading />}>
            <Screen
              // A new key per path remounts the screen, so /stories/a → /stories/b starts fresh.
              key={location.pathname}
              api={api}
              session={session}
              params={match.params}
              search={location.search}
              navigate={navigate}
              onUserChanged={onUserChanged}
            />
          </Suspense>
        </NewsroomClockProvider>
      )}
    </Shell>
  );
}

function Loading() {
  return (
    <p className="loading" role="status">
      Loading…
    </p>
  );
}
