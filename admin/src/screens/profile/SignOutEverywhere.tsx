import type { ApiClient } from '../../api.js';
import { ConfirmAction } from '../../ui/ConfirmAction.js';

/** Ends every session of the account, this one too, then shows the sign-in screen. */
export function SignOutEverywhere({ api }: { api: ApiClient }) {
  return (
    <section className="profile-card" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Sessions</h2>
      <p>Lost a device or signed in on a shared computer? Sign out everywhere, including here.</p>
      <ConfirmAction
        label="Sign out everywhere"
        question="Sign out on every device, including this one? You will need your password to sign in again."
        confirmLabel="Sign out everywhere"
        onConfirm={async () => {
          await api.post('/session/sign-out-everywhere');
          // The cookie is gone: a fresh load finds no session and shows the sign-in screen.
          window.location.assign('/admin/');
        }}
      />
    </section>
  );
}
