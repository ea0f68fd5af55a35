import type { PublicScreenProps } from '../../screen-props.js';

// Placeholder until this screen is built.
export function ResetPasswordScreen(_props: PublicScreenProps) {
  return (
    <section>
      <h1 tabIndex={-1}>Choose a new password</h1>
    </section>
  );
}
