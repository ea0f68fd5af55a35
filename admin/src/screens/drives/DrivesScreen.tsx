import type { ScreenProps } from '../../screen-props.js';

// Placeholder until this screen is built.
export function DrivesScreen(_props: ScreenProps) {
  return (
    <section>
      <h1 tabIndex={-1}>Membership drives</h1>
    </section>
  );
}
