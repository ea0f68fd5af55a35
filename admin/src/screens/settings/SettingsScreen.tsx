import type { ScreenProps } from '../../screen-props.js';

// Placeholder until this screen is built.
export function SettingsScreen(_props: ScreenProps) {
  return (
    <section>
      <h1 tabIndex={-1}>Settings</h1>
    </section>
  );
}
