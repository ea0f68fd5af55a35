import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError, messageOf, type ApiClient } from './api.js';
import { teamKeys } from './query/queries.js';
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

/**
 * Asks the server who is signed in, and adopts the session it names (its CSRF token goes with
 * every write). Null when nobody is: the hint is dropped, so the next visit does not ask.
 */
async function checkSession(api: ApiClient): Promise<Session | null> {
  try {
    const session = await api.get('/session');
    api.setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (!(error instanceof ApiError && error.is('UNAUTHORIZED'))) throw error;
    hint.set(false);
    return null;
  }
}

const signedOut: SessionState = { kind: 'signed-out' };

export function App({ api }: { api: ApiClient }) {
  // Read once, when the app opens: a browser that never signed in here is not asked at all.
  const [hasHint] = useState(() => hint.get());
  /** The session after the person signs in or out here; null until then (the check decides). */
  const [changed, setChanged] = useState<SessionState | null>(null);
  const [location, setLocation] = useState<Location>(here);
  const queryClient = useQueryClient();
  const check = useQuery({
    queryKey: teamKeys.session,
    queryFn: () => checkSession(api),
    // Once the person signs in or out here, the answer at start no longer matters.
    enabled: hasHint && changed === null,
    staleTime: Infinity,
  });
  const checked = useMemo<SessionState>(
    () =>
      !hasHint
        ? signedOut
        : check.data
          ? { kind: 'signed-in', session: check.data }
          : check.isPending
            ? { kind: 'loading' }
            : signedOut,
    [hasHint, check.data, check.isPending],
  );
  const state = changed ?? checked;
  const loadError = changed === null && check.error ? messageOf(check.error) : null;

  const signedIn = useCallback(
    (session: Session) => {
      api.setCsrfToken(session.csrfToken);
      hint.set(true);
      setChanged({ kind: 'signed-in', session });
    },
    [api],
  );

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
      setChanged((current) => {
        const now = current ?? checked;
        return now.kind === 'signed-in'
          ? { kind: 'signed-in', session: { ...now.session, user } }
          : now;
      }),
    [checked],
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
    setChanged(signedOut);
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
