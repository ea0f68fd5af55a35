import type { ScreenProps } from '../../screen-props.js';

// Placeholder until this screen is built.
export function MemberDetailScreen(_props: ScreenProps) {
  return (
    <section>
      <h1 tabIndex={-1}>Member</h1>
    </section>
  );
}
