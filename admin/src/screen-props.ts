import type { ApiClient } from './api.js';
import type { Navigate, Params } from './routes.js';
import type { Session } from './types.js';

/** What every signed-in screen is given by the app. */
export interface ScreenProps {
  api: ApiClient;
  session: Session;
  /** The `:name` segments of the screen's path. */
  params: Params;
  /** The query string of the current address, e.g. `?status=draft`. */
  search: string;
  navigate: Navigate;
  /** The signed-in user changed (e.g. their name on My profile): the shell shows the new one. */
  onUserChanged: (user: Session['user']) => void;
}

/** What the signed-out screens (password reset, accepting an invitation) are given. */
export interface PublicScreenProps {
  api: ApiClient;
  search: string;
  navigate: Navigate;
}
