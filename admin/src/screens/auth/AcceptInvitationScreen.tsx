import type { PublicScreenProps } from '../../screen-props.js';

// Placeholder until this screen is built.
export function AcceptInvitationScreen(_props: PublicScreenProps) {
  return (
    <section>
      <h1 tabIndex={-1}>Join the newsroom</h1>
    </section>
  );
}
