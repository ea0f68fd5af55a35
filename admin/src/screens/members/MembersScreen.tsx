import type { ScreenProps } from '../../screen-props.js';

// Placeholder until this screen is built.
export function MembersScreen(_props: ScreenProps) {
  return (
    <section>
      <h1 tabIndex={-1}>Members</h1>
    </section>
  );
}
