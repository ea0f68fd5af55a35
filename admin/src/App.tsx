import { useCallback, useEffect, useState } from 'react';
import { ApiError, type ApiClient } from './api.js';
import { NewsFeedComposer } from './NewsFeedComposer.js';
import { pathOf, screenOf, type Screen } from './routes.js';
import { Shell } from './Shell.js';
import { SignIn } from './SignIn.js';
import { StoriesList } from './StoriesList.js';
import type { Session } from './types.js';

/**
 * Whether this browser signed in before. The session cookie is HttpOnly, so the app cannot see
 * it; without this hint every visit would start with a GET /session that answers 401 (which the
 * browser logs as a failed request) for someone who never signed in here.
 */
const hint = {
  key: 'masthead-admin:signed-in',
  get: () => {
    try {
      return window.localStorage.getItem(hint.key) === '1';
    } catch {
      return true;
    }
  },
  set: (signedIn: boolean) => {
    try {
      if (signedIn) window.localStorage.setItem(hint.key, '1');
      else window.localStorage.removeItem(hint.key);
    } catch {
      // Storage disabled: the app still works, it just asks the server each time.
    }
  },
};

type SessionState =
  { kind: 'loading' } | { kind: 'signed-out' } | { kind: 'signed-in'; session: Session };

export function App({ api }: { api: ApiClient }) {
  const [state, setState] = useState<SessionState>(() =>
    hint.get() ? { kind: 'loading' } : { kind: 'signed-out' },
  );
  const [screen, setScreen] = useState<Screen>(() => screenOf(window.location.pathname));
  const [loadError, setLoadError] = useState<string | null>(null);

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
      .get<Session>('/session')
      .then((session) => !cancelled && signedIn(session))
      .catch((error: unknown) => {
        if (cancelled) return;
        if (!(error instanceof ApiError && error.status === 401))
          setLoadError(error instanceof Error ? error.message : String(error));
        else hint.set(false);
        setState({ kind: 'signed-out' });
      });
    return () => {
      cancelled = true;
    };
  }, [api, signedIn]);

  useEffect(() => {
    const onPop = () => setScreen(screenOf(window.location.pathname));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const navigate = useCallback((next: Screen) => {
    if (window.location.pathname !== pathOf(next)) window.history.pushState(null, '', pathOf(next));
    setScreen(next);
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.del('/session');
    } catch {
      // Signed out already (or the session expired): the sign-in screen is right either way.
    }
    api.setCsrfToken(null);
    hint.set(false);
    setState({ kind: 'signed-out' });
  }, [api]);

  if (state.kind === 'loading')
    return (
      <p className="loading" role="status">
        Loading…
      </p>
    );
  if (state.kind === 'signed-out')
    return <SignIn api={api} onSignedIn={signedIn} notice={loadError} />;
  return (
    <Shell user={state.session.user} screen={screen} onNavigate={navigate} onSignOut={signOut}>
      {screen === 'news-feed' ? (
        <NewsFeedComposer api={api} />
      ) : (
        <StoriesList api={api} onCompose={() => navigate('news-feed')} />
      )}
    </Shell>
  );
}
