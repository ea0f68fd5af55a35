import type { ScreenProps } from '../../screen-props.js';

// Placeholder until this screen is built.
export function ProfileScreen(_props: ScreenProps) {
  return (
    <section>
      <h1 tabIndex={-1}>My profile</h1>
    </section>
  );
}
