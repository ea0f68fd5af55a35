import type { ScreenProps } from '../../screen-props.js';

// Placeholder until this screen is built.
export function MediaScreen(_props: ScreenProps) {
  return (
    <section>
      <h1 tabIndex={-1}>Media library</h1>
    </section>
  );
}
