import type { ScreenProps } from '../../screen-props.js';

// Placeholder until this screen is built.
export function StaffScreen(_props: ScreenProps) {
  return (
    <section>
      <h1 tabIndex={-1}>Staff</h1>
    </section>
  );
}
