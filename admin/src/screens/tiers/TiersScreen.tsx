import type { ScreenProps } from '../../screen-props.js';

// Placeholder until this screen is built.
export function TiersScreen(_props: ScreenProps) {
  return (
    <section>
      <h1 tabIndex={-1}>Tiers and prices</h1>
    </section>
  );
}
