import type { ScreenProps } from '../../screen-props.js';

// Placeholder until this screen is built.
export function DashboardScreen(_props: ScreenProps) {
  return (
    <section>
      <h1 tabIndex={-1}>Dashboard</h1>
    </section>
  );
}
