// The admin's memory of a sign-in in this browser (App.tsx; accepting an invitation signs in too).

/**
 * Whether this browser signed in before. The session cookie is HttpOnly, so the app cannot see
 * it; without this hint every visit would start with a GET /session that answers 401 (which the
 * browser logs as a failed request) for someone who never signed in here.
 */
export const sessionHint = {
  key: 'masthead-admin:signed-in',
  get: () => {
    try {
      return window.localStorage.getItem(sessionHint.key) === '1';
    } catch {
      return true;
    }
  },
  set: (signedIn: boolean) => {
    try {
      if (signedIn) window.localStorage.setItem(sessionHint.key, '1');
      else window.localStorage.removeItem(sessionHint.key);
    } catch {
      // Storage disabled: the app still works, it just asks the server each time.
    }
  },
};
